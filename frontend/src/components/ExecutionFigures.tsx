import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EXECUTIONS } from "../lib/api/closed";
import type { components } from "../lib/api/schema";
import { formatNumber, formatPercent, localized } from "../lib/i18n/format";

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

/** How the execution report's shares are computed, in the UI's language. */
export function ExecutionFormula() {
  const { t } = useTranslation();
  return (
    <>
      {t("monitoring.reports.execution.formula")}{" "}
      {t("monitoring.reports.execution.formulaText", {
        executed: t("monitoring.reports.execution.executedShare"),
        either: t("monitoring.reports.execution.executedOrPartialShare"),
        yes: t("monitoring.execution.yes"),
        partially: t("monitoring.execution.partially"),
        none: t("monitoring.execution.not_reported"),
      })}
    </>
  );
}

/**
 * A table of execution rows: two leading columns named by `heads` (what each row is), then the
 * figures; `children` are its rows.
 */
export function ExecutionRowsTable({ heads, id, testId, children }: { heads: [string, string]; id?: string; testId?: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="data-table report-table" id={id} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{heads[0]}</th>
            <th scope="col">{heads[1]}</th>
            <ExecutionFigureHeads />
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * The execution per part of a plan (dimensions, policies, axes: `rows`, in the plan's order), each
 * with its kind, and the plan's `total` last.
 */
export function ExecutionTable({ rows, total, id, testId }: { rows: readonly ExecutionRow[]; total: ExecutionRow; id?: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ExecutionRowsTable heads={[t("plans.node.code"), t("monitoring.reports.part")]} id={id} testId={testId}>
      {[...rows, total].map((r) => {
        const isTotal = r === total;
        return (
          <tr key={isTotal ? "total" : r.code} data-code={isTotal ? "total" : r.code} className={`row-${r.kind}`}>
            <td className="tree-code">{r.code}</td>
            <td className="report-part">
              {isTotal ? <strong>{t("monitoring.reports.total")}</strong> : localized(r.title, i18n.language)}{" "}
              {!isTotal && <span className="muted small">({t(`plans.kind.${r.kind}`, { defaultValue: r.kind })})</span>}
            </td>
            <ExecutionFigureCells row={r} />
          </tr>
        );
      })}
    </ExecutionRowsTable>
  );
}
