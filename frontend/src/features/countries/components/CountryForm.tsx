import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { localized } from "../../../lib/i18n/format";
import { oneOf } from "../../../lib/api/closed";
import { MERCOSUR_STATUSES, useCreateCountry, useUpdateCountry, type Country, type CountryIn } from "../api/countries";
import { sentForCheck, type Unchecked } from "../../../lib/api/client";

const LANGS = ["es", "pt", "en"] as const;
type Lang = (typeof LANGS)[number];

export interface CountryFormValues {
  code: string;
  name: Record<Lang, string>;
  mercosur_status: string;
}

export const COUNTRY_FORM_FIELDS = ["code", "name", "name.es", "name.pt", "name.en", "mercosur_status"] as const;

export const EMPTY_COUNTRY: CountryFormValues = { code: "", name: { es: "", pt: "", en: "" }, mercosur_status: "other" };

export function countryValues(c: Country): CountryFormValues {
  return { code: c.code, name: { es: c.name.es ?? "", pt: c.name.pt ?? "", en: c.name.en ?? "" }, mercosur_status: c.mercosur_status };
}

/** The body of POST (with the code) or PUT (without: a country's code never changes). Every name is sent, all three are required. */
export function toCountryIn(values: CountryFormValues, creating: boolean): CountryIn {
  const body: Unchecked<CountryIn> = {
    name: { es: values.name.es.trim(), pt: values.name.pt.trim(), en: values.name.en.trim() },
    mercosur_status: oneOf(MERCOSUR_STATUSES, values.mercosur_status) ?? null,
  };
  if (creating) body.code = values.code.trim().toUpperCase();
  return sentForCheck<CountryIn>(body);
}

interface Props {
  /** The country to edit; none to add one. */
  country?: Country;
  etag?: string;
  onSaved: (saved: Country) => void;
  onCancel: () => void;
  /** Reads the country again after a 412 (edits only). */
  onReload?: () => Promise<unknown>;
}

/** Adds a country (POST) or changes one's names and Mercosur status (PUT with If-Match). */
export function CountryForm({ country, etag = "", onSaved, onCancel, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<CountryFormValues>(() => (country ? countryValues(country) : EMPTY_COUNTRY));
  const create = useCreateCountry();
  const edit = useUpdateCountry(country?.code ?? "");
  const mutation = country ? edit : create;
  const problems = useFormProblems(mutation.error, COUNTRY_FORM_FIELDS);
  const { errorsOf, stale } = problems;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toCountryIn(values, !country);
    if (country) edit.mutate({ body, etag, version: country.version }, { onSuccess: (saved) => onSaved(saved.data) });
    else create.mutate(body, { onSuccess: (saved) => onSaved(saved) });
  };

  return (
    <form className="card country-form" onSubmit={submit} noValidate aria-labelledby="country-form-title">
      <h2 id="country-form-title">
        {country
          ? t("countries.editTitle", { name: localized(country.name, i18n.language), code: country.code })
          : t("countries.newTitle")}
      </h2>
      <FormProblems
        error={mutation.error}
        problems={problems}
        onReload={onReload ? () => void onReload().then(() => mutation.reset()) : undefined}
      />
      <div className="form-grid">
        {!country && (
          <TextField
            label={t("countries.code")}
            hint={t("countries.codeHint")}
            required
            value={values.code}
            onChange={(e) => setValues((v) => ({ ...v, code: e.target.value.toUpperCase() }))}
            errors={errorsOf("code")}
            maxLength={2}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <SelectField
          label={t("countries.mercosurStatus")}
          required
          value={values.mercosur_status}
          onChange={(e) => setValues((v) => ({ ...v, mercosur_status: e.target.value }))}
          options={MERCOSUR_STATUSES.map((s) => ({ value: s, label: t(`mercosur.${s}`) }))}
          errors={errorsOf("mercosur_status")}
        />
      </div>
      <fieldset>
        <legend>{t("countries.name")}</legend>
        <div className="form-grid">
          {LANGS.map((l) => (
            <TextField
              key={l}
              label={t("countries.nameIn", { language: t(`language.${l}`) })}
              required
              value={values.name[l]}
              onChange={(e) => setValues((v) => ({ ...v, name: { ...v.name, [l]: e.target.value } }))}
              errors={l === "es" ? errorsOf("name", "name.es") : errorsOf(`name.${l}`)}
              lang={l}
            />
          ))}
        </div>
      </fieldset>
      <FormActions submit={country ? t("common.save") : t("countries.create")} pending={mutation.isPending} disabled={stale} onCancel={onCancel} />
    </form>
  );
}
