import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent, localized } from "../../../lib/i18n/format";
import type { ExecutionRow } from "../api/reports";
import { EXECUTIONS } from "../model/indicators";

/**
 * The execution per responsible body (a Thematic Unit, the secretariat, …): the activities that
 * name it among their responsible bodies, by execution, with the shares. An activity naming
 * several bodies counts under each, so the rows do not add up to the plan's total.
 */
export function ExecutionByBody({ rows }: { rows: readonly ExecutionRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const num = (v: number) => formatNumber(v, lang);
  const pct = (v: number) => formatPercent(v, lang);
  return (
    <section aria-labelledby="execution-by-body-title" data-testid="execution-by-body">
      <h3 id="execution-by-body-title">{t("monitoring.reports.execution.byBody")}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t("monitoring.reports.execution.noBody")}</p>
      ) : (
        <>
          <p className="muted small">{t("monitoring.reports.execution.byBodyNote")}</p>
          <div className="table-wrap">
            <table className="data-table report-table">
              <thead>
                <tr>
                  <th scope="col">{t("bodies.acronym")}</th>
                  <th scope="col">{t("monitoring.reports.execution.body")}</th>
                  <th scope="col" className="num">{t("monitoring.reports.execution.activities")}</th>
                  {EXECUTIONS.map((x) => (
                    <th key={x} scope="col" className="num">
                      {t(`monitoring.execution.${x}`)}
                    </th>
                  ))}
                  <th scope="col" className="num">{t("monitoring.execution.not_reported")}</th>
                  <th scope="col" className="num">{t("monitoring.reports.execution.executedShare")}</th>
                  <th scope="col" className="num">{t("monitoring.reports.execution.executedOrPartialShare")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code} data-body={r.code}>
                    <th scope="row" className="tree-code">
                      {r.code}
                    </th>
                    <td>
                      {r.body_id ? (
                        <Link to={`/bodies/${r.body_id}`}>{localized(r.title, lang) || r.code}</Link>
                      ) : (
                        localized(r.title, lang) || "—"
                      )}
                    </td>
                    <td className="num">{num(r.activities)}</td>
                    {EXECUTIONS.map((x) => (
                      <td key={x} className="num" data-execution={x}>
                        {num(r.by_execution[x] ?? 0)}
                      </td>
                    ))}
                    <td className="num" data-execution="not_reported">
                      {num(r.by_execution.not_reported ?? 0)}
                    </td>
                    <td className="num" data-share="executed">
                      {pct(r.executed_share)}
                    </td>
                    <td className="num" data-share="executed_or_partial">
                      {pct(r.executed_or_partial_share)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
