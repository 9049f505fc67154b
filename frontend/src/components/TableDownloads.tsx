import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadTable, TABLE_FORMATS, type TableFormat } from "../lib/api/download";
import { ProblemAlert } from "./ProblemAlert";

const FORMATS = Object.keys(TABLE_FORMATS) as TableFormat[];

/**
 * Links that download `path` as a CSV file and as an XLSX workbook named `baseName` (with the
 * format's extension): fetched with the access token (a plain link would carry none), with the
 * server's problem shown beside them when it refuses. `labels` name each link.
 */
export function TableDownloads({ path, baseName, labels }: { path: string; baseName: string; labels: Record<TableFormat, string> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<TableFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="table-downloads">
      {FORMATS.map((format) => (
        <a
          key={format}
          href={path}
          className="button-secondary"
          data-format={format}
          aria-disabled={busy !== null || undefined}
          onClick={(e) => {
            e.preventDefault();
            if (busy) return;
            setBusy(format);
            setError(null);
            downloadTable(path, baseName, format)
              .catch(setError)
              .finally(() => setBusy(null));
          }}
        >
          {busy === format ? t("plans.csv.downloading") : labels[format]}
        </a>
      ))}
      {error != null && <ProblemAlert error={error} />}
    </div>
  );
}
