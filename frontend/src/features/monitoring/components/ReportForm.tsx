import { useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextAreaField, TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors, type FieldErrors } from "../../../lib/api/problem";
import { StaleAlert } from "../../../components/StaleAlert";
import { ValidationAlert } from "../../../components/FormProblems";
import { useCreateReport, useUpdateReport, type Report } from "../api/reports";
import { EXECUTIONS } from "../../../lib/api/closed";
import { RESULT_KINDS, randomUuid, stageAfterKindChange, stagesOf } from "../model/indicators";
import {
  LANGS,
  PARTICIPANT_LISTS,
  emptyReportValues,
  emptyResult,
  reportFieldErrors,
  reportValues,
  toReportIn,
  type Lang,
  type ReportFormValues,
  type ResultValues,
} from "../model/reportForm";
import { CityPicker } from "./CityPicker";

type Props = { onDone: (report: Report) => void; onCancel: () => void } & (
  | { mode: "create"; planId: string; nodeId: string; activityCode: string }
  | { mode: "edit"; report: Report; etag: string; onReload: () => Promise<unknown> }
);

const today = () => new Date().toISOString().slice(0, 10);

/** Writes a progress report on an activity, or edits a draft or returned one. */
export function ReportForm(props: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ReportFormValues>(() =>
    props.mode === "edit" ? reportValues(props.report) : emptyReportValues(today()),
  );
  // One Idempotency-Key per submission of the same content: a double click repeats it (and the
  // server answers with the first report); a change in the form makes the next one new.
  const idempotencyKey = useRef<string | null>(null);
  const create = useCreateReport(props.mode === "create" ? props.planId : "", props.mode === "create" ? props.nodeId : "");
  const update = useUpdateReport(props.mode === "edit" ? props.report.id : "");
  const mutation = props.mode === "create" ? create : update;

  const apiError = mutation.error instanceof ApiError ? mutation.error : null;
  const stale = apiError?.status === 412;
  const fieldProblem = !!apiError && [400, 409, 422].includes(apiError.status) && !!apiError.problem?.errors?.length;
  const { byField, others } = useMemo((): { byField: FieldErrors; others: string[] } => {
    if (!apiError || !fieldProblem) return { byField: {}, others: [] };
    return reportFieldErrors(problemToFieldErrors(apiError.problem));
  }, [apiError, fieldProblem]);
  const errorsOf = (key: string) => byField[key];

  const change = (f: (v: ReportFormValues) => ReportFormValues) => {
    idempotencyKey.current = null;
    setValues(f);
  };
  const setResult = (i: number, patch: Partial<ResultValues>) =>
    change((v) => ({ ...v, results: v.results.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mutation.isPending) return;
    const body = toReportIn(values);
    if (props.mode === "create") {
      idempotencyKey.current ??= randomUuid();
      create.mutate({ body, idempotencyKey: idempotencyKey.current }, { onSuccess: props.onDone });
    } else {
      update.mutate({ body, etag: props.etag, version: props.report.version }, { onSuccess: props.onDone });
    }
  };

  const titleId = `report-form-title-${props.mode}`;
  return (
    <form className="card report-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>
        {props.mode === "create"
          ? t("monitoring.form.newTitle", { code: props.activityCode })
          : t("monitoring.form.editTitle", { code: props.report.activity_code })}
      </h2>
      {stale && apiError && props.mode === "edit" && (
        <StaleAlert error={apiError} onReload={() => void props.onReload().then(() => update.reset())} />
      )}
      {fieldProblem && <ValidationAlert error={apiError} others={others} />}
      {mutation.error && !stale && !fieldProblem && <ProblemAlert error={mutation.error} />}

      <div className="form-grid">
        <TextField
          label={t("monitoring.reportedOn")}
          type="date"
          required
          value={values.reported_on}
          onChange={(e) => change((v) => ({ ...v, reported_on: e.target.value }))}
          errors={errorsOf("reported_on")}
        />
      </div>

      <fieldset className={`radio-group${errorsOf("execution") ? " field-invalid" : ""}`} aria-describedby={errorsOf("execution") ? "execution-error" : undefined}>
        <legend>
          {t("monitoring.execution.label")}
          <span className="required" title={t("common.required")}>
            {" "}
            *
          </span>
        </legend>
        <p className="hint">{t("monitoring.execution.hint")}</p>
        {EXECUTIONS.map((x) => (
          <label key={x} className="inline-label">
            <input
              type="radio"
              name="execution"
              value={x}
              checked={values.execution === x}
              aria-invalid={errorsOf("execution") ? true : undefined}
              onChange={() => change((v) => ({ ...v, execution: x }))}
            />{" "}
            {t(`monitoring.execution.${x}`)}
          </label>
        ))}
        {errorsOf("execution") && (
          <p id="execution-error" className="field-error">
            {errorsOf("execution")!.join(" ")}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t("monitoring.form.participants")}</legend>
        <CityPicker
          cities={values.cities}
          onChange={(cities) => change((v) => ({ ...v, cities }))}
          errors={errorsOf("participants.cities")}
        />
        <div className="form-grid">
          {PARTICIPANT_LISTS.map((list) => (
            <TextAreaField
              key={list}
              label={t(`monitoring.participants.${list}`)}
              hint={t("monitoring.form.oneALine")}
              rows={3}
              value={values[list]}
              onChange={(e) => change((v) => ({ ...v, [list]: e.target.value }))}
              errors={errorsOf(`participants.${list}`)}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="results-editor">
        <legend>{t("monitoring.form.results")}</legend>
        {errorsOf("results") && <p className="field-error">{errorsOf("results")!.join(" ")}</p>}
        {values.results.length === 0 && <p className="muted small">{t("monitoring.form.noResults")}</p>}
        {values.results.map((r, i) => (
          <ResultRow
            key={r.key}
            index={i}
            value={r}
            errorsOf={(f) => errorsOf(`results[${i}].${f}`)}
            onChange={(patch) => setResult(i, patch)}
            onRemove={() => change((v) => ({ ...v, results: v.results.filter((_, j) => j !== i) }))}
          />
        ))}
        <button type="button" className="button-secondary" onClick={() => change((v) => ({ ...v, results: [...v.results, emptyResult()] }))}>
          {t("monitoring.form.addResult")}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t("monitoring.narrative")}</legend>
        <div className="form-grid">
          {LANGS.map((l) => (
            <TextAreaField
              key={l}
              label={t("monitoring.form.narrativeIn", { language: t(`language.${l}`) })}
              rows={4}
              lang={l}
              value={values.narrative[l]}
              onChange={(e) => change((v) => ({ ...v, narrative: { ...v.narrative, [l]: e.target.value } }))}
              errors={errorsOf(`narrative.${l}`)}
            />
          ))}
        </div>
      </fieldset>

      <TextAreaField
        label={t("monitoring.evidence")}
        hint={t("monitoring.form.linksHint")}
        rows={2}
        value={values.evidence}
        onChange={(e) => change((v) => ({ ...v, evidence: e.target.value }))}
        errors={errorsOf("evidence")}
      />

      <FormActions submit={props.mode === "create" ? t("monitoring.form.create") : t("common.save")} pending={mutation.isPending} disabled={stale} onCancel={props.onCancel} />
    </form>
  );
}

function ResultRow({
  index,
  value,
  errorsOf,
  onChange,
  onRemove,
}: {
  index: number;
  value: ResultValues;
  errorsOf: (field: string) => string[] | undefined;
  onChange: (patch: Partial<ResultValues>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const ladder = stagesOf(value.kind);
  const n = index + 1;
  return (
    <div className="result-row" role="group" aria-label={t("monitoring.form.resultN", { n })} data-index={index}>
      <div className="form-grid">
        <SelectField
          label={t("monitoring.form.kind")}
          required
          value={value.kind}
          onChange={(e) => onChange({ kind: e.target.value, stage: stageAfterKindChange(e.target.value, value.stage) })}
          options={RESULT_KINDS.map((k) => ({ value: k, label: t(`monitoring.resultKind.${k}`) }))}
          errors={errorsOf("kind")}
        />
        {ladder.length > 0 ? (
          <SelectField
            label={t("monitoring.form.stage")}
            required
            value={value.stage}
            onChange={(e) => onChange({ stage: e.target.value })}
            options={ladder.map((s) => ({ value: s, label: t(`monitoring.stage.${value.kind}.${s}`) }))}
            errors={errorsOf("stage")}
          />
        ) : (
          errorsOf("stage") && <p className="field-error">{errorsOf("stage")!.join(" ")}</p>
        )}
        <TextField
          label={t("monitoring.form.achievedOn")}
          type="date"
          value={value.achieved_on}
          onChange={(e) => onChange({ achieved_on: e.target.value })}
          errors={errorsOf("achieved_on")}
        />
      </div>
      <div className="form-grid">
        {LANGS.map((l: Lang) => (
          <TextField
            key={l}
            label={t("monitoring.form.descriptionIn", { language: t(`language.${l}`) })}
            lang={l}
            value={value.description[l]}
            onChange={(e) => onChange({ description: { ...value.description, [l]: e.target.value } })}
            errors={l === "es" ? errorsOf("description") : undefined}
          />
        ))}
      </div>
      <TextAreaField
        label={t("monitoring.form.resultEvidence")}
        hint={t("monitoring.form.linksHint")}
        rows={2}
        value={value.evidence}
        onChange={(e) => onChange({ evidence: e.target.value })}
        errors={errorsOf("evidence")}
      />
      <button type="button" className="button-danger" onClick={onRemove}>
        {t("monitoring.form.removeResult", { n })}
      </button>
    </div>
  );
}
