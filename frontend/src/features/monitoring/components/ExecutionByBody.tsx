import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { localized } from "../../../lib/i18n/format";
import type { ExecutionRow } from "../api/reports";
import { ExecutionFigureCells, ExecutionRowsTable } from "../../../components/ExecutionFigures";

/**
 * The execution per responsible body (a Thematic Unit, the secretariat, …): the activities that
 * name it among their responsible bodies, by execution, with the shares. An activity naming
 * several bodies counts under each, so the rows do not add up to the plan's total.
 */
export function ExecutionByBody({ rows }: { rows: readonly ExecutionRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section aria-labelledby="execution-by-body-title" data-testid="execution-by-body">
      <h3 id="execution-by-body-title">{t("monitoring.reports.execution.byBody")}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t("monitoring.reports.execution.noBody")}</p>
      ) : (
        <>
          <p className="muted small">{t("monitoring.reports.execution.byBodyNote")}</p>
          <ExecutionRowsTable heads={[t("bodies.acronym"), t("monitoring.reports.execution.body")]}>
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
                <ExecutionFigureCells row={r} />
              </tr>
            ))}
          </ExecutionRowsTable>
        </>
      )}
    </section>
  );
}
