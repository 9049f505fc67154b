import { useTranslation } from "react-i18next";
import { counted, formatNumber } from "../../lib/i18n/format";

export const PER_PAGE_OPTIONS = [10, 25, 50, 100] as const;

interface Props {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
  onPerPage?: (perPage: number) => void;
}

/** Page navigation for a server-paginated list. */
export function Pagination({ page, perPage, total, onPage, onPerPage }: Props) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <span className="muted">{t("pagination.total", counted(total, i18n.language))}</span>
      <div className="pagination-controls">
        <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          ‹ {t("pagination.previous")}
        </button>
        <span aria-live="polite">
          {t("pagination.pageOf", { page: formatNumber(page, i18n.language), pages: formatNumber(pages, i18n.language) })}
        </span>
        <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
          {t("pagination.next")} ›
        </button>
      </div>
      {onPerPage && (
        <label className="inline-label">
          {t("pagination.perPage")}{" "}
          <select value={perPage} onChange={(e) => onPerPage(Number(e.target.value))}>
            {PER_PAGE_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}
