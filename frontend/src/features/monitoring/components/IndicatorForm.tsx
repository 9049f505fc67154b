import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextField } from "../../../components/Field";
import { ApiError, problemToFieldErrors, type FieldErrors } from "../../../lib/api/problem";
import { StaleAlert } from "../../../components/StaleAlert";
import { useCreateIndicator, useUpdateIndicator, type Indicator } from "../api/indicators";
import {
  MEASURES,
  VALUE_INPUTS,
  emptyIndicatorValues,
  emptyPeriod,
  indicatorFieldKey,
  indicatorValues,
  measureOf,
  toIndicatorIn,
  type IndicatorFormValues,
  type Measure,
  type ValueInputs,
} from "../model/indicatorForm";

const LANGS = ["es", "pt", "en"] as const;

type Props = {
  planId: string;
  nodeId: string;
  indicator?: Indicator;
  onDone: () => void;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
};

/** Adds an indicator to an objective or activity, or edits one (If-Match with its version). */
export function IndicatorForm({ planId, nodeId, indicator, onDone, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<IndicatorFormValues>(() =>
    indicator ? indicatorValues(indicator) : emptyIndicatorValues(),
  );
  const create = useCreateIndicator(planId, nodeId);
  const update = useUpdateIndicator(planId, indicator?.id ?? "");
  const mutation = indicator ? update : create;
  const apiError = mutation.error instanceof ApiError ? mutation.error : null;
  const stale = apiError?.status === 412;
  const byField = useMemo((): FieldErrors => {
    if (!apiError?.problem?.errors?.length) return {};
    const out: FieldErrors = {};
    for (const [path, messages] of Object.entries(problemToFieldErrors(apiError.problem))) {
      (out[indicatorFieldKey(path)] ??= []).push(...messages);
    }
    return out;
  }, [apiError]);
  const errorsOf = (key: string) => byField[key];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mutation.isPending) return;
    const body = toIndicatorIn(values);
    if (indicator) update.mutate({ body, version: indicator.version }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };
  const setPeriod = (i: number, f: (p: IndicatorFormValues["periods"][number]) => IndicatorFormValues["periods"][number]) =>
    setValues((v) => ({ ...v, periods: v.periods.map((p, j) => (j === i ? f(p) : p)) }));

  return (
    <form className="card indicator-form" onSubmit={submit} noValidate aria-labelledby="indicator-form-title">
      <h3 id="indicator-form-title">{indicator ? t("monitoring.indicators.editTitle") : t("monitoring.indicators.newTitle")}</h3>
      {stale && apiError && <StaleAlert error={apiError} onReload={() => void onReload().then(() => update.reset())} />}
      {apiError && !stale && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{apiError.problem?.title ?? t("errors.validation")}</p>
          {apiError.problem?.detail && <p>{apiError.problem.detail}</p>}
        </div>
      )}
      <div className="form-grid">
        {LANGS.map((l) => (
          <TextField
            key={l}
            label={t("monitoring.indicators.titleIn", { language: t(`language.${l}`) })}
            value={values.title[l]}
            errors={errorsOf(`title.${l}`) ?? (l === "es" ? errorsOf("title") : undefined)}
            onChange={(e) => setValues((v) => ({ ...v, title: { ...v.title, [l]: e.target.value } }))}
          />
        ))}
        <SelectField
          label={t("monitoring.indicators.measure")}
          value={values.measure}
          errors={errorsOf("measure")}
          options={MEASURES.map((m) => ({ value: m, label: t(`monitoring.indicators.measures.${m}`) }))}
          onChange={(e) => setValues((v) => ({ ...v, measure: measureOf(e.target.value) }))}
        />
        <SelectField
          label={t("monitoring.indicators.direction")}
          value={values.ascending ? "up" : "down"}
          errors={errorsOf("ascending")}
          options={[
            { value: "up", label: t("monitoring.indicators.ascending") },
            { value: "down", label: t("monitoring.indicators.descending") },
          ]}
          onChange={(e) => setValues((v) => ({ ...v, ascending: e.target.value === "up" }))}
        />
      </div>

      <fieldset>
        <legend>{t("monitoring.indicators.baseline")}</legend>
        <div className="form-grid">
          <TextField
            label={t("monitoring.indicators.baselineYear")}
            inputMode="numeric"
            value={values.baselineYear}
            errors={errorsOf("baseline.year") ?? errorsOf("baseline")}
            onChange={(e) => setValues((v) => ({ ...v, baselineYear: e.target.value }))}
          />
          <ValueInputsFields
            measure={values.measure}
            value={values.baseline}
            prefix="baseline"
            errorsOf={errorsOf}
            label={t("monitoring.indicators.baselineValue")}
            onChange={(baseline) => setValues((v) => ({ ...v, baseline }))}
          />
        </div>
      </fieldset>

      <fieldset className="periods-editor">
        <legend>{t("monitoring.indicators.periods")}</legend>
        {errorsOf("periods") && <p className="field-error">{errorsOf("periods")!.join(" ")}</p>}
        {values.periods.map((p, i) => (
          <div key={i} className="result-row" role="group" aria-label={t("monitoring.indicators.periodN", { n: i + 1 })}>
            <div className="form-grid">
              <TextField
                type="date"
                label={t("monitoring.indicators.startsOn")}
                value={p.starts_on}
                errors={errorsOf(`periods[${i}].starts_on`)}
                onChange={(e) => setPeriod(i, (x) => ({ ...x, starts_on: e.target.value }))}
              />
              <TextField
                type="date"
                label={t("monitoring.indicators.endsOn")}
                value={p.ends_on}
                errors={errorsOf(`periods[${i}].ends_on`)}
                onChange={(e) => setPeriod(i, (x) => ({ ...x, ends_on: e.target.value }))}
              />
            </div>
            <div className="form-grid">
              <ValueInputsFields
                measure={values.measure}
                value={p.target}
                prefix={`periods[${i}].target`}
                errorsOf={errorsOf}
                label={t("monitoring.indicators.target")}
                onChange={(target) => setPeriod(i, (x) => ({ ...x, target }))}
              />
              <ValueInputsFields
                measure={values.measure}
                value={p.actual}
                prefix={`periods[${i}].actual`}
                errorsOf={errorsOf}
                label={t("monitoring.indicators.actual")}
                onChange={(actual) => setPeriod(i, (x) => ({ ...x, actual }))}
              />
            </div>
            <button
              type="button"
              className="button-danger"
              onClick={() => setValues((v) => ({ ...v, periods: v.periods.filter((_, j) => j !== i) }))}
            >
              {t("monitoring.indicators.removePeriod")}
            </button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => setValues((v) => ({ ...v, periods: [...v.periods, emptyPeriod()] }))}>
          {t("monitoring.indicators.addPeriod")}
        </button>
      </fieldset>

      <FormActions submit={indicator ? t("common.save") : t("monitoring.indicators.create")} pending={mutation.isPending} disabled={stale} onCancel={onCancel} />
    </form>
  );
}

/** The inputs of one value for the measure: a number; numerator and denominator; reached; a comment. */
export function ValueInputsFields({
  measure,
  value,
  prefix,
  label,
  errorsOf,
  onChange,
}: {
  measure: Measure;
  value: ValueInputs;
  prefix: string;
  label: string;
  errorsOf: (key: string) => string[] | undefined;
  onChange: (v: ValueInputs) => void;
}) {
  const { t } = useTranslation();
  const set = (k: keyof ValueInputs, s: string) => onChange({ ...value, [k]: s });
  return (
    <>
      {VALUE_INPUTS[measure].map((k) =>
        k === "reached" ? (
          <SelectField
            key={k}
            label={t("monitoring.indicators.inputs.reached", { what: label })}
            value={value.reached}
            errors={errorsOf(`${prefix}.reached`)}
            options={[
              { value: "", label: t("common.none") },
              { value: "yes", label: t("common.yes") },
              { value: "no", label: t("common.no") },
            ]}
            onChange={(e) => set("reached", e.target.value)}
          />
        ) : (
          <TextField
            key={k}
            label={t(`monitoring.indicators.inputs.${k}`, { what: label })}
            inputMode={k === "comment" ? undefined : "decimal"}
            value={value[k]}
            errors={errorsOf(`${prefix}.${k}`) ?? (k === VALUE_INPUTS[measure][0] ? errorsOf(prefix) : undefined)}
            onChange={(e) => set(k, e.target.value)}
          />
        ),
      )}
    </>
  );
}
