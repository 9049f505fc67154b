/** What the public pages read out of an approved plan's document. */
import { formatDate } from "../../../lib/i18n/format";
import type { PlanNode } from "../api/public";

/** A plan's period in the language: "1 mar 2011 – 31 dic 2012". */
export function periodOf(plan: { starts_on: string; ends_on: string }, lang: string): string {
  return `${formatDate(plan.starts_on, lang)} – ${formatDate(plan.ends_on, lang)}`;
}

/** How many nodes of each kind stand in the tree (every level counted). */
export function countKinds(nodes: readonly PlanNode[] | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  const visit = (list: readonly PlanNode[] | null | undefined) => {
    for (const n of list ?? []) {
      counts[n.kind] = (counts[n.kind] ?? 0) + 1;
      visit(n.children);
    }
  };
  visit(nodes);
  return counts;
}

/** The activities under a node (sub-activities are not counted apart, as the execution report does). */
export function activitiesUnder(node: PlanNode): number {
  return countKinds(node.children).activity ?? 0;
}

/** The parts of a plan, by kind, in the order the tree nests them. */
export const PART_KINDS = ["dimension", "policy", "axis", "objective", "activity"] as const;
