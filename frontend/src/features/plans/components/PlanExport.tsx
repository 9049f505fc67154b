import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { DOCUMENT_FORMATS, documentFileName, downloadPlanDocument, type DocumentFormat, type Plan } from "../api/plans";

/** Downloads the plan as a plan document, in JSON or YAML (the same document the import reads). */
export function PlanExport({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const [error, setError] = useState<unknown>(null);

  const download = (format: DocumentFormat) => {
    if (busy) return;
    setBusy(format);
    setError(null);
    downloadPlanDocument(plan.id, format, documentFileName(plan, format))
      .catch(setError)
      .finally(() => setBusy(null));
  };

  return (
    <div className="plan-export">
      <div className="button-group" role="group" aria-labelledby="plan-export-label">
        <span id="plan-export-label" className="button-group-label">
          {t("plans.export.label")}
        </span>
        {DOCUMENT_FORMATS.map((f) => (
          <button
            key={f}
            type="button"
            className="button-secondary"
            aria-label={t("plans.export.as", { format: f.toUpperCase() })}
            aria-busy={busy === f || undefined}
            disabled={busy !== null}
            onClick={() => download(f)}
          >
            {busy === f ? t("plans.csv.downloading") : f.toUpperCase()}
          </button>
        ))}
      </div>
      {error != null && <ProblemAlert error={error} />}
    </div>
  );
}
