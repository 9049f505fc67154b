import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import { oneOf, type RecordType } from "../../../lib/api/closed";
import type { components } from "../../../lib/api/schema";
import { readable } from "../../../lib/audit/fields";
import { localized } from "../../../lib/i18n/format";

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
  "event",
  "event_delegation",
  "calendar_feed",
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

type Entry = components["schemas"]["AuditEntryOut"];
type PlanNode = components["schemas"]["PlanNodeOut"];

const stringsAt = (rows: Record<string, unknown>[], keys: string[]) => [
  ...new Set(rows.flatMap((r) => keys.map((k) => r[k])).filter((v): v is string => typeof v === "string" && v.length > 0)),
];

/**
 * The names of what a page of entries points at by id: its cities and bodies (each read once,
 * and kept a while), and the plans whose items it names (each plan's tree read once), for
 * {@link recordName} and the values of the changes.
 */
export function useReferencedNames(entries: readonly Entry[], lang: string) {
  const rows = entries.flatMap((e) => [readable(e.before), readable(e.after)]);
  const cityIds = stringsAt(rows, ["city_id"]);
  const bodyIds = stringsAt(rows, ["body_id", "owner_body_id"]);
  const planIds = stringsAt(rows, ["plan_id"]);
  const options = { staleTime: 5 * 60_000 };
  const cities = useQueries({
    queries: cityIds.map((id) => ({
      ...options,
      queryKey: ["audit", "city", id],
      queryFn: async () => unwrap(await api.GET("/api/v1/cities/{id}", { params: { path: { id } } })).name,
    })),
  });
  const bodies = useQueries({
    queries: bodyIds.map((id) => ({
      ...options,
      queryKey: ["audit", "body", id],
      queryFn: async () => unwrap(await api.GET("/api/v1/bodies/{id}", { params: { path: { id } } })).name,
    })),
  });
  const plans = useQueries({
    queries: planIds.map((id) => ({
      ...options,
      queryKey: ["audit", "plan", id],
      queryFn: async () => unwrap(await api.GET("/api/v1/plans/{id}", { params: { path: { id } } })),
    })),
  });
  const names = new Map<string, string>();
  const nodes = new Map<string, { code: string; title: string }>();
  cityIds.forEach((id, i) => cities[i]?.data && names.set(id, cities[i].data));
  bodyIds.forEach((id, i) => bodies[i]?.data && names.set(id, localized(bodies[i].data, lang)));
  const walk = (list: readonly PlanNode[]) => {
    for (const n of list) {
      nodes.set(n.id, { code: n.code, title: localized(n.title, lang) });
      walk(n.children ?? []);
    }
  };
  for (const plan of plans) {
    if (!plan.data) continue;
    names.set(plan.data.id, localized(plan.data.title, lang));
    walk(plan.data.nodes);
  }
  return { names, nodes };
}
