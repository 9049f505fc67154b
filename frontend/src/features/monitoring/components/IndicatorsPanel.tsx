import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { formatNumber, formatPercent, localized } from "../../../lib/i18n/format";
import { openAnnualReport, usePlanIndicators, type MeasureRollUp } from "../api/indicators";

/** The plan's indicators rolled up per objective, policy and plan, and the annual report. */
export function IndicatorsPanel({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = usePlanIndicators(planId);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const aggregate = (m: MeasureRollUp, v: number | null | undefined) =>
    v == null ? t("common.none") : m.measure === "unit" ? formatNumber(v, lang) : formatPercent(v, lang);

  return (
    <section className="card" aria-labelledby="indicators-panel-title" data-testid="indicators-report">
      <div className="section-head">
        <h2 id="indicators-panel-title">{t("monitoring.indicators.title")}</h2>
        <a
          href={`/api/v1/plans/${planId}/annual-report?lang=${lang}`}
          className="button-secondary"
          aria-disabled={opening || undefined}
          onClick={(e) => {
            e.preventDefault();
            if (opening) return;
            setOpening(true);
            setOpenError(null);
            openAnnualReport(planId, lang)
              .catch(setOpenError)
              .finally(() => setOpening(false));
          }}
        >
          {t("monitoring.indicators.annualReport")}
        </a>
      </div>
      {openError != null && <ProblemAlert error={openError} />}
      {data.isPending ? (
        <Loading />
      ) : data.isError ? (
        <ProblemAlert error={data.error} />
      ) : data.data.roll_ups.every((r) => r.measures.length === 0) ? (
        <p className="muted">{t("monitoring.indicators.noneInPlan")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table stack-narrow" data-testid="indicator-rollups">
            <thead>
              <tr>
                <th scope="col">{t("monitoring.indicators.level")}</th>
                <th scope="col">{t("monitoring.indicators.measure")}</th>
                <th scope="col">{t("monitoring.indicators.count")}</th>
                <th scope="col">{t("monitoring.indicators.target")}</th>
                <th scope="col">{t("monitoring.indicators.actual")}</th>
                <th scope="col">{t("monitoring.indicators.formula")}</th>
                <th scope="col">{t("monitoring.indicators.weights")}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.roll_ups.flatMap((r) =>
                r.measures.map((m, i) => (
                  <tr key={`${r.level}-${r.code}-${m.measure}`} data-level={r.level} data-code={r.code} data-measure={m.measure}>
                    {i === 0 && (
                      <th scope="row" rowSpan={r.measures.length}>
                        {t(`monitoring.indicators.levels.${r.level}`, { defaultValue: r.level })}
                        {r.code && ` ${r.code}`} · {localized(r.title, lang)}
                      </th>
                    )}
                    <td data-label={t("monitoring.indicators.measure")}>{t(`monitoring.indicators.measures.${m.measure}`, { defaultValue: m.measure })}</td>
                    <td data-label={t("monitoring.indicators.count")}>{formatNumber(m.indicators, lang)}</td>
                    <td data-label={t("monitoring.indicators.target")} data-value="target">{aggregate(m, m.target)}</td>
                    <td data-label={t("monitoring.indicators.actual")} data-value="actual">{aggregate(m, m.actual)}</td>
                    <td data-label={t("monitoring.indicators.formula")} className="small">{t(`monitoring.indicators.formulas.${m.measure}`, { defaultValue: m.formula })}</td>
                    <td data-label={t("monitoring.indicators.weights")} className="small">{m.weights.map((w) => formatNumber(w, lang)).join(" · ") || "—"}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
