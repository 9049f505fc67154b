import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { localized } from "../../../lib/i18n/format";
import { oneOf } from "../../../lib/api/closed";
import { MEMBERSHIP_STATUSES, useCreateCity, useUpdateCity, type City, type CityDetail, type CityIn, type Country } from "../api/cities";
import { sentForCheck, type Unchecked } from "../../../lib/api/client";

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
  latitude: string;
  longitude: string;
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
  "location",
  "location.latitude",
  "location.longitude",
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
    latitude: city.location ? String(city.location.latitude) : "",
    longitude: city.location ? String(city.location.longitude) : "",
  };
}

/** The values of a new city: active, the country left for the user to choose. */
export const EMPTY_CITY: CityFormValues = {
  name: "",
  country: "",
  population: "",
  membership_status: "active",
  joined_on: "",
  status_since: "",
  address: "",
  phone: "",
  email: "",
  website: "",
  latitude: "",
  longitude: "",
};

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

const COORDINATES = ["latitude", "longitude"] as const;
type Coordinate = (typeof COORDINATES)[number];

/**
 * A coordinate typed in decimal degrees (a decimal comma or point, a minus or − sign): its number,
 * null when empty, NaN when it is not a number (the form says so without asking the server).
 */
export function parseDegrees(text: string): number | null {
  const s = text.trim().replace(/\u2212/g, "-").replace(",", ".");
  if (s === "") return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * The location to send: none when both coordinates are empty; otherwise both, an empty one as
 * null so that the server names it as missing, and the ranges are the server's to check.
 */
export function toLocation(values: Pick<CityFormValues, "latitude" | "longitude">): CityIn["location"] {
  const latitude = parseDegrees(values.latitude);
  const longitude = parseDegrees(values.longitude);
  if (latitude === null && longitude === null) return null;
  return sentForCheck<NonNullable<CityIn["location"]>>({ latitude, longitude });
}

/**
 * The body of POST or PUT: every field (PUT replaces), empty inputs as null. On an edit the status
 * date goes only with a change of status; on a creation it is when the first status starts (the
 * date given, else the day the city joined, else the server's today).
 */
export function toCityIn(values: CityFormValues, original?: CityDetail): CityIn {
  const population = values.population.trim();
  const body: Unchecked<CityIn> = {
    name: values.name.trim(),
    country: values.country || null,
    population: population === "" ? null : Number(population),
    membership_status: oneOf(MEMBERSHIP_STATUSES, values.membership_status) ?? null,
    joined_on: orNull(values.joined_on),
    contact: {
      address: orNull(values.address),
      phone: orNull(values.phone),
      email: orNull(values.email),
      website: orNull(values.website),
    },
    location: toLocation(values),
  };
  if (!original) {
    const since = values.status_since || values.joined_on;
    if (since) body.status_since = since;
  } else if (values.membership_status !== original.membership_status && values.status_since) {
    body.status_since = values.status_since;
  }
  return sentForCheck<CityIn>(body);
}

interface Props {
  /** The city to edit; none to add a new one. */
  city?: CityDetail;
  etag?: string;
  countries: Country[];
  onSaved: (saved: City) => void;
  onCancel: () => void;
  /** Reads the city again after a 412 (edits only). */
  onReload?: () => Promise<unknown>;
  /**
   * Whether the user may change the membership of the city being edited (`city:membership`,
   * the secretariat's): its status and the day it takes effect, its country and the day it
   * joined. Otherwise they are shown but cannot change, and the form sends them as they are.
   */
  mayChangeMembership?: boolean;
}

/** Adds a member city (POST), or edits one (PUT with If-Match). */
export function CityForm({ city, etag = "", countries, onSaved, onCancel, onReload, mayChangeMembership = true }: Props) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<CityFormValues>(() => (city ? toFormValues(city) : EMPTY_CITY));
  const create = useCreateCity();
  const edit = useUpdateCity(city?.id ?? "");
  const update = city ? edit : create;

  const set = (field: keyof CityFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  const problems = useFormProblems(update.error, CITY_FORM_FIELDS);
  const { byField, stale } = problems;
  // A coordinate that is not a number is refused here, beside its field, before anything is sent.
  const [notNumbers, setNotNumbers] = useState<Partial<Record<Coordinate, boolean>>>({});
  const coordinateErrors = (k: Coordinate) =>
    notNumbers[k] ? [t("cities.notADegree")] : problems.errorsOf(`location.${k}`, ...(k === "latitude" ? ["location"] : []));

  const countryOptions = useMemo(
    () =>
      countries
        .map((c) => ({ value: c.code, label: `${localized(c.name, i18n.language)} (${c.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [countries, i18n.language],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = Object.fromEntries(COORDINATES.map((k) => [k, Number.isNaN(parseDegrees(values[k]))]));
    setNotNumbers(bad);
    if (COORDINATES.some((k) => bad[k])) return;
    const body = toCityIn(values, city);
    if (city) edit.mutate({ body, etag, version: city.version }, { onSuccess: (saved) => onSaved(saved.data) });
    else create.mutate(body, { onSuccess: (saved) => onSaved(saved) });
  };

  const reload = async () => {
    await onReload?.();
    update.reset();
  };

  // A new city's status starts on a date too; on an edit the date shows only for a change.
  const showStatusSince = !city || values.membership_status !== city.membership_status;
  const pickCountry = city ? [] : [{ value: "", label: t("cities.pickCountry") }];
  const membershipLocked = !!city && !mayChangeMembership;

  return (
    <form className="card city-form" onSubmit={submit} noValidate aria-labelledby="city-form-title">
      <h2 id="city-form-title">{city ? t("cities.editTitle", { name: city.name }) : t("cities.newFormTitle")}</h2>

      <FormProblems error={update.error} problems={problems} onReload={onReload ? () => void reload() : undefined} />

      <fieldset>
        <legend>{t("cities.profile")}</legend>
        <div className="form-grid">
          <TextField label={t("cities.name")} required value={values.name} onChange={set("name")} errors={byField.name} />
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
        </div>
      </fieldset>
      <fieldset disabled={membershipLocked} aria-describedby={membershipLocked ? "city-membership-locked" : undefined}>
        <legend>{t("cities.membership")}</legend>
        {membershipLocked && (
          <p id="city-membership-locked" className="hint">
            {t("cities.membershipLocked")}
          </p>
        )}
        <div className="form-grid">
          <SelectField
            label={t("cities.country")}
            required
            value={values.country}
            onChange={set("country")}
            options={[...pickCountry, ...countryOptions]}
            errors={byField.country}
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
          {showStatusSince && (
            <TextField
              label={city ? t("cities.statusSince") : t("cities.statusSinceNew")}
              hint={city ? t("cities.statusSinceHint") : t("cities.statusSinceNewHint")}
              type="date"
              value={values.status_since}
              onChange={set("status_since")}
              errors={byField.status_since}
            />
          )}
        </div>
      </fieldset>
      <fieldset aria-describedby="city-location-hint">
        <legend>{t("cities.location")}</legend>
        <p id="city-location-hint" className="hint">
          {t("cities.locationHint")}
        </p>
        <div className="form-grid">
          {COORDINATES.map((k) => (
            <TextField
              key={k}
              label={t(`cities.${k}`)}
              inputMode="decimal"
              autoComplete="off"
              value={values[k]}
              onChange={set(k)}
              errors={coordinateErrors(k)}
            />
          ))}
        </div>
        {(values.latitude || values.longitude) && (
          <button type="button" className="button-plain" onClick={() => setValues((v) => ({ ...v, latitude: "", longitude: "" }))}>
            {t("cities.clearLocation")}
          </button>
        )}
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
      <FormActions submit={city ? t("common.save") : t("cities.create")} pending={update.isPending} disabled={stale} onCancel={onCancel} />
    </form>
  );
}
