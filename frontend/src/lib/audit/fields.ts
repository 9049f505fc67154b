/**
 * The audit log's records as people read them: the stored columns (`name_pt`, `details`,
 * `{ user, grants }`) turned into fields with labels in the reader's language, and their values
 * named (statuses, kinds, roles, dates, money, texts in the reader's language, the names of the
 * records an id points at). Shared by the audit log and the history of a record.
 */
import type { RecordType } from "../api/closed";
import { counted, formatDate, formatDateTime, formatMoney, localized } from "../i18n/format";

type T = (key: string, options?: Record<string, unknown>) => string;
type Row = Record<string, unknown>;

/** Stored columns that every change touches, or that say nothing to a reader. */
const IGNORED = new Set(["id", "version", "created_at", "updated_at", "idempotency_key", "author_kind", "token_hash", "created_by"]);

/** Parts a record is stored with (`{ user, grants }`, `{ plan, nodes }`) or JSON held as text (`details`, `content`). */
const PARTS = new Set(["user", "plan", "details", "content"]);

/** Stored column → translation key of its label. */
export const LABELS: Readonly<Record<string, string>> = {
  name: "cities.name",
  code: "plans.node.code",
  kind: "bodies.kind",
  status: "plans.statusLabel",
  title: "plans.node.titleLegend",
  text: "plans.node.text",
  description: "bodies.description",
  presentation: "plans.presentation",
  narrative: "monitoring.narrative",
  acronym: "bodies.acronym",
  country_code: "cities.country",
  population: "cities.population",
  membership_status: "cities.status",
  joined_on: "cities.joinedOn",
  contact_address: "cities.address",
  contact_phone: "cities.phone",
  contact_email: "cities.email",
  website: "cities.website",
  latitude: "audit.field.latitude",
  longitude: "audit.field.longitude",
  mercosur_status: "countries.mercosurStatus",
  body_id: "terms.body",
  body_name: "terms.body",
  city_id: "terms.city",
  city_name: "terms.city",
  role: "terms.role",
  starts_on: "terms.startsOn",
  ends_on: "terms.endsOn",
  note: "terms.note",
  since: "members.since",
  display_name: "users.displayName",
  email: "users.email",
  language: "users.language",
  active: "users.activeLabel",
  grants: "users.roles",
  parent_id: "plans.node.breadcrumb",
  position: "audit.field.position",
  plan_id: "monitoring.plan",
  node_id: "monitoring.activity",
  owner_body_id: "plans.owner",
  strategic_plan_id: "audit.types.strategic_plan",
  revision: "plans.revision",
  approved_by_meeting: "plans.lifecycle.meeting",
  approved_on: "plans.lifecycle.approvedOn",
  nodes: "audit.field.nodes",
  responsible_bodies: "plans.activity.responsibleBodies",
  responsible_cities: "plans.activity.responsibleCities",
  partners: "plans.activity.partners",
  serves: "plans.activity.serves",
  contributes_to: "plans.activity.contributesTo",
  expected_results: "plans.activity.expectedResults",
  budget: "plans.activity.budget",
  funding_source: "plans.activity.fundingSource",
  measure: "monitoring.indicators.measure",
  ascending: "monitoring.indicators.direction",
  baseline: "monitoring.indicators.baseline",
  periods: "monitoring.indicators.periods",
  reported_on: "monitoring.reportedOn",
  execution: "monitoring.execution.label",
  participants: "monitoring.form.participants",
  results: "monitoring.form.results",
  evidence: "monitoring.evidence",
  return_reason: "monitoring.workflow.reason",
  author_id: "monitoring.author",
  permissions: "tokens.permissions",
  prefix: "tokens.prefix",
  expires_at: "tokens.expiresAt",
  last_used_at: "tokens.lastUsed",
  revoked_at: "audit.field.revokedAt",
  mission: "audit.field.mission",
  vision: "audit.field.vision",
  perspectives: "audit.field.perspectives",
};

/** Labels that differ by the kind of record. */
const LABELS_OF: Partial<Record<RecordType, Record<string, string>>> = {
  plan_node: { kind: "plans.node.kind", status: "plans.activity.statusTitle" },
  activity_report: { status: "monitoring.statusLabel" },
  api_token: { name: "tokens.name", role: "tokens.scopeRole", body_id: "tokens.scopeBody", city_id: "tokens.scopeCity" },
  user: { role: "users.role" },
};

/** Stored columns that hold one language of a text: `title_pt` is the title in Portuguese. */
const IN_LANGUAGE = /^(name|description|title|text|presentation|narrative)_(es|pt|en)$/;

/** The label of a stored column, in the reader's language (the column's own name when none is known). */
export function fieldLabel(field: string, t: T, recordType?: string): string {
  const key = (recordType && LABELS_OF[recordType as RecordType]?.[field]) ?? LABELS[field];
  if (key) return t(key);
  const inLanguage = IN_LANGUAGE.exec(field);
  if (inLanguage) return `${fieldLabel(inLanguage[1], t, recordType)} (${t(`language.${inLanguage[2]}`)})`;
  return field;
}

const isRow = (v: unknown): v is Row => !!v && typeof v === "object" && !Array.isArray(v);

/** A value stored as JSON text (`"[]"`, `"{…}"`), read; anything else as it is. */
function parsed(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A stored record as a reader sees it: JSON held as text read, and the parts it is stored with
 * (`details`, `content`, `{ user, grants }`, `{ plan, nodes }`) lifted, so that `details.status`
 * reads as the record's status.
 */
export function readable(record: unknown): Row {
  const out: Row = {};
  if (!isRow(record)) return out;
  for (const [key, raw] of Object.entries(record)) {
    const value = parsed(raw);
    if (PARTS.has(key) && isRow(value) && !("es" in value || "pt" in value || "en" in value)) {
      for (const [k, v] of Object.entries(value)) if (!(k in out)) out[k] = parsed(v);
    } else {
      out[key] = value;
    }
  }
  return out;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What names a membership entry (shown in its heading, not among its changes). */
const MEMBERSHIP_NAMING = new Set(["body_id", "city_id", "body_name", "city_name"]);

/**
 * The fields whose value differs between `before` and `after` of an audit entry (on a creation,
 * every field it was given; on a deletion, every field it had), in the order of their names.
 */
export function changedFields(entry: { record_type?: string; before?: unknown; after?: unknown }): FieldChange[] {
  const before = readable(entry.before);
  const after = readable(entry.after);
  const membership = entry.record_type === "body_member";
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !IGNORED.has(k) && !(membership && MEMBERSHIP_NAMING.has(k)),
  );
  keys.sort();
  const empty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .filter((k) => !(empty(before[k]) && empty(after[k])))
    .map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
}

/** The translation key of a value of a closed set, by its column and the kind of record. */
function choiceKey(field: string, value: string, recordType?: string): string | null {
  switch (field) {
    case "status":
      if (recordType === "plan_node") return `plans.activityStatus.${value}`;
      if (recordType === "work_plan") return `plans.status.${value}`;
      if (recordType === "activity_report") return `monitoring.status.${value}`;
      return null;
    case "kind":
      if (recordType === "plan_node") return `plans.kind.${value}`;
      if (recordType === "body") return `bodyKind.${value}`;
      return null;
    case "membership_status":
      return `membership.${value}`;
    case "mercosur_status":
      return `mercosur.${value}`;
    case "role":
      return recordType === "term" ? `postRole.${value}` : `roles.${value}`;
    case "grants":
      return `roles.${value}`;
    case "execution":
      return `monitoring.execution.${value}`;
    case "measure":
      return `monitoring.indicators.measures.${value}`;
    case "language":
      return `language.${value}`;
    default:
      return null;
  }
}

/** The names of the records ids point at (cities, bodies, people, plan items), as far as known. */
export type Names = (id: string) => string | undefined;

/** A field's value as a reader reads it, in their language. */
export function fieldValue(field: string, value: unknown, { t, lang, recordType, names }: { t: T; lang: string; recordType?: string; names?: Names }): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") {
    if (field === "ascending") return t(value ? "monitoring.indicators.ascending" : "monitoring.indicators.descending");
    return t(value ? "common.yes" : "common.no");
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    // A plan's whole outline, stored with its creation: how many items.
    if (field === "nodes") return t("audit.field.nodeCount", counted(value.length, lang));
    return value.map((v) => fieldValue(field, isRow(v) && "role" in v ? v.role : v, { t, lang, recordType, names })).join(", ");
  }
  if (isRow(value)) {
    if ("es" in value || "pt" in value || "en" in value) return localized(value as never, lang) || "—";
    if (typeof value.amount_minor === "number" && typeof value.currency === "string") return formatMoney(value.amount_minor, value.currency, lang);
    return JSON.stringify(value);
  }
  if (typeof value === "string") {
    const choice = choiceKey(field, value, recordType);
    if (choice) return t(choice, { defaultValue: value });
    if (/_id$/.test(field) && names) return names(value) ?? value.slice(0, 8);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, lang);
    return value;
  }
  return String(value);
}
