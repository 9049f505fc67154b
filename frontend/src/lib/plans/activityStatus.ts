/**
 * An activity's execution status and the moves it may make, as `crates/domain/src/plan.rs`
 * (`ActivityStatus::next`) allows them: shared by the plan's screens, which change the status, and
 * the review of a report, whose approval may move the activity on. The server still decides.
 */
import type { ActivityStatus } from "../api/closed";

export type { ActivityStatus };

export const ACTIVITY_STATUSES = [
  "planned",
  "in_progress",
  "done",
  "partially_done",
  "not_done",
  "cancelled",
] as const satisfies readonly ActivityStatus[];

const ACTIVITY_NEXT: Record<ActivityStatus, ActivityStatus[]> = {
  planned: ["in_progress", "not_done", "cancelled"],
  in_progress: ["done", "partially_done", "not_done", "cancelled"],
  partially_done: ["in_progress", "done"],
  not_done: ["planned"],
  done: [],
  cancelled: [],
};

/** An activity's status; one that was never set is `planned`. */
export function activityStatus(status: string | null | undefined): ActivityStatus {
  return (ACTIVITY_STATUSES as readonly string[]).includes(status ?? "") ? (status as ActivityStatus) : "planned";
}

/** The statuses an activity may move to from `current` (none from `done` or `cancelled`). */
export function nextActivityStatuses(current: string | null | undefined): ActivityStatus[] {
  return ACTIVITY_NEXT[activityStatus(current)];
}
