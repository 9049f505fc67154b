import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField } from "../../../components/Field";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors } from "../../../lib/api/problem";
import { usePermission, useUser } from "../../../lib/auth/useAuth";
import { formatDate, formatDateTime, localized } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import { StaleAlert } from "../../../components/StaleAlert";
import { useReport, useReportStep, type Report, type ReportStep } from "../api/reports";
import { isReportEditable } from "../model/indicators";
import { CountriesCell, ExecutionBadge, ReportStatusBadge } from "./ReportBadges";
import { ReportForm } from "./ReportForm";
import { useReportContext, type ReportContext } from "./ReportContext";
import { Notice } from "../../../components/Notice";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { activityStatus, nextActivityStatuses, type ActivityStatus } from "../../../lib/plans/activityStatus";

/** One progress report, with the review steps its status and the user's role allow. */
export default function ReportPage() {
  const { reportId = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useUser();
  const can = usePermission();
  const report = useReport(reportId);
  const context = useReportContext(report.data ? [report.data.data] : []);
  const step = useReportStep(reportId);
  const [editing, setEditing] = useState(false);
  // The review step waiting for its confirmation, if any.
  const [confirming, setConfirming] = useState<"approve" | "return" | null>(null);
  const [reason, setReason] = useState("");
  // The status the activity takes with the approval ("": it stays as it is).
  const [nextStatus, setNextStatus] = useState<ActivityStatus | "">("");
  const [done, setDone] = useState<string | null>(null);
  const [formGeneration, setFormGeneration] = useState(0);

  if (report.isPending) return <Loading />;
  if (report.isError) return <ProblemAlert error={report.error} />;
  const { data: r, etag } = report.data;

  const reviewer = can("report:review");
  const author = r.author_kind === "user" && r.author_id === user.id;
  // Its author may change it while writing reports anywhere; others, while writing any report.
  const editable = isReportEditable(r.status) && can("report:write", { kind: "report", mine: author });
  const reviewable = reviewer && r.status === "submitted";
  const apiError = step.error instanceof ApiError ? step.error : null;
  const stale = apiError?.status === 412;
  const fieldErrors = apiError && apiError.status === 422 ? problemToFieldErrors(apiError.problem) : {};
  const reasonErrors = fieldErrors.reason;
  const statusErrors = fieldErrors.activity_status;
  const currentStatus = activityStatus(r.activity_status);
  const statusLabel = (s: ActivityStatus) => t(`plans.activityStatus.${s}`);
  const reload = async () => {
    await report.refetch();
    setFormGeneration((g) => g + 1);
  };
  const run = (s: ReportStep, extra?: { reason?: string; activityStatus?: ActivityStatus }) => {
    setDone(null);
    step.mutate(
      { step: s, etag, version: r.version, ...extra },
      {
        onSuccess: (after) => {
          const moved = s === "approve" && extra?.activityStatus;
          setDone(
            moved
              ? t("monitoring.workflow.done.approveWithStatus", { code: after.activity_code, status: statusLabel(activityStatus(after.activity_status)) })
              : t(`monitoring.workflow.done.${s}`),
          );
          setConfirming(null);
          setReason("");
          setNextStatus("");
        },
      },
    );
  };
  const ask = (s: "approve" | "return") => {
    setDone(null);
    step.reset();
    setConfirming(s);
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/plans/${r.plan_id}/nodes/${r.node_id}`}>← {t("monitoring.page.backToActivity", { code: r.activity_code })}</Link>
        {context.planTitle(r) && (
          <>
            {" · "}
            <Link to={`/plans/${r.plan_id}`}>{context.planTitle(r)}</Link>
          </>
        )}
        {reviewer && (
          <>
            {" · "}
            <Link to="/reports">{t("monitoring.queue.title")}</Link>
          </>
        )}
      </p>
      <PageTitle>{t("monitoring.page.title", { code: r.activity_code, date: formatDate(r.reported_on, lang) })}</PageTitle>
      <p className="muted small">
        <ReportStatusBadge status={r.status} /> {t("monitoring.page.version", { version: r.version })} ·{" "}
        {t("monitoring.page.updated", { when: formatDateTime(r.updated_at, lang) })}
      </p>

      {r.status === "returned" && r.return_reason && (
        <div className={`alert ${author ? "alert-warning" : "alert-info"} return-reason`} role={author ? "alert" : undefined} data-testid="return-reason">
          <p className="alert-title">{author ? t("monitoring.page.returnedToYou") : t("monitoring.page.returned")}</p>
          <p className="prewrap">{r.return_reason}</p>
        </div>
      )}
      {done && <Notice>{done}</Notice>}
      {stale && apiError && <StaleAlert error={apiError} onReload={() => void reload().then(() => step.reset())} />}
      {step.error && !stale && !reasonErrors && !statusErrors && <ProblemAlert error={step.error} />}

      {!editing && (editable || reviewable) && (
        <section className="card workflow" aria-labelledby="workflow-title">
          <h2 id="workflow-title">{t("monitoring.workflow.title")}</h2>
          <div className="form-actions">
            {editable && (
              <>
                <button type="button" className="button-secondary" onClick={() => { setDone(null); setEditing(true); }}>
                  {t("common.edit")}
                </button>
                <button type="button" className="button-primary" disabled={step.isPending || stale} onClick={() => run("submit")}>
                  {t("monitoring.workflow.submit")}
                </button>
              </>
            )}
            {reviewable && confirming === null && (
              <>
                <button type="button" className="button-primary" disabled={step.isPending || stale} onClick={() => ask("approve")}>
                  {t("monitoring.workflow.approve")}
                </button>
                <button type="button" className="button-danger" disabled={step.isPending || stale} onClick={() => ask("return")}>
                  {t("monitoring.workflow.return")}
                </button>
              </>
            )}
          </div>
          {reviewable && confirming === "approve" && (
            <ConfirmInline
              question={
                nextStatus
                  ? t("monitoring.workflow.approveConfirmStatus", { code: r.activity_code, from: statusLabel(currentStatus), to: statusLabel(nextStatus) })
                  : t("monitoring.workflow.approveConfirm")
              }
              confirmLabel={t("monitoring.workflow.approveYes")}
              tone="primary"
              busy={step.isPending || stale}
              onConfirm={() => run("approve", { activityStatus: nextStatus || undefined })}
              onCancel={() => {
                setConfirming(null);
                setNextStatus("");
              }}
              testId="approve-form"
              takeFocus
            >
              {nextActivityStatuses(currentStatus).length > 0 ? (
                <SelectField
                  label={t("monitoring.workflow.activityStatus", { code: r.activity_code })}
                  hint={t("monitoring.workflow.activityStatusHint")}
                  value={nextStatus}
                  onChange={(e) => {
                    step.reset();
                    setNextStatus(e.target.value as ActivityStatus | "");
                  }}
                  errors={statusErrors}
                  options={[
                    { value: "", label: t("monitoring.workflow.keepStatus", { status: statusLabel(currentStatus) }) },
                    ...nextActivityStatuses(currentStatus).map((s) => ({ value: s, label: statusLabel(s) })),
                  ]}
                />
              ) : (
                <p className="muted">{t("monitoring.workflow.statusFinal", { code: r.activity_code, status: statusLabel(currentStatus) })}</p>
              )}
            </ConfirmInline>
          )}
          {reviewable && confirming === "return" && (
            <ConfirmInline
              question={t("monitoring.workflow.returnQuestion")}
              confirmLabel={t("monitoring.workflow.returnConfirm")}
              busy={step.isPending || stale}
              onConfirm={() => run("return", { reason })}
              onCancel={() => setConfirming(null)}
              testId="return-form"
            >
              <TextAreaField
                label={t("monitoring.workflow.reason")}
                hint={t("monitoring.workflow.reasonHint")}
                required
                autoFocus
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                errors={reasonErrors}
              />
            </ConfirmInline>
          )}
        </section>
      )}

      {editing && editable && (
        <ReportForm
          key={formGeneration}
          mode="edit"
          report={r}
          etag={etag}
          onReload={reload}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            setDone(t("common.saved"));
          }}
        />
      )}

      <ReportDetails report={r} context={context} />
    </>
  );
}

/** Everything a report records. */
export function ReportDetails({ report: r, context }: { report: Report; context: ReportContext }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const countries = useCountryNames(lang);
  const list = (items: string[] | undefined) => (items && items.length ? items.join(", ") : t("common.none"));
  const links = (items: string[] | null | undefined) =>
    items && items.length ? (
      <ul className="plain-list">
        {items.map((u) => (
          <li key={u}>
            <a href={u} target="_blank" rel="noopener noreferrer">
              {u}
            </a>
          </li>
        ))}
      </ul>
    ) : (
      t("common.none")
    );
  const fact = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <div className="report-grid">
      <section className="card" aria-labelledby="report-facts">
        <h2 id="report-facts">{t("monitoring.page.facts")}</h2>
        <dl className="facts" data-testid="report-facts">
          {fact(
            t("monitoring.activity"),
            <Link to={`/plans/${r.plan_id}/nodes/${r.node_id}`}>
              <span className="tree-code">{r.activity_code}</span>
              {context.activityTitle(r) && ` · ${context.activityTitle(r)}`}
            </Link>,
          )}
          {fact(t("monitoring.plan"), <Link to={`/plans/${r.plan_id}`}>{context.planTitle(r) || "…"}</Link>)}
          {fact(t("monitoring.author"), <span data-testid="report-author">{context.author(r)}</span>)}
          {fact(t("monitoring.statusLabel"), <ReportStatusBadge status={r.status} />)}
          {fact(t("monitoring.activityStatus"), <span data-testid="activity-status">{t(`plans.activityStatus.${activityStatus(r.activity_status)}`)}</span>)}
          {fact(t("monitoring.reportedOn"), formatDate(r.reported_on, lang))}
          {fact(t("monitoring.execution.label"), <ExecutionBadge execution={r.execution} />)}
          {fact(t("monitoring.narrative"), r.narrative ? <span className="prewrap">{localized(r.narrative, lang)}</span> : t("common.none"))}
          {fact(t("monitoring.evidence"), links(r.evidence))}
        </dl>
      </section>
      <section className="card" aria-labelledby="report-participants">
        <h2 id="report-participants">{t("monitoring.form.participants")}</h2>
        <dl className="facts">
          {fact(
            t("monitoring.form.cities"),
            r.cities.some((c) => c.named_by_report !== false)
              ? r.cities
                  .filter((c) => c.named_by_report !== false)
                  .map((c) => `${c.name} (${countries.name(c.country)})`)
                  .join(", ")
              : t("common.none"),
          )}
          {r.cities.some((c) => c.attended_events?.length) &&
            fact(
              t("monitoring.citiesAtEvents"),
              <span data-testid="report-cities-attended">
                {r.cities
                  .filter((c) => c.attended_events?.length)
                  .map((c) => `${c.name} (${countries.name(c.country)})`)
                  .join(", ")}
              </span>,
            )}
          {fact(t("monitoring.countries"), <CountriesCell countries={r.countries} band={r.country_band} />)}
          {fact(t("monitoring.participants.organizations"), list(r.organizations))}
          {fact(t("monitoring.participants.mercosur_institutions"), list(r.mercosur_institutions))}
          {fact(t("monitoring.participants.specific_groups"), list(r.specific_groups))}
        </dl>
      </section>
      <section className="card span-2" aria-labelledby="report-results">
        <h2 id="report-results">{t("monitoring.form.results")}</h2>
        {r.results.length === 0 ? (
          <p className="muted">{t("monitoring.form.noResults")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-narrow" data-testid="report-results">
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.form.kind")}</th>
                  <th scope="col">{t("monitoring.form.stage")}</th>
                  <th scope="col">{t("monitoring.form.achievedOn")}</th>
                  <th scope="col">{t("monitoring.form.description")}</th>
                  <th scope="col">{t("monitoring.evidence")}</th>
                </tr>
              </thead>
              <tbody>
                {r.results.map((x, i) => (
                  <tr key={i}>
                    <td data-label={t("monitoring.form.kind")}>{t(`monitoring.resultKind.${x.kind}`, { defaultValue: x.kind })}</td>
                    <td data-label={t("monitoring.form.stage")}>{x.stage ? t(`monitoring.stage.${x.kind}.${x.stage}`, { defaultValue: x.stage }) : "—"}</td>
                    <td data-label={t("monitoring.form.achievedOn")}>{x.achieved_on ? formatDate(x.achieved_on, lang) : "—"}</td>
                    <td data-label={t("monitoring.form.description")}>{x.description ? localized(x.description, lang) : "—"}</td>
                    <td data-label={t("monitoring.evidence")}>{links(x.evidence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
