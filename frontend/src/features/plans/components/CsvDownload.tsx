import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { downloadActivitiesCsv } from "../api/plans";

/** Downloads the plan's activities as a CSV file (the request carries the access token). */
export function CsvDownload({ planId, fileName }: { planId: string; fileName: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="csv-download">
      <a
        href={`/api/v1/plans/${planId}/activities`}
        className="button-secondary"
        aria-disabled={busy || undefined}
        onClick={(e) => {
          e.preventDefault();
          if (busy) return;
          setBusy(true);
          setError(null);
          downloadActivitiesCsv(planId, fileName)
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t("plans.csv.downloading") : t("plans.csv.download")}
      </a>
      {error != null && <ProblemAlert error={error} />}
    </div>
  );
}
