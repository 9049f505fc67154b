import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import { useBodyChoices, useCityChoices, type PlanTree } from "../api/plans";

/** A list typed in a text field (`T1.2, T3`): its items. */
export const codesOf = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);

function Problems({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.join(" ")}
    </p>
  );
}

/**
 * The bodies responsible for an activity, picked by name; the plan names them by acronym, which is
 * what is sent. An acronym no body holds (an old document) stays listed, to be kept or dropped.
 */
export function ResponsibleBodiesPicker({ value, onChange, errors }: { value: string[]; onChange: (v: string[]) => void; errors?: string[] }) {
  const { t, i18n } = useTranslation();
  const errorId = useId();
  const bodies = useBodyChoices();
  const known = (bodies.data ?? [])
    .filter((b) => b.acronym)
    .map((b) => ({ acronym: b.acronym as string, label: `${localized(b.name, i18n.language)} (${b.acronym})` }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  const unknown = value.filter((a) => bodies.data && !known.some((k) => k.acronym === a)).map((a) => ({ acronym: a, label: a }));
  const toggle = (acronym: string, on: boolean) => onChange(on ? [...value, acronym] : value.filter((a) => a !== acronym));
  return (
    <fieldset className={`field picker${errors?.length ? " field-invalid" : ""}`} aria-describedby={errors?.length ? errorId : undefined}>
      <legend>{t("plans.activity.responsibleBodies")}</legend>
      <ul className="checkbox-list picker-list" data-testid="responsible-bodies">
        {[...known, ...unknown].map((b) => (
          <li key={b.acronym}>
            <label>
              <input type="checkbox" checked={value.includes(b.acronym)} onChange={(e) => toggle(b.acronym, e.target.checked)} />
              {b.label}
            </label>
          </li>
        ))}
      </ul>
      <Problems id={errorId} errors={errors} />
    </fieldset>
  );
}

/** The member cities responsible for an activity, picked from the registry and sent as `Name (CC)`. */
export function ResponsibleCitiesPicker({ value, onChange, errors }: { value: string[]; onChange: (v: string[]) => void; errors?: string[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const cities = useCityChoices();
  const countries = useCountryNames(i18n.language);
  const [choice, setChoice] = useState("");
  const options = (cities.data ?? []).map((c) => ({ value: `${c.name} (${c.country})`, label: `${c.name} (${countries.name(c.country)})` }));
  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  const offered = options.filter((o) => !value.includes(o.value));
  return (
    <fieldset className={`field picker${errors?.length ? " field-invalid" : ""}`} aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend>{t("plans.activity.responsibleCities")}</legend>
      {value.length === 0 ? (
        <p className="muted small">{t("plans.node.noCities")}</p>
      ) : (
        <ul className="plain-list chosen-list" data-testid="responsible-cities">
          {value.map((v) => (
            <li key={v} data-city={v}>
              {labelOf(v)}{" "}
              <button type="button" className="button-link" onClick={() => onChange(value.filter((x) => x !== v))}>
                {t("plans.node.removeCity", { city: labelOf(v) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="picker-add">
        <label htmlFor={`${id}-choice`}>{t("plans.node.cityToAdd")}</label>
        <select id={`${id}-choice`} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t("plans.node.pickCity")}</option>
          {offered.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button-secondary"
          disabled={!choice}
          onClick={() => {
            onChange([...value, choice]);
            setChoice("");
          }}
        >
          {t("plans.node.addCity")}
        </button>
      </div>
      <Problems id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

/**
 * The thematic perspectives and goals of the strategic plan an activity serves, picked by name
 * (their codes are sent); a code the strategic plan does not hold stays listed, to be kept or
 * dropped.
 */
export function ServesPicker({
  strategicPlan,
  value,
  onChange,
  errors,
}: {
  strategicPlan: PlanTree["strategic_plan"];
  value: string[];
  onChange: (v: string[]) => void;
  errors?: string[];
}) {
  const { t, i18n } = useTranslation();
  const errorId = useId();
  const lang = i18n.language;
  const perspectives = strategicPlan?.thematic_perspectives ?? [];
  const known = new Set(perspectives.flatMap((p) => [p.code, ...(p.goals ?? []).map((g) => g.code)]));
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  const box = (code: string, label: string) => (
    <label>
      <input type="checkbox" checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />
      <span className="tree-code">{code}</span> {label}
    </label>
  );
  return (
    <fieldset className={`field picker${errors?.length ? " field-invalid" : ""}`} aria-describedby={errors?.length ? errorId : undefined}>
      <legend>{t("plans.activity.serves")}</legend>
      <ul className="plain-list serves-list" data-testid="serves">
        {perspectives.map((p) => (
          <li key={p.code}>
            {box(p.code, localized(p.title, lang))}
            {(p.goals ?? []).length > 0 && (
              <ul className="plain-list serves-goals">
                {(p.goals ?? []).map((g) => (
                  <li key={g.code}>{box(g.code, localized(g.title, lang))}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {value
          .filter((c) => !known.has(c))
          .map((c) => (
            <li key={c}>{box(c, "")}</li>
          ))}
      </ul>
      <Problems id={errorId} errors={errors} />
    </fieldset>
  );
}
