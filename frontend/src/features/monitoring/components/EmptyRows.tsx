import { useState } from "react";
import { useTranslation } from "react-i18next";
import { counted } from "../../../lib/i18n/format";

/**
 * A report's rows without anything to count (an axis with no activity, a kind of result never
 * reached) folded away: `shown` are the others, and `toggle` a button that shows the empty ones
 * too ("Show 12 rows with no activities"), or hides them again. No toggle when none is empty.
 */
export function useEmptyRows<T>(
  items: readonly T[],
  isEmpty: (item: T) => boolean,
  { controls, texts = "rows" }: { controls: string; texts?: "rows" | "kinds" },
) {
  const { t, i18n } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const empty = items.filter(isEmpty).length;
  const shown = showAll ? items : items.filter((i) => !isEmpty(i));
  const [show, hide] = texts === "rows" ? ["showEmpty", "hideEmpty"] : ["showEmptyKinds", "hideEmptyKinds"];
  const toggle =
    empty > 0 ? (
      <p className="empty-rows">
        <button type="button" className="button-plain" aria-expanded={showAll} aria-controls={controls} onClick={() => setShowAll((s) => !s)}>
          {showAll ? t(`monitoring.reports.${hide}`) : t(`monitoring.reports.${show}`, counted(empty, i18n.language))}
        </button>
      </p>
    ) : null;
  return { shown, toggle };
}
