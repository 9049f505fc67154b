import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCountryNames } from "../../../lib/registry/countries";
import { useCitySearch, type ReportCity } from "../api/reports";
import { countriesOf, countryBand } from "../model/indicators";
import { bandLabel } from "./ReportBadges";

/**
 * The participating member cities: a search over the registry (each result with its country),
 * the chosen cities, and the countries they count and the band, computed as the list changes.
 */
export function CityPicker({
  cities,
  onChange,
  errors,
}: {
  cities: ReportCity[];
  onChange: (cities: ReportCity[]) => void;
  errors?: string[];
}) {
  const { t, i18n } = useTranslation();
  const names = useCountryNames(i18n.language);
  const [q, setQ] = useState("");
  const search = useCitySearch(q);
  const chosen = new Set(cities.map((c) => c.id));
  const countries = countriesOf(cities);
  const band = countryBand(countries.length);
  const errorId = errors?.length ? "city-picker-error" : undefined;

  return (
    <fieldset className={`city-picker${errors?.length ? " field-invalid" : ""}`} aria-describedby={errorId}>
      <legend>{t("monitoring.form.cities")}</legend>
      <div className="field">
        <label htmlFor="city-search">{t("monitoring.form.citySearch")}</label>
        <input
          id="city-search"
          type="search"
          value={q}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
          aria-describedby="city-search-hint"
        />
        <p id="city-search-hint" className="hint">
          {t("monitoring.form.citySearchHint")}
        </p>
      </div>
      {q.trim().length >= 2 && search.data && (
        <ul className="city-results plain-list" aria-label={t("monitoring.form.cityResults")}>
          {search.data.items.length === 0 && <li className="muted">{t("common.noResults")}</li>}
          {search.data.items.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="button-secondary"
                disabled={chosen.has(c.id)}
                onClick={() => {
                  onChange([...cities, { id: c.id, name: c.name, country: c.country }]);
                  setQ("");
                }}
              >
                {t("monitoring.form.addCity", { city: c.name, country: names.name(c.country) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {cities.length > 0 ? (
        <ul className="chosen-cities plain-list" aria-label={t("monitoring.form.chosenCities")}>
          {cities.map((c) => (
            <li key={c.id} data-city={c.name}>
              <span>{c.name}</span> <span className="badge">{names.name(c.country)}</span>{" "}
              <button
                type="button"
                className="button-link"
                onClick={() => onChange(cities.filter((x) => x.id !== c.id))}
                aria-label={t("monitoring.form.removeCity", { city: c.name })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t("monitoring.form.noCities")}</p>
      )}
      <p className="live-band" data-testid="live-band" aria-live="polite">
        {countries.length === 0
          ? t("monitoring.form.noCountries")
          : t("monitoring.form.countriesCounted", {
              counted: band ? bandLabel(t, band, i18n.language) : "",
              countries: names.list(countries),
            })}
      </p>
      {errorId && (
        <p id={errorId} className="field-error">
          {errors!.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
