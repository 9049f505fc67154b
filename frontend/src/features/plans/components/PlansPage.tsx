import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import type { Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, localized } from "../../../lib/i18n/format";
import { usePlans, type Plan } from "../api/plans";
import { PlanStatusBadge } from "../../../components/PlanBadges";
import { PlanImport } from "./PlanImport";

export default function PlansPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useListParams({});
  const plans = usePlans(list.page, list.perPage);
  const can = usePermission();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  // Sending a document needs plan:import; the server then asks plan:edit on the owner it names.
  const mayImport = can("plan:import");

  const columns: Column<Plan>[] = [
    { id: "plan", header: t("plans.plan"), cell: (p) => <Link to={`/plans/${p.id}`}>{localized(p.title, lang)}</Link> },
    {
      id: "owner",
      header: t("plans.owner"),
      cell: (p) => (
        <>
          {localized(p.owner.name, lang)}
          {p.owner.acronym && <span className="muted"> ({p.owner.acronym})</span>}
        </>
      ),
    },
    { id: "period", header: t("plans.period"), cell: (p) => `${formatDate(p.starts_on, lang)} – ${formatDate(p.ends_on, lang)}` },
    { id: "status", header: t("plans.statusLabel"), cell: (p) => <PlanStatusBadge status={p.status} /> },
    { id: "revision", header: t("plans.revision"), className: "num", cell: (p) => p.revision },
  ];

  return (
    <>
      <PageTitle
        actions={
          mayImport && !importing ? (
            <button type="button" className="button-primary" onClick={() => setImporting(true)}>
              {t("plans.import.open")}
            </button>
          ) : undefined
        }
      >
        {t("plans.title")}
      </PageTitle>
      <p className="muted">{t("plans.intro")}</p>
      {importing && mayImport && (
        <PlanImport
          onImported={(plan) => void navigate(`/plans/${plan.id}`, { state: { imported: true } })}
          onCancel={() => setImporting(false)}
        />
      )}
      <ListView
        query={plans}
        columns={columns}
        rowKey={(p) => p.id}
        caption={t("plans.title")}
        onPage={list.setPage}
        onPerPage={list.setPerPage}
      />
    </>
  );
}
