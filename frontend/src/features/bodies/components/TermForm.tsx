import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextAreaField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { oneOf } from "../../../lib/api/closed";
import { TERM_ROLES, useCreateTerm, useUpdateTerm, type Term, type TermIn } from "../api/bodies";
import { sentForCheck } from "../../../lib/api/client";

export interface TermFormValues {
  city_id: string;
  role: string;
  starts_on: string;
  ends_on: string;
  note: string;
}

export const TERM_FORM_FIELDS = ["city_id", "role", "starts_on", "ends_on", "note"] as const;

export function toTermIn(bodyId: string, v: TermFormValues): TermIn {
  return sentForCheck<TermIn>({
    body_id: bodyId,
    city_id: v.city_id || null,
    role: oneOf(TERM_ROLES, v.role) ?? null,
    starts_on: v.starts_on || null,
    ends_on: v.ends_on || null,
    note: v.note.trim() === "" ? null : v.note.trim(),
  });
}

interface Props {
  bodyId: string;
  bodyName: string;
  /** The term to change; none to add one. */
  term?: Term;
  etag?: string;
  cities: { id: string; name: string; country: string }[];
  onSaved: () => void;
  onCancel: () => void;
  onReload?: () => Promise<unknown>;
}

/** Adds or changes a term of a body: a city holding a post from one day to another (or open-ended). */
export function TermForm({ bodyId, bodyName, term, etag = "", cities, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<TermFormValues>(() => ({
    city_id: term?.city_id ?? "",
    role: term?.role ?? "coordinator",
    starts_on: term?.starts_on ?? "",
    ends_on: term?.ends_on ?? "",
    note: term?.note ?? "",
  }));
  const create = useCreateTerm();
  const update = useUpdateTerm(term?.id ?? "");
  const mutation = term ? update : create;
  const problems = useFormProblems(mutation.error, TERM_FORM_FIELDS);
  const { byField, stale } = problems;
  const set = (field: keyof TermFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toTermIn(bodyId, values);
    if (term) update.mutate({ body, etag, version: term.version }, { onSuccess: onSaved });
    else create.mutate(body, { onSuccess: onSaved });
  };

  return (
    <form className="card term-form" onSubmit={submit} noValidate aria-labelledby="term-form-title">
      <h3 id="term-form-title">{term ? t("terms.editTitle", { city: term.city_name }) : t("terms.addTitle", { body: bodyName })}</h3>
      <FormProblems error={mutation.error} problems={problems} onReload={onReload && (() => void onReload().then(() => mutation.reset()))} />
      <div className="form-grid">
        <SelectField
          label={t("terms.city")}
          required
          value={values.city_id}
          onChange={set("city_id")}
          options={[{ value: "", label: t("users.pickCity") }, ...cities.map((c) => ({ value: c.id, label: `${c.name} (${c.country})` }))]}
          errors={byField.city_id}
        />
        <SelectField
          label={t("terms.role")}
          required
          value={values.role}
          onChange={set("role")}
          options={TERM_ROLES.map((r) => ({ value: r, label: t(`postRole.${r}`) }))}
          errors={byField.role}
        />
        <TextField label={t("terms.startsOn")} type="date" required value={values.starts_on} onChange={set("starts_on")} errors={byField.starts_on} />
        <TextField label={t("terms.endsOn")} hint={t("terms.endsOnHint")} type="date" value={values.ends_on} onChange={set("ends_on")} errors={byField.ends_on} />
      </div>
      <TextAreaField label={t("terms.note")} rows={2} value={values.note} onChange={set("note")} errors={byField.note} />
      <FormActions submit={term ? t("common.save") : t("terms.add")} pending={mutation.isPending} disabled={stale} onCancel={onCancel} />
    </form>
  );
}
