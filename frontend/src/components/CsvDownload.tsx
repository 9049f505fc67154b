import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadCsv } from "../lib/api/download";
import { ProblemAlert } from "./ProblemAlert";

/**
 * A link that downloads `path` as a CSV file named `fileName`: fetched with the access token (a
 * plain link would carry none), with its problem shown beside it when the server refuses.
 */
export function CsvDownload({ path, fileName, label }: { path: string; fileName: string; label: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="csv-download">
      <a
        href={path}
        className="button-secondary"
        aria-disabled={busy || undefined}
        onClick={(e) => {
          e.preventDefault();
          if (busy) return;
          setBusy(true);
          setError(null);
          downloadCsv(path, fileName)
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t("plans.csv.downloading") : label}
      </a>
      {error != null && <ProblemAlert error={error} />}
    </div>
  );
}
