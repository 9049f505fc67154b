/**
 * The plan rules the UI needs to offer only what the server allows. They mirror
 * `crates/domain/src/plan.rs` (NodeKind::may_stand_under, PlanStatus::next; an activity's
 * statuses are shared, in `lib/plans/activityStatus.ts`); the server still decides.
 */
import type * as closed from "../../../lib/api/closed";

export type NodeKind = closed.NodeKind;
export const NODE_KINDS = ["dimension", "policy", "axis", "objective", "activity", "sub_activity"] as const satisfies readonly NodeKind[];

export type PlanStatus = closed.PlanStatus;
export const PLAN_STATUSES = ["draft", "approved", "in_execution", "closed"] as const satisfies readonly PlanStatus[];

export { ACTIVITY_STATUSES, activityStatus, nextActivityStatuses, type ActivityStatus } from "../../../lib/plans/activityStatus";

/** The kinds that may stand under a node of `parent` (`null`: at the root; none under an unknown kind). */
export function childKinds(parent: string | null): NodeKind[] {
  switch (parent) {
    case null:
      return ["dimension"];
    case "dimension":
      return ["policy"];
    case "policy":
      return ["axis", "objective"];
    case "axis":
      return ["objective"];
    case "objective":
      return ["activity"];
    case "activity":
      return ["sub_activity"];
    default:
      return [];
  }
}

export function isActivity(kind: string): boolean {
  return kind === "activity" || kind === "sub_activity";
}

const PLAN_NEXT: Record<PlanStatus, PlanStatus[]> = {
  draft: ["approved"],
  approved: ["in_execution", "closed"],
  in_execution: ["closed"],
  closed: [],
};

export function nextPlanStatuses(current: PlanStatus): PlanStatus[] {
  return PLAN_NEXT[current] ?? [];
}

/** The tree may change only while the plan is a draft. */
export function structureEditable(status: string): boolean {
  return status === "draft";
}

/** Activity statuses may move until the plan is closed. */
export function statusEditable(status: string): boolean {
  return status !== "closed";
}

function nextToken(token: string): string | null {
  if (/^\d+$/.test(token)) return String(Number(token) + 1);
  if (/^[a-y]$/.test(token)) return String.fromCharCode(token.charCodeAt(0) + 1);
  return null;
}

/**
 * A code to suggest for a new node of `kind` under `parent` (null: at the root), following the
 * plan's numbering: dimensions `1`, policies `1.2`, axes `1.2.1`, objective `1.2.O`,
 * activities `1.2.a`, sub-activities `1.2.a.1`; after the last sibling of the same kind.
 */
export function suggestCode(
  parent: { kind: string; code: string; children: { kind: string; code: string }[] } | null,
  siblingsAtRoot: { kind: string; code: string }[],
  kind: string,
): string {
  const siblings = (parent ? parent.children : siblingsAtRoot).filter((c) => c.kind === kind);
  const last = siblings[siblings.length - 1];
  if (last) {
    const parts = last.code.split(".");
    const next = nextToken(parts[parts.length - 1]);
    if (next) return [...parts.slice(0, -1), next].join(".");
  }
  // Objectives and activities hang from `1.2.O`-style codes: drop the `O`.
  const base = parent ? parent.code.replace(/\.O$/, "") : "";
  const join = (s: string) => (base ? `${base}.${s}` : s);
  switch (kind) {
    case "objective":
      return join("O");
    case "activity":
      return join("a");
    default:
      return join("1");
  }
}
