import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { usePaging } from "../../../components/list/useListParams";
import { formatDate, localized } from "../../../lib/i18n/format";
import { usePlans, type Plan } from "../api/plans";
import { PlanStatusBadge } from "../../../components/PlanBadges";

/** The work plans a body owns (the plans list filtered by its owner), newest first as the server lists them, each linked. */
export function BodyPlans({ bodyId }: { bodyId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const paging = usePaging(10);
  const plans = usePlans(paging.page, paging.perPage, bodyId);
  const columns: Column<Plan>[] = [
    { id: "plan", header: t("plans.plan"), cell: (p) => <Link to={`/plans/${p.id}`}>{localized(p.title, lang)}</Link> },
    { id: "period", header: t("plans.period"), cell: (p) => `${formatDate(p.starts_on, lang)} – ${formatDate(p.ends_on, lang)}` },
    { id: "status", header: t("plans.statusLabel"), cell: (p) => <PlanStatusBadge status={p.status} /> },
  ];
  return (
    <section className="card" aria-labelledby="body-plans" data-testid="body-plans">
      <h2 id="body-plans">{t("plans.ofBody.title")}</h2>
      <ListView
        query={plans}
        columns={columns}
        rowKey={(p) => p.id}
        rowProps={(p) => ({ "data-plan": p.id })}
        empty={t("plans.ofBody.none")}
        emptyAs="text"
        frame="none"
        onPage={paging.setPage}
        onPerPage={paging.setPerPage}
      />
    </section>
  );
}
