import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors, splitFieldErrors } from "../../../lib/api/problem";
import { localized } from "../../../lib/i18n/format";
import { MEMBERSHIP_STATUSES, useUpdateCity, type CityDetail, type CityIn, type Country } from "../api/cities";

/** The form's values: every input holds a string. */
export interface CityFormValues {
  name: string;
  country: string;
  population: string;
  membership_status: string;
  joined_on: string;
  status_since: string;
  address: string;
  phone: string;
  email: string;
  website: string;
}

export const CITY_FORM_FIELDS = [
  "name",
  "country",
  "population",
  "membership_status",
  "joined_on",
  "status_since",
  "contact.address",
  "contact.phone",
  "contact.email",
  "contact.website",
] as const;

export function toFormValues(city: CityDetail): CityFormValues {
  return {
    name: city.name,
    country: city.country,
    population: city.population === null || city.population === undefined ? "" : String(city.population),
    membership_status: city.membership_status,
    joined_on: city.joined_on ?? "",
    status_since: "",
    address: city.contact.address ?? "",
    phone: city.contact.phone ?? "",
    email: city.contact.email ?? "",
    website: city.contact.website ?? "",
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/** The PUT body: every field (PUT replaces), empty inputs as null, the status date only on a change. */
export function toCityIn(values: CityFormValues, original: CityDetail): CityIn {
  const population = values.population.trim();
  const body: CityIn = {
    name: values.name.trim(),
    country: values.country,
    population: population === "" ? null : Number(population),
    membership_status: values.membership_status,
    joined_on: orNull(values.joined_on),
    contact: {
      address: orNull(values.address),
      phone: orNull(values.phone),
      email: orNull(values.email),
      website: orNull(values.website),
    },
  };
  if (values.membership_status !== original.membership_status && values.status_since) {
    body.status_since = values.status_since;
  }
  return body;
}

interface Props {
  city: CityDetail;
  etag: string;
  countries: Country[];
  onSaved: () => void;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
}

export function CityForm({ city, etag, countries, onSaved, onCancel, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<CityFormValues>(() => toFormValues(city));
  const update = useUpdateCity(city.id);

  const set = (field: keyof CityFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  const error = update.error;
  const apiError = error instanceof ApiError ? error : null;
  const { byField, others } = useMemo(
    () =>
      apiError?.status === 422 || apiError?.status === 400
        ? splitFieldErrors(problemToFieldErrors(apiError.problem), CITY_FORM_FIELDS)
        : { byField: {}, others: [] as string[] },
    [apiError],
  );
  const stale = apiError?.status === 412;

  const countryOptions = useMemo(
    () =>
      countries
        .map((c) => ({ value: c.code, label: `${localized(c.name, i18n.language)} (${c.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [countries, i18n.language],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { body: toCityIn(values, city), etag, version: city.version },
      { onSuccess: () => onSaved() },
    );
  };

  const reload = async () => {
    await onReload();
    update.reset();
  };

  return (
    <form className="card city-form" onSubmit={submit} noValidate aria-labelledby="city-form-title">
      <h2 id="city-form-title">{t("cities.editTitle", { name: city.name })}</h2>

      {stale && (
        <div className="alert alert-warning" role="alert" data-testid="stale-alert">
          <p>
            {apiError?.problem?.current_version != null
              ? t("errors.stale", { version: apiError.problem.current_version })
              : t("errors.staleNoVersion")}
          </p>
          <button type="button" className="button-primary" onClick={() => void reload()}>
            {t("common.reload")}
          </button>
        </div>
      )}
      {apiError && apiError.status === 422 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{apiError.problem?.title ?? t("errors.validation")}</p>
          <p>{t("errors.validation")}</p>
          {others.length > 0 && (
            <ul>
              {others.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && !stale && apiError?.status !== 422 && <ProblemAlert error={error} />}

      <fieldset>
        <legend>{t("cities.profile")}</legend>
        <div className="form-grid">
          <TextField label={t("cities.name")} required value={values.name} onChange={set("name")} errors={byField.name} />
          <SelectField
            label={t("cities.country")}
            required
            value={values.country}
            onChange={set("country")}
            options={countryOptions}
            errors={byField.country}
          />
          <TextField
            label={t("cities.population")}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={values.population}
            onChange={set("population")}
            errors={byField.population}
          />
          <TextField
            label={t("cities.joinedOn")}
            type="date"
            value={values.joined_on}
            onChange={set("joined_on")}
            errors={byField.joined_on}
          />
          <SelectField
            label={t("cities.status")}
            value={values.membership_status}
            onChange={set("membership_status")}
            options={MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: t(`membership.${s}`) }))}
            errors={byField.membership_status}
          />
          {values.membership_status !== city.membership_status && (
            <TextField
              label={t("cities.statusSince")}
              hint={t("cities.statusSinceHint")}
              type="date"
              value={values.status_since}
              onChange={set("status_since")}
              errors={byField.status_since}
            />
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("cities.contact")}</legend>
        <div className="form-grid">
          <TextField label={t("cities.address")} value={values.address} onChange={set("address")} errors={byField["contact.address"]} autoComplete="street-address" />
          <TextField label={t("cities.phone")} type="tel" value={values.phone} onChange={set("phone")} errors={byField["contact.phone"]} autoComplete="tel" />
          <TextField label={t("cities.email")} type="email" value={values.email} onChange={set("email")} errors={byField["contact.email"]} autoComplete="email" />
          <TextField label={t("cities.website")} type="url" value={values.website} onChange={set("website")} errors={byField["contact.website"]} autoComplete="url" />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={update.isPending || stale}>
          {update.isPending ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
