import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { PlanStatusBadge } from "../../../components/PlanBadges";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { formatDate, localized } from "../../../lib/i18n/format";
import { usePublicPlans } from "../api/public";
import { periodOf } from "../model/plan";

/** The network's approved work plans, newest first, each opening to its structure and its execution. */
export default function PublicPlansPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const plans = usePublicPlans();
  return (
    <>
      <PageTitle>{t("public.plans.title")}</PageTitle>
      <p className="lead">{t("public.plans.intro")}</p>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <ProblemAlert error={plans.error} />
      ) : plans.data.length === 0 ? (
        <p className="card muted">{t("public.plans.none")}</p>
      ) : (
        <ul className="public-plans" aria-label={t("public.plans.title")}>
          {plans.data.map((p) => (
            <li key={p.id} className="card public-plan" data-plan={p.id}>
              <div className="public-plan-head">
                <h2>
                  <Link to={`/public/plans/${p.id}`}>{localized(p.title, lang)}</Link>
                </h2>
                <PlanStatusBadge status={p.status} />
              </div>
              <dl className="facts">
                <dt>{t("plans.owner")}</dt>
                <dd>
                  {localized(p.owner.name, lang)}
                  {p.owner.acronym && <span className="muted"> ({p.owner.acronym})</span>}
                </dd>
                <dt>{t("plans.period")}</dt>
                <dd>{periodOf(p, lang)}</dd>
                {p.approved_on && (
                  <>
                    <dt>{t("public.plans.approvedOn")}</dt>
                    <dd>
                      {formatDate(p.approved_on, lang)}
                      {p.approved_by_meeting && <span className="muted"> · {p.approved_by_meeting}</span>}
                    </dd>
                  </>
                )}
              </dl>
              <p className="public-plan-links">
                <Link to={`/public/plans/${p.id}`}>{t("public.plan.structure")}</Link>
                <Link to={`/public/plans/${p.id}/execution`}>{t("public.plan.execution")}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
