import type { InboxItem, InboxKind } from "../api/home";
import { can, type Held } from "../../../lib/auth/permissions";

/** The kinds of waiting work, in the order the home page shows them. */
export const INBOX_KINDS: readonly InboxKind[] = ["report_returned", "report_to_review", "activity_unreported"];

/** The items of each kind, oldest first (as the server lists them); kinds with none are left out. */
export function groupInbox(items: readonly InboxItem[]): { kind: InboxKind; items: InboxItem[] }[] {
  return INBOX_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter((g) => g.items.length > 0);
}

/** An invitation's work is done on the event's page, in the city's delegation form. */
export const invitationTarget = (i: { event_id: string }) => `/events/${i.event_id}`;

/** Where an item's work is done: the report, or the activity's screen where a report is written. */
export function inboxTarget(item: InboxItem): string {
  if (item.kind !== "activity_unreported" && item.report_id) return `/reports/${item.report_id}`;
  return `/plans/${item.plan_id}/nodes/${item.activity_id}`;
}

/**
 * What an empty inbox tells the person, by the work their role may bring them: a reviewer's
 * queue, a Thematic Unit's activities and returned reports, returned reports only, or nothing.
 */
export type InboxRole = "reviewer" | "unit" | "author" | "city" | "reader";

export function inboxRole(held: readonly Held[] | undefined): InboxRole {
  if (can(held, "report:review")) return "reviewer";
  // A city's focal point answers the city's invitations to events.
  if ((held ?? []).some((p) => p.action === "delegation:confirm" && p.reach === "city")) return "city";
  const writes = (held ?? []).filter((p) => p.action === "report:write");
  if (writes.some((p) => p.reach === "body")) return "unit";
  if (writes.length > 0) return "author";
  return "reader";
}
