import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { Loading } from "../../../components/Loading";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { planResource } from "../../../lib/auth/permissions";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, localized } from "../../../lib/i18n/format";
import type { PlanNode, PlanTree } from "../api/reports";
import { useDeleteIndicator, usePlanIndicators, type Indicator } from "../api/indicators";
import { formatValue } from "../model/indicatorForm";
import { IndicatorForm } from "./IndicatorForm";

/** The indicators of an objective or activity, and for who may edit the plan, their form. */
export function IndicatorsSection({ plan, node }: { plan: PlanTree; node: PlanNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const mayEdit = can("plan:edit", planResource(plan));
  const all = usePlanIndicators(plan.id);
  const remove = useDeleteIndicator(plan.id);
  // null: no form; "new": adding; an id: editing that indicator.
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const mine = all.data?.indicators.filter((i) => i.node_id === node.id) ?? [];
  const current = editing && editing !== "new" ? mine.find((i) => i.id === editing) : undefined;

  return (
    <section className="card indicators-section" aria-labelledby="indicators-title">
      <div className="section-head">
        <h2 id="indicators-title">{t("monitoring.indicators.title")}</h2>
        {mayEdit && editing === null && (
          <button type="button" className="button-primary" onClick={() => setEditing("new")}>
            {t("monitoring.indicators.add")}
          </button>
        )}
      </div>
      {editing !== null && (editing === "new" || current) && (
        <IndicatorForm
          key={editing}
          planId={plan.id}
          nodeId={node.id}
          indicator={current}
          onCancel={() => setEditing(null)}
          onDone={() => setEditing(null)}
          onReload={() => all.refetch()}
        />
      )}
      {remove.error && <ProblemAlert error={remove.error} />}
      {all.isPending ? (
        <Loading />
      ) : all.isError ? (
        <ProblemAlert error={all.error} />
      ) : mine.length === 0 ? (
        <p className="muted">{t("monitoring.indicators.none")}</p>
      ) : (
        <ul className="indicator-list" data-testid="node-indicators">
          {mine.map((ind) => (
            <li key={ind.id} data-indicator={ind.id} className="indicator-item">
              <IndicatorView indicator={ind} lang={lang} />
              {mayEdit &&
                (confirming === ind.id ? (
                  <ConfirmInline
                    question={t("monitoring.indicators.deleteQuestion", { title: localized(ind.title, lang) })}
                    confirmLabel={t("monitoring.indicators.confirmDelete")}
                    busy={remove.isPending}
                    onConfirm={() => remove.mutate({ id: ind.id, version: ind.version }, { onSettled: () => setConfirming(null) })}
                    onCancel={() => setConfirming(null)}
                    takeFocus
                  />
                ) : (
                  <div className="form-actions">
                    <button type="button" className="button-secondary" onClick={() => setEditing(ind.id)} disabled={editing !== null}>
                      {t("common.edit")}
                    </button>
                    <button
                      type="button"
                      className="button-danger"
                      onClick={() => {
                        remove.reset();
                        setConfirming(ind.id);
                      }}
                    >
                      {t("monitoring.indicators.delete")}
                    </button>
                  </div>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IndicatorView({ indicator: ind, lang }: { indicator: Indicator; lang: string }) {
  const { t } = useTranslation();
  const fmt = (v: Parameters<typeof formatValue>[1]) => formatValue(ind.measure, v, lang, t) || t("common.none");
  const periods = ind.periods ?? [];
  return (
    <>
      <h3>{localized(ind.title, lang)}</h3>
      <p className="muted small">
        {t(`monitoring.indicators.measures.${ind.measure}`)} ·{" "}
        {t(ind.ascending === false ? "monitoring.indicators.descending" : "monitoring.indicators.ascending")}
        {ind.baseline && (
          <>
            {" · "}
            {t("monitoring.indicators.baselineShort", { year: ind.baseline.year, value: fmt(ind.baseline.value) })}
          </>
        )}
      </p>
      {periods.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("monitoring.indicators.period")}</th>
                <th scope="col">{t("monitoring.indicators.target")}</th>
                <th scope="col">{t("monitoring.indicators.actual")}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p, i) => (
                <tr key={i} data-period={i}>
                  <td>
                    {formatDate(p.starts_on, lang)} – {formatDate(p.ends_on, lang)}
                  </td>
                  <td data-value="target">{fmt(p.target)}</td>
                  <td data-value="actual">{fmt(p.actual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
