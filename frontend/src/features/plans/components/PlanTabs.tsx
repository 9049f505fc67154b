import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { localized } from "../../../lib/i18n/format";
import { usePlan, type PlanTree } from "../api/plans";

export type PlanTab = "tree" | "coverage" | "revisions" | "reports";

const TABS: { tab: PlanTab; path: string; label: string }[] = [
  { tab: "tree", path: "", label: "plans.tree.title" },
  { tab: "coverage", path: "/coverage", label: "plans.coverage.title" },
  { tab: "revisions", path: "/revisions", label: "plans.revisions.title" },
  { tab: "reports", path: "/reports", label: "monitoring.reports.tab" },
];

/** The sections of a plan's pages, the current one marked. */
export function PlanTabs({ planId, current }: { planId: string; current: PlanTab }) {
  const { t } = useTranslation();
  return (
    <nav className="sub-nav" aria-label={t("plans.sections")}>
      <ul>
        {TABS.map(({ tab, path, label }) => (
          <li key={tab}>
            <Link to={`/plans/${planId}${path}`} aria-current={tab === current ? "page" : undefined}>
              {t(label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A plan's page for a section another feature draws (its reports): the plan of the route's
 * `:id` is read, titled and given its sections, and `children` draws the rest.
 */
export function PlanFrame({ tab, children }: { tab: PlanTab; children: (plan: PlanTree) => ReactNode }) {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const plan = usePlan(id);
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ProblemAlert error={plan.error} />;
  const p = plan.data.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">← {t("plans.back")}</Link>
      </p>
      <PageTitle>{localized(p.title, i18n.language)}</PageTitle>
      <PlanTabs planId={p.id} current={tab} />
      {children(p)}
    </>
  );
}
