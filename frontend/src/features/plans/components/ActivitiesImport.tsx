import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError } from "../../../lib/api/problem";
import { formatNumber } from "../../../lib/i18n/format";
import { rowProblems, useImportActivities, type ActivityImport } from "../api/plans";

/**
 * Imports the plan's activities from a CSV file (the columns of the download): the outcome on
 * success, the server's row-by-row report when it refuses the file (nothing is then changed).
 */
export function ActivitiesImport({ planId, onClose }: { planId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<ActivityImport | null>(null);
  const importCsv = useImportActivities(planId);

  const error = importCsv.error;
  const report = useMemo(() => {
    if (!(error instanceof ApiError) || !error.problem?.errors?.length) return null;
    return rowProblems(error.problem.errors);
  }, [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!file) {
      setMissing(true);
      return;
    }
    importCsv.mutate(await file.text(), { onSuccess: (outcome) => setDone(outcome) });
  };

  return (
    <form className="card import-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="activities-import-title" data-testid="activities-import">
      <h2 id="activities-import-title">{t("plans.csvImport.title")}</h2>
      <p className="muted">{t("plans.csvImport.intro")}</p>
      {done && (
        <div className="alert alert-success" role="status" data-testid="import-outcome">
          <p className="alert-title">{t("plans.csvImport.done")}</p>
          <dl className="facts facts-inline">
            <dt>{t("plans.csvImport.created")}</dt>
            <dd>{formatNumber(done.created, lang)}</dd>
            <dt>{t("plans.csvImport.updated")}</dt>
            <dd>{formatNumber(done.updated, lang)}</dd>
            <dt>{t("plans.csvImport.unchanged")}</dt>
            <dd>{formatNumber(done.unchanged, lang)}</dd>
          </dl>
        </div>
      )}
      {report && error instanceof ApiError ? (
        <div className="alert alert-error" role="alert" data-testid="row-problems">
          <p className="alert-title">{error.problem?.title}</p>
          <p>{t("plans.csvImport.refused")}</p>
          {report.rows.length > 0 && (
            <div className="table-wrap">
              <table className="data-table row-problems">
                <caption className="visually-hidden">{t("plans.csvImport.rowsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("plans.csvImport.line")}
                    </th>
                    <th scope="col">{t("plans.csvImport.column")}</th>
                    <th scope="col">{t("plans.csvImport.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r, i) => (
                    <tr key={`${r.line}-${r.column}-${i}`} data-line={r.line} data-column={r.column}>
                      <td className="num">{formatNumber(r.line, lang)}</td>
                      <td>{r.column ? <code>{r.column}</code> : t("plans.csvImport.wholeRow")}</td>
                      <td>{r.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.others.length > 0 && (
            <ul>
              {report.others.map((o, i) => (
                <li key={`${o.field}-${i}`}>
                  {o.field && (
                    <>
                      <code>{o.field}</code>:{" "}
                    </>
                  )}
                  {o.message}
                </li>
              ))}
            </ul>
          )}
          {error.problem?.request_id && <p className="muted small">{t("errors.requestId", { id: error.problem.request_id })}</p>}
        </div>
      ) : (
        error && <ProblemAlert error={error} />
      )}
      <TextField
        label={t("plans.csvImport.file")}
        hint={t("plans.csvImport.fileHint")}
        type="file"
        accept=".csv,text/csv"
        required
        errors={missing ? [t("plans.import.chooseFile")] : undefined}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setMissing(false);
          setDone(null);
          importCsv.reset();
        }}
      />
      <FormActions submit={t("plans.csvImport.submit")} pending={importCsv.isPending} pendingLabel={t("plans.import.importing")} onCancel={onClose} cancel={t("plans.csvImport.close")} />
    </form>
  );
}
