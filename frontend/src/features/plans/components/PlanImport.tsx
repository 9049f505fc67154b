import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError } from "../../../lib/api/problem";
import { counted, formatNumber } from "../../../lib/i18n/format";
import { documentFormatOf, useImportPlan, type DocumentFormat, type Plan } from "../api/plans";

/**
 * The problems of a refused document, each at its place in it (`work_plan.nodes[0].code`), or
 * null when the error is not a list of such problems.
 */
export function DocumentProblems({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!(error instanceof ApiError) || !error.problem?.errors?.length || ![400, 409, 422].includes(error.status)) return null;
  const errors = error.problem.errors;
  return (
    <div className="alert alert-error" role="alert" data-testid="document-problems">
      <p className="alert-title">{error.problem.title}</p>
      <p>{t("plans.import.problemsIntro", counted(errors.length, i18n.language))}</p>
      <ol className="problem-list">
        {errors.map((e, i) => (
          <li key={`${e.field}-${i}`}>
            {e.field ? <code className="problem-place">{e.field}</code> : <span className="problem-place">{t("plans.import.wholeDocument")}</span>}
            <span className="problem-message">{e.message || e.code}</span>
          </li>
        ))}
      </ol>
      {error.problem.request_id && <p className="muted small">{t("errors.requestId", { id: error.problem.request_id })}</p>}
    </div>
  );
}

/** Reads a plan document (JSON or YAML) from a file and imports it as a new draft plan. */
export function PlanImport({ onImported, onCancel }: { onImported: (plan: Plan) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [format, setFormat] = useState<DocumentFormat | null>(null);
  const importPlan = useImportPlan();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    const text = await file.text();
    const f = documentFormatOf(file.name, text);
    setFormat(f);
    importPlan.mutate({ text, format: f }, { onSuccess: (plan) => onImported(plan) });
  };

  const error = importPlan.error;
  const listed = error instanceof ApiError && !!error.problem?.errors?.length && [400, 409, 422].includes(error.status);

  return (
    <form className="card import-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="plan-import-title">
      <h2 id="plan-import-title">{t("plans.import.title")}</h2>
      <p className="muted">{t("plans.import.intro")}</p>
      {listed ? <DocumentProblems error={error} /> : error && <ProblemAlert error={error} />}
      <TextField
        label={t("plans.import.file")}
        hint={t("plans.import.fileHint")}
        type="file"
        accept=".json,.yaml,.yml,application/json,application/yaml"
        required
        errors={missing ? [t("plans.import.chooseFile")] : undefined}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setMissing(false);
          setFormat(null);
          importPlan.reset();
        }}
      />
      {file && (
        <p className="muted small" data-testid="chosen-file">
          {t("plans.import.chosen", {
            name: file.name,
            size: formatNumber(Math.max(1, Math.round(file.size / 1024)), i18n.language),
          })}
          {format && ` · ${format.toUpperCase()}`}
        </p>
      )}
      <FormActions submit={t("plans.import.submit")} pending={importPlan.isPending} pendingLabel={t("plans.import.importing")} onCancel={onCancel} />
    </form>
  );
}
