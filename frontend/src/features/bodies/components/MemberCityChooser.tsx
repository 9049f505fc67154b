import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { counted } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import { useMemberCandidates, type MemberCity } from "../api/bodies";

/** The text typed, once it has not changed for `ms` (so a search is not sent per keystroke). */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Picks the city to add to a body: a search over the registry by name (`/cities?q=`), its results
 * as buttons (those already members of the body shown, but not offered), the choice stated below.
 * Typing again drops the choice. The server's messages about `city_id` stand beside the search.
 */
export function MemberCityChooser({
  bodyId,
  value,
  onChange,
  errors,
}: {
  bodyId: string;
  value: MemberCity | null;
  onChange: (city: MemberCity | null) => void;
  errors?: string[];
}) {
  const { t, i18n } = useTranslation();
  const countries = useCountryNames(i18n.language);
  const [q, setQ] = useState(value?.name ?? "");
  const settled = useSettled(q, 250);
  const searching = !value && settled.trim().length >= 2;
  const candidates = useMemberCandidates(bodyId, searching ? settled : "");
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLUListElement>(null);

  const choose = (city: MemberCity) => {
    onChange(city);
    setQ(city.name);
    // The result list goes away with the choice: focus returns to the search, whence Tab goes on.
    input.current?.focus();
  };
  // ↓ from the search goes to the first result that may be chosen; ↑/↓ move between them.
  const focusResult = (from: Element | null, step: 1 | -1) => {
    const buttons = [...(results.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];
    if (buttons.length === 0) return;
    const at = from ? buttons.indexOf(from as HTMLButtonElement) : -1;
    const next = at + step;
    if (next < 0) input.current?.focus();
    else buttons[Math.min(next, buttons.length - 1)].focus();
  };
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      focusResult(null, 1);
    }
  };
  const onResultKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      focusResult(document.activeElement, e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Escape") {
      input.current?.focus();
    }
  };

  const items = searching ? candidates.data : undefined;
  return (
    <div className="member-city">
      <TextField
        ref={input}
        label={t("members.citySearch")}
        hint={t("members.citySearchHint")}
        required
        type="search"
        autoComplete="off"
        autoFocus
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (value) onChange(null);
        }}
        onKeyDown={onSearchKey}
        errors={errors}
      />
      {searching && candidates.isError && <ProblemAlert error={candidates.error} />}
      {/* Always there, so that a screen reader hears each new count. */}
      <p className="visually-hidden" aria-live="polite">
        {items ? t("members.resultsCount", counted(items.length, i18n.language)) : ""}
      </p>
      {items && (
        <>
          {items.length === 0 ? (
            <p className="muted small">{t("common.noResults")}</p>
          ) : (
            <ul className="city-results plain-list" aria-label={t("members.cityResults")} ref={results} onKeyDown={onResultKey}>
              {items.map(({ city, member }) => (
                <li key={city.id}>
                  <button type="button" className="button-secondary" disabled={member} onClick={() => choose(city)}>
                    {member
                      ? t("members.alreadyMember", { city: city.name, country: countries.name(city.country) })
                      : t("members.cityOption", { city: city.name, country: countries.name(city.country) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p className="member-choice" data-testid="member-choice" aria-live="polite">
        {value ? t("members.chosen", { city: value.name, country: countries.name(value.country) }) : <span className="muted">{t("members.noneChosen")}</span>}
      </p>
    </div>
  );
}
