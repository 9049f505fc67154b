import { Link, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { FilterSelect } from "../../../components/list/ListFilters";
import { formatDate, formatDateTime, localized } from "../../../lib/i18n/format";
import { useDiff, usePlan, useRevisions, type NodeSummary } from "../api/plans";
import { KindBadge } from "../../../components/PlanBadges";

/** The approved revisions of a plan and what changed between two of them. */
export default function RevisionsPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const plan = usePlan(id);
  const revisions = useRevisions(id);
  const [params, setParams] = useSearchParams();

  const kept = revisions.data ?? [];
  const numbers = kept.map((r) => String(r.revision));
  const defaultTo = plan.data?.data.status === "draft" && kept.length > 0 ? "current" : (numbers[numbers.length - 1] ?? "");
  const defaultFrom = defaultTo === "current" ? (numbers[numbers.length - 1] ?? "") : (numbers[numbers.length - 2] ?? "");
  const from = params.get("from") ?? defaultFrom;
  const to = params.get("to") ?? defaultTo;
  const diff = useDiff(id, from, to, revisions.isSuccess);
  const choices = [...numbers, "current"];
  const label = (v: string) => (v === "current" ? t("plans.revisions.current") : t("plans.revisions.numbered", { n: v }));
  const set = (key: "from" | "to", value: string) => {
    const next = new URLSearchParams(params);
    next.set("from", key === "from" ? value : from);
    next.set("to", key === "to" ? value : to);
    setParams(next, { replace: true });
  };

  if (plan.isPending || revisions.isPending) return <Loading />;
  if (plan.isError || revisions.isError) return <ProblemAlert error={plan.error ?? revisions.error} />;
  const p = plan.data.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/plans/${p.id}`}>← {localized(p.title, lang)}</Link>
      </p>
      <PageTitle>{t("plans.revisions.title")}</PageTitle>
      <section className="card" aria-labelledby="revisions-list">
        <h2 id="revisions-list">{t("plans.revisions.approved")}</h2>
        {kept.length === 0 ? (
          <p className="muted">{t("plans.revisions.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("plans.revision")}
                  </th>
                  <th scope="col">{t("plans.lifecycle.meeting")}</th>
                  <th scope="col">{t("plans.lifecycle.approvedOn")}</th>
                  <th scope="col">{t("plans.revisions.recordedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {kept.map((r) => (
                  <tr key={r.revision}>
                    <td className="num">{r.revision}</td>
                    <td>{r.approved_by_meeting ?? t("common.none")}</td>
                    <td>{r.approved_on ? formatDate(r.approved_on, lang) : t("common.none")}</td>
                    <td>{formatDateTime(r.created_at, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">{t("plans.revisions.currentIs", { revision: p.revision, status: t(`plans.status.${p.status}`) })}</p>
      </section>

      {kept.length > 0 && (
        <section className="card" aria-labelledby="diff-title">
          <h2 id="diff-title">{t("plans.diff.title")}</h2>
          <div className="filters">
            {(["from", "to"] as const).map((key) => (
              <FilterSelect
                key={key}
                id={`diff-${key}`}
                label={t(`plans.diff.${key}`)}
                value={key === "from" ? from : to}
                onChange={(v) => set(key, v)}
                options={choices.map((c) => ({ value: c, label: label(c) }))}
                all={false}
              />
            ))}
          </div>
          {diff.isError && <ProblemAlert error={diff.error} />}
          {diff.isPending && from && to && <Loading />}
          {diff.data && (
            <div data-testid="diff">
              {diff.data.diff.added.length + diff.data.diff.removed.length + diff.data.diff.changed.length === 0 && (
                <p className="muted">{t("plans.diff.same")}</p>
              )}
              <SummaryList title={t("plans.diff.added", { count: diff.data.diff.added.length })} items={diff.data.diff.added} cls="diff-added" />
              <SummaryList title={t("plans.diff.removed", { count: diff.data.diff.removed.length })} items={diff.data.diff.removed} cls="diff-removed" />
              {diff.data.diff.changed.length > 0 && (
                <section aria-labelledby="diff-changed" className="diff-group diff-changed">
                  <h3 id="diff-changed">{t("plans.diff.changed", { count: diff.data.diff.changed.length })}</h3>
                  <div className="table-wrap">
                    <table className="data-table">
                      <thead>
                        <tr>
                          <th scope="col">{t("plans.node.code")}</th>
                          <th scope="col">{t("plans.diff.fields")}</th>
                          <th scope="col">{t("plans.diff.before")}</th>
                          <th scope="col">{t("plans.diff.after")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {diff.data.diff.changed.map((c) => (
                          <tr key={c.code}>
                            <td>
                              <span className="tree-code">{c.code}</span> <KindBadge kind={c.after.kind} />
                            </td>
                            <td>{c.fields.map((f) => t(`plans.diff.field.${f}`, { defaultValue: f })).join(", ")}</td>
                            <td className={c.fields.includes("title") ? "diff-before" : undefined}>{localized(c.before.title, lang)}</td>
                            <td className={c.fields.includes("title") ? "diff-after" : undefined}>{localized(c.after.title, lang)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              )}
            </div>
          )}
        </section>
      )}
    </>
  );
}

function SummaryList({ title, items, cls }: { title: string; items: NodeSummary[]; cls: string }) {
  const { i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className={`diff-group ${cls}`}>
      <h3>{title}</h3>
      <ul className="plain-list">
        {items.map((n) => (
          <li key={n.code}>
            <span className="tree-code">{n.code}</span> <KindBadge kind={n.kind} /> {localized(n.title, i18n.language)}
          </li>
        ))}
      </ul>
    </section>
  );
}
