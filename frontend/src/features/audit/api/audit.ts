import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import { oneOf, type RecordType } from "../../../lib/api/closed";

/** The kinds of record the audit log holds (the names the server stores). */
export const RECORD_TYPES = [
  "city",
  "country",
  "body",
  "body_member",
  "term",
  "user",
  "api_token",
  "strategic_plan",
  "work_plan",
  "plan_node",
  "indicator",
  "activity_report",
] as const satisfies readonly RecordType[];

export interface AuditParams {
  page: number;
  perPage: number;
  recordType?: string;
  actorId?: string;
  /** First day (YYYY-MM-DD), from its start in the user's time zone. */
  from?: string;
  /** Last day (YYYY-MM-DD), to its end in the user's time zone. */
  until?: string;
}

/** A day of the date inputs as the instant the API expects: its first or last moment, local time. */
export function dayBound(day: string | undefined, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T${end ? "23:59:59.999" : "00:00:00"}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function useAudit(p: AuditParams) {
  return useQuery({
    queryKey: ["audit", p],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/audit", {
          params: {
            query: {
              page: p.page,
              per_page: p.perPage,
              record_type: oneOf(RECORD_TYPES, p.recordType),
              actor_id: p.actorId || undefined,
              from: dayBound(p.from, false),
              until: dayBound(p.until, true),
            },
          },
        }),
      ),
  });
}

/** The people who may appear as actors, for the filter and for naming them. */
export function useActorOptions(enabled: boolean) {
  return useQuery({
    queryKey: ["users", "actor-options"],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET("/api/v1/users", { params: { query: { per_page: 200 } } })).items,
  });
}
