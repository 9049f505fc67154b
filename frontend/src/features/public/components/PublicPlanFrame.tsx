import type { ReactNode } from "react";
import { Link, NavLink } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { localized } from "../../../lib/i18n/format";
import { usePublicPlan, type PlanDocument } from "../api/public";
import { periodOf } from "../model/plan";

/**
 * An approved plan's public page around its section (`children`): the way back to the list, its
 * title, owner and period, and the two sections (structure and execution) as tabs.
 */
export function PublicPlanFrame({ id, children }: { id: string; children: (document: PlanDocument) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const plan = usePublicPlan(id);
  const back = (
    <p className="breadcrumb">
      <Link to="/public">← {t("public.plans.back")}</Link>
    </p>
  );
  if (plan.isPending) return <>{back}<Loading /></>;
  if (plan.isError) return <>{back}<ProblemAlert error={plan.error} /></>;
  const work = plan.data.work_plan;
  const owner = `${t(`bodyKind.${work.owner.kind}`, { defaultValue: work.owner.kind })}${work.owner.acronym ? ` (${work.owner.acronym})` : ""}`;
  return (
    <>
      {back}
      <PageTitle>{localized(work.title, lang)}</PageTitle>
      <p className="muted public-plan-meta">
        <span>{owner}</span> · <span>{periodOf(work, lang)}</span>
      </p>
      <nav className="sub-nav" aria-label={t("plans.sections")}>
        <ul>
          <li>
            <NavLink to={`/public/plans/${id}`} end>
              {t("public.plan.structure")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/public/plans/${id}/execution`}>{t("public.plan.execution")}</NavLink>
          </li>
        </ul>
      </nav>
      {children(plan.data)}
    </>
  );
}
