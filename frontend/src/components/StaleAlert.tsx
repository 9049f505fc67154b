import { useTranslation } from "react-i18next";
import type { ApiError } from "../lib/api/problem";

/** A 412 answer: someone else changed the record since it was read; offers to read it again. */
export function StaleAlert({ error, onReload }: { error: ApiError | null; onReload?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning" role="alert" data-testid="stale-alert">
      <p>
        {error?.problem?.current_version != null
          ? t("errors.stale", { version: error.problem.current_version })
          : t("errors.staleNoVersion")}
      </p>
      {onReload && (
        <button type="button" className="button-primary" onClick={onReload}>
          {t("common.reload")}
        </button>
      )}
    </div>
  );
}
