import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, formatDateTime } from "../../../lib/i18n/format";
import { useReportList } from "../api/reports";
import { oneOf } from "../../../lib/api/closed";
import { REPORT_STATUSES } from "../model/indicators";
import { CountriesCell, ExecutionBadge, ReportStatusBadge } from "./ReportBadges";

/** The secretariat's review queue: submitted reports (or those of another status), oldest news first. */
export default function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "submitted";
  const page = Number(params.get("page") ?? 1) || 1;
  const perPage = Number(params.get("per_page") ?? 25) || 25;
  const reports = useReportList({ status: oneOf(REPORT_STATUSES, status), page, per_page: perPage });
  const update = (patch: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, String(v));
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle>{t("monitoring.queue.title")}</PageTitle>
      <p className="muted">{can("report:review") ? t("monitoring.queue.intro") : t("monitoring.queue.readOnly")}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="queue-status">{t("monitoring.statusLabel")}</label>
          <select id="queue-status" value={status} onChange={(e) => update({ status: e.target.value, page: 1 })}>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`monitoring.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ProblemAlert error={reports.error} />
      ) : (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table" data-testid="review-queue">
              <thead>
                <tr>
                  <th scope="col">{t("monitoring.activity")}</th>
                  <th scope="col">{t("monitoring.reportedOn")}</th>
                  <th scope="col">{t("monitoring.statusLabel")}</th>
                  <th scope="col">{t("monitoring.execution.label")}</th>
                  <th scope="col">{t("monitoring.countries")}</th>
                  <th scope="col">{t("monitoring.queue.updated")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.data.items.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      {t("monitoring.queue.empty")}
                    </td>
                  </tr>
                )}
                {reports.data.items.map((r) => (
                  <tr key={r.id} data-report={r.id}>
                    <td>
                      <Link to={`/reports/${r.id}`}>{t("monitoring.queue.open", { code: r.activity_code })}</Link>
                    </td>
                    <td>{formatDate(r.reported_on, lang)}</td>
                    <td>
                      <ReportStatusBadge status={r.status} />
                    </td>
                    <td>
                      <ExecutionBadge execution={r.execution} />
                    </td>
                    <td>
                      <CountriesCell countries={r.countries} band={r.country_band} />
                    </td>
                    <td>{formatDateTime(r.updated_at, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={reports.data.page}
            perPage={reports.data.per_page}
            total={reports.data.total}
            onPage={(p) => update({ page: p })}
            onPerPage={(n) => update({ per_page: n, page: 1 })}
          />
        </div>
      )}
    </>
  );
}
