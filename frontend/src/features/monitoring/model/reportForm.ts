/** The report form's values, the body the server reads, and where the server's errors go. */
import type { FieldErrors } from "../../../lib/api/problem";
import type { components } from "../../../lib/api/schema";
import type { Report, ReportCity, ReportIn } from "../api/reports";
import { oneOf } from "../../../lib/api/closed";
import { EXECUTIONS } from "../../../lib/api/closed";
import { RESULT_KINDS, stagesOf } from "./indicators";
import { sentForCheck } from "../../../lib/api/client";

type Localized = components["schemas"]["Localized"];

export const LANGS = ["es", "pt", "en"] as const;
export type Lang = (typeof LANGS)[number];
export type Texts = Record<Lang, string>;

export interface ResultValues {
  /** A stable key for React while rows are added and removed. */
  key: string;
  kind: string;
  stage: string;
  achieved_on: string;
  description: Texts;
  evidence: string;
}

export interface ReportFormValues {
  reported_on: string;
  execution: string;
  narrative: Texts;
  cities: ReportCity[];
  organizations: string;
  mercosur_institutions: string;
  specific_groups: string;
  results: ResultValues[];
  evidence: string;
}

export const PARTICIPANT_LISTS = ["organizations", "mercosur_institutions", "specific_groups"] as const;

const texts = (v: Localized | null | undefined): Texts => ({ es: v?.es ?? "", pt: v?.pt ?? "", en: v?.en ?? "" });
const lines = (items: readonly string[] | null | undefined) => (items ?? []).join("\n");
let counter = 0;
export const newKey = () => `r${++counter}`;

export function emptyResult(): ResultValues {
  return { key: newKey(), kind: "work_plan", stage: "agreed", achieved_on: "", description: texts(null), evidence: "" };
}

export function emptyReportValues(today: string): ReportFormValues {
  return {
    reported_on: today,
    execution: "",
    narrative: texts(null),
    cities: [],
    organizations: "",
    mercosur_institutions: "",
    specific_groups: "",
    results: [],
    evidence: "",
  };
}

export function reportValues(r: Report): ReportFormValues {
  return {
    reported_on: r.reported_on,
    execution: r.execution,
    narrative: texts(r.narrative),
    // The cities the report names; those an event linked to the activity recorded come by themselves.
    cities: r.cities.filter((c) => c.named_by_report !== false).map(({ id, name, country }) => ({ id, name, country })),
    organizations: lines(r.organizations),
    mercosur_institutions: lines(r.mercosur_institutions),
    specific_groups: lines(r.specific_groups),
    results: r.results.map((x) => ({
      key: newKey(),
      kind: x.kind,
      stage: x.stage ?? "",
      achieved_on: x.achieved_on ?? "",
      description: texts(x.description),
      evidence: lines(x.evidence),
    })),
    evidence: lines(r.evidence),
  };
}

/** One entry a line (blank lines dropped). */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function localizedOf(v: Texts): Localized | undefined {
  const out: Localized = {};
  for (const l of LANGS) if (v[l].trim()) out[l] = v[l].trim();
  return Object.keys(out).length ? out : undefined;
}

/** The body of POST …/reports and PUT /reports/{id}. */
export function toReportIn(v: ReportFormValues): ReportIn {
  return sentForCheck<ReportIn>({
    reported_on: v.reported_on || null,
    execution: oneOf(EXECUTIONS, v.execution) ?? null,
    narrative: localizedOf(v.narrative) ?? null,
    participants: {
      cities: v.cities.map((c) => c.id),
      organizations: splitLines(v.organizations),
      mercosur_institutions: splitLines(v.mercosur_institutions),
      specific_groups: splitLines(v.specific_groups),
    },
    results: v.results.map((r) => ({
      kind: oneOf(RESULT_KINDS, r.kind) ?? null,
      stage: oneOf(stagesOf(r.kind), r.stage) ?? null,
      achieved_on: r.achieved_on || null,
      description: localizedOf(r.description) ?? null,
      evidence: splitLines(r.evidence),
    })),
    evidence: splitLines(v.evidence),
  });
}

/**
 * The form field a server path belongs to: an entry of a list goes beside the list
 * (`participants.cities[0]` → `participants.cities`, `results[1].evidence[0]` →
 * `results[1].evidence`), a text without language beside its Spanish input; null when the form has
 * no such field.
 */
export function formFieldOf(path: string): string | null {
  let p = path;
  if (p === "narrative") p = "narrative.es";
  if (/^narrative\.(es|pt|en)$/.test(p)) return p;
  if (p === "reported_on" || p === "execution") return p;
  let m = /^(participants\.(cities|organizations|mercosur_institutions|specific_groups))(\[\d+\])?$/.exec(p);
  if (m) return m[1];
  if (p === "participants") return "participants.cities";
  if (/^evidence(\[\d+\])?$/.test(p)) return "evidence";
  m = /^(results\[\d+\])(?:\.(kind|stage|achieved_on|description|evidence)(?:\[\d+\]|\.(?:es|pt|en))?)?$/.exec(p);
  if (m) return m[2] ? `${m[1]}.${m[2]}` : `${m[1]}.kind`;
  if (p === "results") return "results";
  return null;
}

/** Groups the server's messages by form field; those without one are kept apart. */
export function reportFieldErrors(errors: FieldErrors): { byField: FieldErrors; others: string[] } {
  const byField: FieldErrors = {};
  const others: string[] = [];
  for (const [path, messages] of Object.entries(errors)) {
    const field = formFieldOf(path);
    if (field) byField[field] = [...(byField[field] ?? []), ...messages];
    else others.push(...messages.map((m) => (path ? `${path}: ${m}` : m)));
  }
  return { byField, others };
}
