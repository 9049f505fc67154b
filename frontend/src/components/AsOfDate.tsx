import { useId } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";

/** The `as_of` date in the URL (the day a record's posts are shown for), or undefined for today. */
export function useAsOf(): string | undefined {
  const [params] = useSearchParams();
  const v = params.get("as_of");
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

/** A date input that sets `as_of` in the URL. */
export function AsOfDate({ value }: { value: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  return (
    <div className="field as-of">
      <label htmlFor={id}>{t("common.asOf")}</label>
      <input
        id={id}
        type="date"
        value={value}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.target.value) next.set("as_of", e.target.value);
          else next.delete("as_of");
          setParams(next, { replace: true });
        }}
      />
    </div>
  );
}
