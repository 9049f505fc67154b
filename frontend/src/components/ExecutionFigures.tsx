import { useTranslation } from "react-i18next";
import { EXECUTIONS } from "../lib/api/closed";
import type { components } from "../lib/api/schema";
import { formatNumber, formatPercent } from "../lib/i18n/format";

type ExecutionRow = components["schemas"]["ExecutionRow"];

/** The headings of an execution row's figures: activities, by execution, and the two shares. */
export function ExecutionFigureHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="num">{t("monitoring.reports.execution.activities")}</th>
      {EXECUTIONS.map((x) => (
        <th key={x} scope="col" className="num">
          {t(`monitoring.execution.${x}`)}
        </th>
      ))}
      <th scope="col" className="num">{t("monitoring.execution.not_reported")}</th>
      <th scope="col" className="num">{t("monitoring.reports.execution.executedShare")}</th>
      <th scope="col" className="num">{t("monitoring.reports.execution.executedOrPartialShare")}</th>
    </>
  );
}

/** The figures of one execution row, under {@link ExecutionFigureHeads}. */
export function ExecutionFigureCells({ row }: { row: ExecutionRow }) {
  const { i18n } = useTranslation();
  const num = (v: number) => formatNumber(v, i18n.language);
  const pct = (v: number) => formatPercent(v, i18n.language);
  return (
    <>
      <td className="num">{num(row.activities)}</td>
      {EXECUTIONS.map((x) => (
        <td key={x} className="num" data-execution={x}>
          {num(row.by_execution[x] ?? 0)}
        </td>
      ))}
      <td className="num" data-execution="not_reported">
        {num(row.by_execution.not_reported ?? 0)}
      </td>
      <td className="num" data-share="executed">
        {pct(row.executed_share)}
      </td>
      <td className="num" data-share="executed_or_partial">
        {pct(row.executed_or_partial_share)}
      </td>
    </>
  );
}
