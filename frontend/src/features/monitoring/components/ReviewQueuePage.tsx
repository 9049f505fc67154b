import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import type { Column } from "../../../components/list/DataTable";
import { FilterSelect } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, formatDateTime } from "../../../lib/i18n/format";
import { useReportList, type Report } from "../api/reports";
import { oneOf } from "../../../lib/api/closed";
import { REPORT_STATUSES } from "../model/indicators";
import { reportColumns } from "./ReportBadges";
import { useReportContext } from "./ReportContext";

/** The secretariat's review queue: submitted reports (or those of another status), oldest news first. */
export default function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const list = useListParams({ status: "submitted" });
  const { status } = list.filters;
  const reports = useReportList({ status: oneOf(REPORT_STATUSES, status), page: list.page, per_page: list.perPage });
  const context = useReportContext(reports.data?.items ?? []);
  const columns: Column<Report>[] = [
    {
      id: "activity",
      header: t("monitoring.activity"),
      cell: (r) => (
        <Link to={`/reports/${r.id}`}>
          <span className="tree-code">{r.activity_code}</span>
          {context.activityTitle(r) && ` · ${context.activityTitle(r)}`}
        </Link>
      ),
    },
    { id: "plan", header: t("monitoring.plan"), cell: (r) => <Link to={`/plans/${r.plan_id}`}>{context.planTitle(r) || "…"}</Link> },
    { id: "author", header: t("monitoring.author"), cell: (r) => context.author(r) },
    { id: "reported_on", header: t("monitoring.reportedOn"), cell: (r) => formatDate(r.reported_on, lang) },
    ...reportColumns(t),
    { id: "updated", header: t("monitoring.queue.updated"), cell: (r) => formatDateTime(r.updated_at, lang) },
  ];

  return (
    <>
      <PageTitle>{t("monitoring.queue.title")}</PageTitle>
      <p className="muted">{can("report:review") ? t("monitoring.queue.intro") : t("monitoring.queue.readOnly")}</p>
      <div className="filters">
        <FilterSelect
          id="queue-status"
          label={t("monitoring.statusLabel")}
          value={status}
          onChange={(v) => list.update({ status: v })}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`monitoring.status.${s}`) }))}
          all={false}
        />
      </div>
      <ListView
        query={reports}
        columns={columns}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ "data-report": r.id })}
        testId="review-queue"
        empty={t("monitoring.queue.empty")}
        onPage={list.setPage}
        onPerPage={list.setPerPage}
      />
    </>
  );
}
