import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A list's filters, in a search landmark named `label`: the fields, and a button that clears
 * them when any is set (`onClear`).
 */
export function ListFilters({
  label,
  children,
  onSubmit,
  onClear,
}: {
  label: string;
  children: ReactNode;
  onSubmit?: () => void;
  /** Clears every filter; none: nothing to clear now. */
  onClear?: () => void;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };
  return (
    <form className="filters card" role="search" aria-label={label} onSubmit={submit}>
      {children}
      {onClear && (
        <button type="button" className="button-secondary" onClick={onClear}>
          {t("common.clearFilters")}
        </button>
      )}
    </form>
  );
}

/** A filter that is a choice among `options`, the first one "all". */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  all = true,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  /** Offers "all" (no filter) first. */
  all?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {all && <option value="">{t("common.all")}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A filter typed in: a search box, a date. */
export function FilterInput({
  id,
  label,
  value,
  onChange,
  type = "search",
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "search" | "date" | "text";
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
