import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { components, paths } from "../../../lib/api/schema";
import { oneOf } from "../../../lib/api/closed";

type Schemas = components["schemas"];
export type Event = Schemas["EventOut"];
export type EventIn = Schemas["EventIn"];
export type EventKind = Schemas["EventKind"];
export type EventStatus = Schemas["EventStatus"];
export type EventSession = Schemas["EventSessionOut"];
export type EventSessionIn = Schemas["EventSessionIn"];

export const EVENT_KINDS = ["workshop", "seminar", "meeting", "summit", "congress", "course"] as const satisfies readonly EventKind[];
export const EVENT_STATUSES = ["planned", "held", "cancelled"] as const satisfies readonly EventStatus[];
export const PARTICIPANT_KINDS = ["organizations", "mercosur_institutions", "specific_groups"] as const satisfies readonly Schemas["ParticipantKind"][];

export type EventListQuery = NonNullable<paths["/api/v1/events"]["get"]["parameters"]["query"]>;

export interface EventListParams {
  page: number;
  perPage: number;
  sort: string;
  kind?: string;
  status?: string;
  body?: string;
  from?: string;
  until?: string;
}

export const eventKeys = {
  all: ["events"] as const,
  list: (p: EventListParams) => ["events", "list", p] as const,
  detail: (id: string) => ["events", "detail", id] as const,
};

function query(p: EventListParams): EventListQuery {
  return {
    page: p.page,
    per_page: p.perPage,
    sort: p.sort || undefined,
    kind: oneOf(EVENT_KINDS, p.kind),
    status: oneOf(EVENT_STATUSES, p.status),
    body_id: p.body || undefined,
    from: p.from || undefined,
    until: p.until || undefined,
  };
}

/** A page of events, filtered and sorted by the server. */
export function useEvents(p: EventListParams, enabled = true) {
  return useQuery({
    queryKey: eventKeys.list(p),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET("/api/v1/events", { params: { query: query(p) } })),
  });
}

/** Every event of a period (pages of 200), for the month calendar. */
export function useEventsBetween(p: Omit<EventListParams, "page" | "perPage" | "sort">, enabled = true) {
  return useQuery({
    queryKey: [...eventKeys.all, "between", p] as const,
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const items: Event[] = [];
      for (let page = 1; page <= 20; page += 1) {
        const data = unwrap(
          await api.GET("/api/v1/events", { params: { query: query({ ...p, page, perPage: 200, sort: "starts_at" }) } }),
        );
        items.push(...data.items);
        if (data.items.length === 0 || items.length >= data.total) break;
      }
      return items;
    },
  });
}

/** One event with its ETag (for If-Match). */
export function useEvent(id: string) {
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/events/{id}", { params: { path: { id } } })),
  });
}

function useInvalidateEvents() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: eventKeys.all });
  };
}

export function useCreateEvent() {
  const invalidate = useInvalidateEvents();
  return useMutation({
    mutationFn: async (body: EventIn) => unwrap(await api.POST("/api/v1/events", { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateEvent(id: string) {
  const invalidate = useInvalidateEvents();
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: EventIn; etag: string; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/events/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Records that a planned event was held, or cancels it (If-Match). */
export function useEventStatus(id: string) {
  const invalidate = useInvalidateEvents();
  return useMutation({
    mutationFn: async ({ status, etag, version }: { status: "held" | "cancelled"; etag: string; version: number }) =>
      unwrapWithEtag(
        await api.POST("/api/v1/events/{id}/status", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
          body: { status },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteEvent(id: string) {
  const invalidate = useInvalidateEvents();
  return useMutation({
    mutationFn: async ({ etag, version }: { etag: string; version: number }) =>
      unwrap(
        await api.DELETE("/api/v1/events/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The plans, to pick an event's activities from. */
export function usePlanChoices() {
  return useQuery({
    queryKey: ["events", "plans"],
    staleTime: 10 * 60_000,
    queryFn: async () => unwrap(await api.GET("/api/v1/plans", { params: { query: { per_page: 200 } } })).items,
  });
}

/** A plan's activities (code and title), to link an event to. */
export function usePlanActivities(planId: string) {
  return useQuery({
    queryKey: ["events", "plan-activities", planId],
    enabled: !!planId,
    staleTime: 10 * 60_000,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/plans/{id}/activities", { params: { path: { id: planId } } })).map((r) => ({
        id: r.id,
        code: r.columns.code ?? "",
        title: { es: r.columns.title_es ?? "", pt: r.columns.title_pt ?? "", en: r.columns.title_en ?? "" },
      })),
  });
}
