import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { BarChart } from "../../../components/Charts";
import { ExecutionFormula, ExecutionTable } from "../../../components/ExecutionFigures";
import { Loading } from "../../../components/Loading";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { executionBreakdown, executionShares } from "../../../lib/charts";
import { formatNumber, formatPercent, localized } from "../../../lib/i18n/format";
import { usePublicExecution, type ExecutionReport } from "../api/public";
import { PublicPlanFrame } from "./PublicPlanFrame";

/** An approved plan's execution: the plan's figures, its charts and the table per part of the plan. */
export default function PublicExecutionPage() {
  const { id = "" } = useParams();
  const execution = usePublicExecution(id);
  return (
    <PublicPlanFrame id={id}>
      {() =>
        execution.isPending ? (
          <Loading />
        ) : execution.isError ? (
          <ProblemAlert error={execution.error} />
        ) : (
          <Execution report={execution.data} />
        )
      }
    </PublicPlanFrame>
  );
}

function Execution({ report }: { report: ExecutionReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const num = (v: number) => formatNumber(v, lang);
  const pct = (v: number) => formatPercent(v, lang);
  const total = report.total;
  const parts = report.rows.filter((r) => r.activities > 0);
  const byPolicy = executionShares(report.rows, "policy", (r) => `${r.code} ${localized(r.title, lang)}`);
  const byBody = executionShares(report.by_body, "body", (r) => {
    const name = localized(r.title, lang);
    return name && name !== r.code ? `${r.code} · ${name}` : r.code;
  });
  const executionLabel = (k: string) => t(`monitoring.execution.${k}`);
  return (
    <>
      <section className="card" aria-labelledby="public-summary-title" data-testid="public-summary">
        <h2 id="public-summary-title">{t("public.execution.title")}</h2>
        <p className="muted">{t("public.execution.intro")}</p>
        <ul className="stat-list public-stats">
          <li className="stat" data-figure="activities">
            <span className="stat-value">{num(total.activities)}</span>
            <span className="stat-label">{t("monitoring.reports.execution.activities")}</span>
          </li>
          <li className="stat" data-figure="executed">
            <span className="stat-value">{pct(total.executed_share)}</span>
            <span className="stat-label">{t("monitoring.reports.execution.executedShare")}</span>
          </li>
          <li className="stat" data-figure="executed_or_partial">
            <span className="stat-value">{pct(total.executed_or_partial_share)}</span>
            <span className="stat-label">{t("monitoring.reports.execution.executedOrPartialShare")}</span>
          </li>
        </ul>
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="public-breakdown-title">
          <h2 id="public-breakdown-title">{t("public.execution.byExecution")}</h2>
          <BarChart
            testId="public-breakdown-chart"
            title={t("public.execution.byExecution")}
            bars={executionBreakdown(total, executionLabel)}
            max={Math.max(1, total.activities)}
            format={num}
            width={520}
          />
        </section>
        <section className="card" aria-labelledby="public-policy-title">
          <h2 id="public-policy-title">{t("monitoring.reports.execution.chart")}</h2>
          {byPolicy.length === 0 ? (
            <p className="muted">{t("monitoring.reports.nothing")}</p>
          ) : (
            <BarChart testId="public-policy-chart" title={t("monitoring.reports.execution.chart")} bars={byPolicy} max={100} format={pct} width={520} />
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="public-body-title">
        <h2 id="public-body-title">{t("public.execution.byBody")}</h2>
        {byBody.length === 0 ? (
          <p className="muted">{t("monitoring.reports.execution.noBody")}</p>
        ) : (
          <>
            <p className="muted small">{t("monitoring.reports.execution.byBodyNote")}</p>
            <BarChart testId="public-body-chart" title={t("public.execution.byBody")} bars={byBody} max={100} format={pct} width={880} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="public-parts-title">
        <h2 id="public-parts-title">{t("public.execution.byPart")}</h2>
        <ExecutionTable rows={parts} total={total} testId="public-execution-table" />
        <p className="muted small formula">
          <ExecutionFormula />
        </p>
      </section>
    </>
  );
}
