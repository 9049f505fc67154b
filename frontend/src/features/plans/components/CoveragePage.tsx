import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { localized } from "../../../lib/i18n/format";
import { useCoverage, usePlan, type CoverageItem } from "../api/plans";

/**
 * Which thematic perspectives and goals of the strategic plan the plan's activities serve (goals
 * nothing serves stand out), and the plan's axes with the other plans' activities that
 * contribute to them.
 */
export default function CoveragePage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const plan = usePlan(id);
  const coverage = useCoverage(id);

  if (plan.isPending || coverage.isPending) return <Loading />;
  if (plan.isError || coverage.isError) return <ProblemAlert error={plan.error ?? coverage.error} />;
  const p = plan.data.data;
  const c = coverage.data;
  const uncovered = new Set(c.uncovered_goals);
  const goalsOf = (code: string) => c.goals.filter((g) => g.code.startsWith(`${code}.`));

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/plans/${p.id}`}>← {localized(p.title, lang)}</Link>
      </p>
      <PageTitle>{t("plans.coverage.title")}</PageTitle>
      <p className="muted">{t("plans.coverage.intro")}</p>
      {c.uncovered_goals.length > 0 && (
        <p className="alert alert-warning" data-testid="uncovered-summary">
          {t("plans.coverage.uncoveredSummary", { count: c.uncovered_goals.length, codes: c.uncovered_goals.join(", ") })}
        </p>
      )}

      <section className="card" aria-labelledby="coverage-perspectives">
        <h2 id="coverage-perspectives">{t("plans.coverage.perspectives")}</h2>
        {c.perspectives.length === 0 && <p className="muted">{t("plans.coverage.noStrategicPlan")}</p>}
        {c.perspectives.map((pp) => (
          <section key={pp.code} className="coverage-perspective" aria-labelledby={`persp-${pp.code}`}>
            <h3 id={`persp-${pp.code}`}>
              <span className="tree-code">{pp.code}</span> {localized(pp.title, lang)}
            </h3>
            {pp.activities.length > 0 && <p className="muted small">{t("plans.coverage.direct")}</p>}
            <Activities item={pp} planId={p.id} />
            <ul className="coverage-goals">
              {goalsOf(pp.code).map((g) => {
                const open = uncovered.has(g.code);
                return (
                  <li key={g.code} className={open ? "goal goal-uncovered" : "goal"} data-code={g.code}>
                    <div>
                      <span className="tree-code">{g.code}</span> {localized(g.title, lang)}{" "}
                      {open ? (
                        <span className="badge badge-uncovered">{t("plans.coverage.uncovered")}</span>
                      ) : (
                        <span className="badge badge-covered">{t("plans.coverage.served", { count: g.activities.length })}</span>
                      )}
                    </div>
                    <Activities item={g} planId={p.id} />
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </section>

      <section className="card" aria-labelledby="coverage-axes">
        <h2 id="coverage-axes">{t("plans.coverage.axes")}</h2>
        <p className="muted small">{t("plans.coverage.axesIntro")}</p>
        {c.axes.length === 0 && <p className="muted">{t("plans.coverage.noAxes")}</p>}
        <ul className="plain-list">
          {c.axes.map((a) => (
            <li key={a.code} data-code={a.code}>
              <span className="tree-code">{a.code}</span> {localized(a.title, lang)}{" "}
              <span className={`badge ${a.activities.length ? "badge-covered" : ""}`}>
                {t("plans.coverage.contributions", { count: a.activities.length })}
              </span>
              <Activities item={a} planId={p.id} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Activities({ item, planId }: { item: CoverageItem; planId: string }) {
  const { t, i18n } = useTranslation();
  if (item.activities.length === 0) return null;
  return (
    <ul className="serving">
      {item.activities.map((a) => (
        <li key={`${a.plan_id}-${a.code}`}>
          <span className="tree-code">{a.code}</span> {localized(a.title, i18n.language)}
          {a.plan_id !== planId && (
            <>
              {" "}
              <Link to={`/plans/${a.plan_id}`} className="small">
                {t("plans.coverage.otherPlan")}
              </Link>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
