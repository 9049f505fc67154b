import { useTranslation } from "react-i18next";
import { ApiError } from "../lib/api/problem";

/**
 * Shows a failed call plainly: a 403 says the user may not do this, a 404 that the record is out
 * of reach, anything else the server's own (localized) title and detail, with the request id.
 */
export function ProblemAlert({ error, children }: { error: unknown; children?: React.ReactNode }) {
  const { t } = useTranslation();
  let title = t("errors.title");
  let detail: string | undefined;
  let requestId: string | undefined;
  if (error instanceof ApiError) {
    const p = error.problem;
    requestId = p?.request_id;
    if (error.status === 403) {
      title = t("errors.forbidden");
      detail = p?.detail;
    } else if (error.status === 404) {
      title = t("errors.notFound");
    } else if (p) {
      title = p.title;
      detail = p.detail;
    } else {
      detail = t("errors.unknown", { status: error.status });
    }
  } else if (error instanceof TypeError) {
    detail = t("errors.network");
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{title}</p>
      {detail && detail !== title && <p>{detail}</p>}
      {children}
      {requestId && <p className="muted small">{t("errors.requestId", { id: requestId })}</p>}
    </div>
  );
}
