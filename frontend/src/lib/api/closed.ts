/**
 * The API's closed sets of values (kinds, statuses, roles, languages), as the OpenAPI document
 * names them. A form or a filter holds a plain string (a select may be left empty); `oneOf`
 * turns it into the value the API takes, or nothing.
 */
import type { components } from "./schema";

type Schemas = components["schemas"];

export type BodyKind = Schemas["BodyKind"];
export type TermRole = Schemas["TermRole"];
export type MembershipStatus = Schemas["MembershipStatus"];
export type MercosurStatus = Schemas["MercosurStatus"];
export type Role = Schemas["Role"];
export type Permission = Schemas["Permission"];
export type TokenPermission = Schemas["TokenPermission"];
export type Language = Schemas["Language"];
export type NodeKind = Schemas["NodeKind"];
export type PlanStatus = Schemas["PlanStatus"];
export type ActivityStatus = Schemas["ActivityStatus"];
export type Execution = Schemas["Execution"];
export type ResultKind = Schemas["ResultKind"];
export type ResultStage = Schemas["ResultStage"];
export type ReportStatus = Schemas["ReportStatus"];
export type Measure = Schemas["Measure"];
export type RecordType = Schemas["RecordType"];

/** Whether an activity was carried out, as its progress report says. */
export const EXECUTIONS = ["yes", "partially", "no"] as const satisfies readonly Execution[];

/** `value` when it is one of `values`; otherwise undefined (a choice left empty). */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return values.find((v) => v === value);
}
