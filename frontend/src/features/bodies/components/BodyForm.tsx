import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextAreaField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { localized } from "../../../lib/i18n/format";
import type { components } from "../../../lib/api/schema";
import { oneOf } from "../../../lib/api/closed";
import { BODY_KINDS, useCreateBody, useUpdateBody, type Body, type BodyDetail, type BodyIn } from "../api/bodies";
import { sentForCheck } from "../../../lib/api/client";

type Localized = components["schemas"]["Localized"];

const LANGS = ["es", "pt", "en"] as const;
type Lang = (typeof LANGS)[number];
type Texts = Record<Lang, string>;

export interface BodyFormValues {
  kind: string;
  acronym: string;
  name: Texts;
  description: Texts;
}

export const BODY_FORM_FIELDS = [
  "kind",
  "acronym",
  "name",
  "name.es",
  "name.pt",
  "name.en",
  "description",
  "description.es",
  "description.pt",
  "description.en",
] as const;

const texts = (v: Localized | null | undefined): Texts => ({
  es: v?.es ?? "",
  pt: v?.pt ?? "",
  en: v?.en ?? "",
});

export const EMPTY_BODY: BodyFormValues = { kind: "", acronym: "", name: texts(null), description: texts(null) };

export function bodyValues(body: Body): BodyFormValues {
  return { kind: body.kind, acronym: body.acronym ?? "", name: texts(body.name), description: texts(body.description) };
}

/** Only the languages given; none at all is `null` (for the server, an absent text). */
function localizedOf(v: Texts): Localized | null {
  const out: Localized = {};
  for (const l of LANGS) if (v[l].trim()) out[l] = v[l].trim();
  return Object.keys(out).length ? out : null;
}

/** The body of POST or PUT (PUT replaces every field: an empty acronym or description removes it). */
export function toBodyIn(values: BodyFormValues): BodyIn {
  return sentForCheck<BodyIn>({
    kind: oneOf(BODY_KINDS, values.kind) ?? null,
    name: localizedOf(values.name),
    acronym: values.acronym.trim() || null,
    description: localizedOf(values.description),
  });
}

interface Props {
  /** The body to edit; none to add a new one. */
  body?: BodyDetail;
  etag?: string;
  onSaved: (saved: Body) => void;
  onCancel: () => void;
  /** Reads the body again after a 412 (edits only). */
  onReload?: () => Promise<unknown>;
  /**
   * Whether the user may change the kind of the body being edited (`body:reclassify`, admins
   * only); otherwise the kind is shown but cannot change. A new body's kind is always chosen.
   */
  mayReclassify?: boolean;
}

/** Adds a body of the network (POST), or edits one (PUT with If-Match): kind, names, acronym, description. */
export function BodyForm({ body, etag = "", onSaved, onCancel, onReload, mayReclassify = true }: Props) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<BodyFormValues>(() => (body ? bodyValues(body) : EMPTY_BODY));
  const create = useCreateBody();
  const edit = useUpdateBody(body?.id ?? "");
  const mutation = body ? edit : create;
  const problems = useFormProblems(mutation.error, BODY_FORM_FIELDS);
  const { errorsOf, stale } = problems;

  const setText = (which: "name" | "description", lang: Lang) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [which]: { ...v[which], [lang]: e.target.value } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = toBodyIn(values);
    if (body) edit.mutate({ body: input, etag, version: body.version }, { onSuccess: (saved) => onSaved(saved.data) });
    else create.mutate(input, { onSuccess: (saved) => onSaved(saved) });
  };

  const currentName = body ? localized(body.name, i18n.language) : "";
  const kindLocked = !!body && !mayReclassify;

  return (
    <form className="card body-form" onSubmit={submit} noValidate aria-labelledby="body-form-title">
      <h2 id="body-form-title">{body ? t("bodies.editTitle", { name: currentName }) : t("bodies.newFormTitle")}</h2>
      <FormProblems
        error={mutation.error}
        problems={problems}
        onReload={onReload ? () => void onReload().then(() => mutation.reset()) : undefined}
      />
      <div className="form-grid">
        <SelectField
          label={t("bodies.kind")}
          required
          value={values.kind}
          disabled={kindLocked}
          hint={kindLocked ? t("bodies.kindLocked") : undefined}
          onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value }))}
          options={[
            ...(values.kind ? [] : [{ value: "", label: t("bodies.pickKind") }]),
            ...BODY_KINDS.map((k) => ({ value: k, label: t(`bodyKind.${k}`) })),
          ]}
          errors={errorsOf("kind")}
        />
        <TextField
          label={t("bodies.acronym")}
          hint={t("bodies.acronymHint")}
          value={values.acronym}
          onChange={(e) => setValues((v) => ({ ...v, acronym: e.target.value }))}
          errors={errorsOf("acronym")}
          maxLength={32}
          autoComplete="off"
        />
      </div>
      <fieldset>
        <legend>{t("bodies.name")}</legend>
        <p className="hint">{t("bodies.nameHint")}</p>
        <div className="form-grid">
          {LANGS.map((l) => (
            <TextField
              key={l}
              label={t("bodies.nameIn", { language: t(`language.${l}`) })}
              value={values.name[l]}
              onChange={setText("name", l)}
              errors={l === "es" ? errorsOf("name", "name.es") : errorsOf(`name.${l}`)}
              lang={l}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("bodies.description")}</legend>
        <div className="form-grid">
          {LANGS.map((l) => (
            <TextAreaField
              key={l}
              label={t("bodies.descriptionIn", { language: t(`language.${l}`) })}
              value={values.description[l]}
              onChange={setText("description", l)}
              errors={l === "es" ? errorsOf("description", "description.es") : errorsOf(`description.${l}`)}
              rows={3}
              lang={l}
            />
          ))}
        </div>
      </fieldset>
      <FormActions submit={body ? t("common.save") : t("bodies.create")} pending={mutation.isPending} disabled={stale} onCancel={onCancel} />
    </form>
  );
}
