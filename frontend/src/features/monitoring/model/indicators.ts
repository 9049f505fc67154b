/**
 * The plan's three indicators as the server states them (README "Monitoring"): execution, the
 * participants with their countries and the band of their number, and results with the ladder of
 * stages a work plan or a project climbs.
 */
import type * as closed from "../../../lib/api/closed";

export type ReportStatus = closed.ReportStatus;
export const REPORT_STATUSES = ["draft", "submitted", "returned", "approved"] as const satisfies readonly ReportStatus[];

export type ResultKind = closed.ResultKind;
export const RESULT_KINDS = [
  "work_plan",
  "project",
  "new_instrument",
  "new_institutionality",
  "other",
] as const satisfies readonly ResultKind[];

/** The rungs of each kind, lowest first; kinds without a ladder have none. */
export const STAGE_LADDERS: Record<ResultKind, readonly closed.ResultStage[]> = {
  work_plan: ["agreed", "signed", "with_activities", "with_funding"],
  project: ["agreed", "formulated", "funded", "with_responsibilities"],
  new_instrument: [],
  new_institutionality: [],
  other: [],
};

/** The stages a result of `kind` may reach (empty: the kind has no stage). */
export function stagesOf(kind: string): readonly closed.ResultStage[] {
  return STAGE_LADDERS[kind as ResultKind] ?? [];
}

/** A stage kept when the kind changes only if the new kind's ladder has it. */
export function stageAfterKindChange(kind: string, stage: string): string {
  const ladder = stagesOf(kind);
  if (ladder.length === 0) return "";
  return ladder.find((s) => s === stage) ?? ladder[0];
}

export const COUNTRY_BANDS = ["1", "2", "3", "4", "5+"] as const;
export type CountryBand = (typeof COUNTRY_BANDS)[number];

/** The distinct countries of the participating cities, sorted (a city named twice counts once). */
export function countriesOf(cities: readonly { id: string; country: string }[]): string[] {
  const seen = new Set<string>();
  const countries = new Set<string>();
  for (const c of cities) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (c.country) countries.add(c.country.toUpperCase());
  }
  return [...countries].sort();
}

/** The band of a number of countries: `1` … `4`, `5+`; null when no local government took part. */
export function countryBand(countryCount: number): CountryBand | null {
  if (countryCount <= 0) return null;
  if (countryCount >= 5) return "5+";
  return String(countryCount) as CountryBand;
}

export function isReportEditable(status: string): boolean {
  return status === "draft" || status === "returned";
}

/** A random UUID (v4), also where `crypto.randomUUID` is missing (not a secure context). */
export function randomUuid(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
