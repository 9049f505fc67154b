import { useTranslation } from "react-i18next";

/** `name` / `-name` → column and direction. */
export function parseSort(sort: string): { field: string; desc: boolean } {
  return sort.startsWith("-") ? { field: sort.slice(1), desc: true } : { field: sort, desc: false };
}

/** Next sort value when a column header is clicked: ascending, then descending. */
export function nextSort(current: string, field: string): string {
  const { field: f, desc } = parseSort(current);
  if (f !== field) return field;
  return desc ? field : `-${field}`;
}

/** A sortable column header (a button inside the th, with aria-sort on the th). */
export function SortHeader({
  field,
  label,
  sort,
  onSort,
  className,
}: {
  field: string;
  label: string;
  sort: string;
  onSort: (sort: string) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const current = parseSort(sort);
  const active = current.field === field;
  const ariaSort = active ? (current.desc ? "descending" : "ascending") : "none";
  return (
    <th scope="col" role="columnheader" aria-sort={ariaSort} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, field))} title={t("common.sortBy", { column: label })}>
        {label}
        <span aria-hidden="true" className="sort-indicator">
          {active ? (current.desc ? " ▼" : " ▲") : " ↕"}
        </span>
      </button>
    </th>
  );
}
