import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, localized } from "../../../lib/i18n/format";
import { usePlans } from "../api/plans";
import { PlanStatusBadge } from "./Badges";
import { PlanImport } from "./PlanImport";

export default function PlansPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const perPage = Number(params.get("per_page")) || 25;
  const plans = usePlans(page, perPage);
  const can = usePermission();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  // Sending a document needs plan:import; the server then asks plan:edit on the owner it names.
  const mayImport = can("plan:import");

  const update = (changes: Record<string, number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, String(v));
    setParams(next, { replace: true });
  };

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
      {plans.isError && <ProblemAlert error={plans.error} />}
      {plans.isPending && <Loading />}
      {plans.data && (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t("plans.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plans.plan")}</th>
                  <th scope="col">{t("plans.owner")}</th>
                  <th scope="col">{t("plans.period")}</th>
                  <th scope="col">{t("plans.statusLabel")}</th>
                  <th scope="col" className="num">
                    {t("plans.revision")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {plans.data.items.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t("common.noResults")}
                    </td>
                  </tr>
                )}
                {plans.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/plans/${p.id}`}>{localized(p.title, lang)}</Link>
                    </td>
                    <td>
                      {localized(p.owner.name, lang)}
                      {p.owner.acronym && <span className="muted"> ({p.owner.acronym})</span>}
                    </td>
                    <td>
                      {formatDate(p.starts_on, lang)} – {formatDate(p.ends_on, lang)}
                    </td>
                    <td>
                      <PlanStatusBadge status={p.status} />
                    </td>
                    <td className="num">{p.revision}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={plans.data.page}
            perPage={plans.data.per_page}
            total={plans.data.total}
            onPage={(p) => update({ page: p })}
            onPerPage={(n) => update({ per_page: n, page: 1 })}
          />
        </div>
      )}
    </>
  );
}
