import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextAreaField, TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors, splitFieldErrors, type FieldErrors } from "../../../lib/api/problem";
import { useAddNode, usePlan, useUpdateNode, type Localized, type NodeInput, type PlanNode } from "../api/plans";
import { codesOf, ResponsibleBodiesPicker, ResponsibleCitiesPicker, ServesPicker } from "./ActivityPickers";
import { oneOf } from "../../../lib/api/closed";
import { fromMinorUnits, toMinorUnits } from "../model/money";
import { childKinds, isActivity, suggestCode, type NodeKind } from "../model/rules";
import { StaleAlert } from "../../../components/StaleAlert";
import { ValidationAlert } from "../../../components/FormProblems";

const LANGS = ["es", "pt", "en"] as const;

export interface NodeFormValues {
  kind: NodeKind;
  code: string;
  title: Record<(typeof LANGS)[number], string>;
  text: Record<(typeof LANGS)[number], string>;
  starts_on: string;
  ends_on: string;
  amount: string;
  currency: string;
  funding_source: string;
  serves: string;
  responsible_bodies: string[];
  responsible_cities: string[];
  /** One partner a line. */
  partners: string;
  expected_results: Record<(typeof LANGS)[number], string>;
  contributes_to: string;
}

export const NODE_FORM_FIELDS = [
  "kind",
  "code",
  "title",
  "title.es",
  "title.pt",
  "title.en",
  "text",
  "text.es",
  "text.pt",
  "text.en",
  "starts_on",
  "ends_on",
  "budget",
  "budget.amount_minor",
  "budget.currency",
  "funding_source",
  "serves",
  "responsible_bodies",
  "responsible_cities",
  "partners",
  "expected_results",
  "expected_results.es",
  "expected_results.pt",
  "expected_results.en",
  "contributes_to",
] as const;

const texts = (v: Localized | null | undefined) => ({ es: v?.es ?? "", pt: v?.pt ?? "", en: v?.en ?? "" });

export function emptyValues(kind: NodeKind, code: string): NodeFormValues {
  return {
    kind,
    code,
    title: texts(null),
    text: texts(null),
    starts_on: "",
    ends_on: "",
    amount: "",
    currency: "USD",
    funding_source: "",
    serves: "",
    responsible_bodies: [],
    responsible_cities: [],
    partners: "",
    expected_results: texts(null),
    contributes_to: "",
  };
}

export function nodeValues(node: PlanNode): NodeFormValues {
  return {
    kind: node.kind,
    code: node.code,
    title: texts(node.title),
    text: texts(node.text),
    starts_on: node.starts_on ?? "",
    ends_on: node.ends_on ?? "",
    amount: node.budget ? fromMinorUnits(node.budget.amount_minor, node.budget.currency) : "",
    currency: node.budget?.currency ?? "USD",
    funding_source: node.funding_source ?? "",
    serves: (node.serves ?? []).join(", "),
    responsible_bodies: node.responsible_bodies ?? [],
    responsible_cities: node.responsible_cities ?? [],
    partners: (node.partners ?? []).join("\n"),
    expected_results: texts(node.expected_results),
    contributes_to: (node.contributes_to ?? []).join(", "),
  };
}

function localizedOf(v: Record<string, string>): Localized | undefined {
  const out: Localized = {};
  for (const l of LANGS) if (v[l].trim()) out[l] = v[l].trim();
  return Object.keys(out).length ? out : undefined;
}

/**
 * The body the server reads: every field an activity keeps, as the form shows them (PUT replaces
 * the node); the status is left out (it moves through its own transitions).
 */
export function toNodeInput(values: NodeFormValues): NodeInput | { error: "amount" } {
  const out: NodeInput = { kind: values.kind, code: values.code.trim(), title: localizedOf(values.title) ?? {} };
  const text = localizedOf(values.text);
  if (text) out.text = text;
  if (isActivity(values.kind)) {
    if (values.starts_on) out.starts_on = values.starts_on;
    if (values.ends_on) out.ends_on = values.ends_on;
    if (values.funding_source.trim()) out.funding_source = values.funding_source.trim();
    const serves = codesOf(values.serves);
    if (serves.length) out.serves = serves;
    if (values.responsible_bodies.length) out.responsible_bodies = values.responsible_bodies;
    if (values.responsible_cities.length) out.responsible_cities = values.responsible_cities;
    const partners = values.partners
      .split("\n")
      .map((p) => p.trim())
      .filter(Boolean);
    if (partners.length) out.partners = partners;
    const expected = localizedOf(values.expected_results);
    if (expected) out.expected_results = expected;
    const contributes = codesOf(values.contributes_to);
    if (contributes.length) out.contributes_to = contributes;
    if (values.amount.trim()) {
      const currency = values.currency.trim().toUpperCase();
      const minor = toMinorUnits(values.amount, currency);
      if (minor === null) return { error: "amount" };
      out.budget = { amount_minor: minor, currency };
    }
  }
  return out;
}

type Props = { planId: string; onDone: (node: PlanNode) => void; onCancel: () => void } & (
  | { mode: "create"; parent: PlanNode | null; roots: PlanNode[] }
  | { mode: "edit"; node: PlanNode; etag: string; onReload: () => Promise<unknown> }
);

/** Adds a node under a parent, or edits one, in a draft plan. */
export function NodeForm(props: Props) {
  const { t } = useTranslation();
  const { planId } = props;
  const kinds = props.mode === "create" ? childKinds(props.parent?.kind ?? null) : [props.node.kind];
  const [values, setValues] = useState<NodeFormValues>(() =>
    props.mode === "edit"
      ? nodeValues(props.node)
      : emptyValues(kinds[kinds.length - 1], suggestCode(props.parent, props.roots, kinds[kinds.length - 1])),
  );
  const [amountError, setAmountError] = useState(false);
  // The strategic plan the plan serves: its perspectives and goals are offered by name.
  const strategicPlan = usePlan(planId).data?.data.strategic_plan ?? null;
  const add = useAddNode(planId);
  const update = useUpdateNode(planId, props.mode === "edit" ? props.node.id : "");
  const mutation = props.mode === "create" ? add : update;

  const apiError = mutation.error instanceof ApiError ? mutation.error : null;
  const stale = apiError?.status === 412;
  const fieldProblem = !!apiError && [400, 409, 422].includes(apiError.status) && !!apiError.problem?.errors?.length;
  const { byField, others } = useMemo((): { byField: FieldErrors; others: string[] } => {
    if (!apiError || !fieldProblem) return { byField: {}, others: [] };
    // `serves[2]` → beside the one `serves` input.
    const errors: FieldErrors = {};
    for (const [k, v] of Object.entries(problemToFieldErrors(apiError.problem))) {
      const key = k.replace(/^(serves|responsible_bodies|responsible_cities|partners|contributes_to)\[\d+\]$/, "$1");
      errors[key] = [...(errors[key] ?? []), ...v];
    }
    return splitFieldErrors(errors, NODE_FORM_FIELDS);
  }, [apiError, fieldProblem]);
  const errorsOf = (...keys: string[]) => {
    const list = keys.flatMap((k) => byField[k] ?? []);
    return list.length ? list : undefined;
  };

  const setKind = (kind: NodeKind) =>
    setValues((v) => ({
      ...v,
      kind,
      code: props.mode === "create" ? suggestCode(props.parent, props.roots, kind) : v.code,
    }));
  const set = (field: "code" | "starts_on" | "ends_on" | "amount" | "currency" | "funding_source" | "serves" | "partners" | "contributes_to") =>
    (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const setText = (which: "title" | "text" | "expected_results", lang: (typeof LANGS)[number]) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [which]: { ...v[which], [lang]: e.target.value } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toNodeInput(values);
    if ("error" in body) {
      setAmountError(true);
      return;
    }
    setAmountError(false);
    if (props.mode === "create") {
      add.mutate({ parentId: props.parent?.id ?? null, body }, { onSuccess: props.onDone });
    } else {
      update.mutate({ body, etag: props.etag, version: props.node.version }, { onSuccess: props.onDone });
    }
  };

  /** A text written in each language, one box each (a server's message on the whole text stands by the Spanish one). */
  const longText = (which: "text" | "expected_results", legend: string, labelKey: string, rows: number) => (
    <fieldset>
      <legend>{legend}</legend>
      <div className="form-grid">
        {LANGS.map((l) => (
          <TextAreaField
            key={l}
            label={t(labelKey, { language: t(`language.${l}`) })}
            value={values[which][l]}
            onChange={setText(which, l)}
            errors={l === "es" ? errorsOf(which, `${which}.es`) : errorsOf(`${which}.${l}`)}
            rows={rows}
            lang={l}
          />
        ))}
      </div>
    </fieldset>
  );

  const titleId = `node-form-title-${props.mode}`;
  const heading =
    props.mode === "create"
      ? props.parent
        ? t("plans.node.addUnder", { code: props.parent.code })
        : t("plans.node.addRoot")
      : t("plans.node.editTitle", { code: props.node.code });

  return (
    <form className="card node-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{heading}</h2>
      {stale && apiError && props.mode === "edit" && (
        <StaleAlert
          error={apiError}
          onReload={() => {
            void props.onReload().then(() => update.reset());
          }}
        />
      )}
      {fieldProblem && <ValidationAlert error={apiError} others={others} />}
      {mutation.error && !stale && !fieldProblem && <ProblemAlert error={mutation.error} />}

      <div className="form-grid">
        <SelectField
          label={t("plans.node.kind")}
          required
          value={values.kind}
          disabled={props.mode === "edit" || kinds.length < 2}
          onChange={(e) => setKind(oneOf(kinds, e.target.value) ?? values.kind)}
          options={kinds.map((k) => ({ value: k, label: t(`plans.kind.${k}`) }))}
          errors={errorsOf("kind")}
          hint={props.mode === "create" ? t("plans.node.kindHint") : undefined}
        />
        <TextField
          label={t("plans.node.code")}
          required
          value={values.code}
          onChange={set("code")}
          errors={errorsOf("code")}
          hint={t("plans.node.codeHint")}
          autoComplete="off"
        />
      </div>
      <fieldset>
        <legend>{t("plans.node.titleLegend")}</legend>
        <div className="form-grid">
          {LANGS.map((l) => (
            <TextField
              key={l}
              label={t("plans.node.titleIn", { language: t(`language.${l}`) })}
              required={l === "es"}
              value={values.title[l]}
              onChange={setText("title", l)}
              errors={l === "es" ? errorsOf("title", "title.es") : errorsOf(`title.${l}`)}
              lang={l}
            />
          ))}
        </div>
      </fieldset>
      {longText("text", t("plans.node.textLegend"), "plans.node.textIn", 3)}
      {isActivity(values.kind) && (
        <fieldset>
          <legend>{t("plans.node.activityLegend")}</legend>
          <div className="form-grid">
            <TextField label={t("plans.activity.startsOn")} type="date" value={values.starts_on} onChange={set("starts_on")} errors={errorsOf("starts_on")} />
            <TextField label={t("plans.activity.endsOn")} type="date" value={values.ends_on} onChange={set("ends_on")} errors={errorsOf("ends_on")} />
            <TextField
              label={t("plans.node.amount")}
              inputMode="decimal"
              value={values.amount}
              onChange={set("amount")}
              hint={t("plans.node.amountHint")}
              errors={amountError ? [t("plans.node.amountInvalid")] : errorsOf("budget", "budget.amount_minor")}
            />
            <TextField
              label={t("plans.node.currency")}
              value={values.currency}
              onChange={set("currency")}
              maxLength={3}
              errors={errorsOf("budget.currency")}
              autoComplete="off"
            />
            <TextField label={t("plans.activity.fundingSource")} value={values.funding_source} onChange={set("funding_source")} errors={errorsOf("funding_source")} />
            {!strategicPlan && (
              <TextField
                label={t("plans.activity.serves")}
                hint={t("plans.node.servesHint")}
                value={values.serves}
                onChange={set("serves")}
                errors={errorsOf("serves")}
                autoComplete="off"
              />
            )}
            <TextField
              label={t("plans.activity.contributesTo")}
              hint={t("plans.node.contributesToHint")}
              value={values.contributes_to}
              onChange={set("contributes_to")}
              errors={errorsOf("contributes_to")}
              autoComplete="off"
            />
            <TextAreaField
              label={t("plans.activity.partners")}
              hint={t("plans.node.partnersHint")}
              value={values.partners}
              onChange={set("partners")}
              errors={errorsOf("partners")}
              rows={3}
            />
          </div>
          <div className="form-grid">
            <ResponsibleBodiesPicker
              value={values.responsible_bodies}
              onChange={(responsible_bodies) => setValues((v) => ({ ...v, responsible_bodies }))}
              errors={errorsOf("responsible_bodies")}
            />
            <ResponsibleCitiesPicker
              value={values.responsible_cities}
              onChange={(responsible_cities) => setValues((v) => ({ ...v, responsible_cities }))}
              errors={errorsOf("responsible_cities")}
            />
          </div>
          {strategicPlan && (
            <ServesPicker
              strategicPlan={strategicPlan}
              value={codesOf(values.serves)}
              onChange={(codes) => setValues((v) => ({ ...v, serves: codes.join(", ") }))}
              errors={errorsOf("serves")}
            />
          )}
          {longText("expected_results", t("plans.activity.expectedResults"), "plans.node.expectedResultsIn", 2)}
        </fieldset>
      )}
      <FormActions submit={props.mode === "create" ? t("plans.node.add") : t("common.save")} pending={mutation.isPending} disabled={stale} onCancel={props.onCancel} />
    </form>
  );
}
