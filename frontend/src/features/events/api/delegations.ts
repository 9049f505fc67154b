import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { paths } from "../../../lib/api/schema";
import { eventKeys } from "./events";

type DelegationsPath = paths["/api/v1/events/{id}/delegations"];
export type Delegation = DelegationsPath["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type Delegate = Delegation["delegates"][number];
export type DelegatesIn = paths["/api/v1/events/{id}/delegations/{city_id}/delegates"]["put"]["requestBody"]["content"]["application/json"];
export type Attendance = paths["/api/v1/events/{id}/attendance"]["get"]["responses"][200]["content"]["application/json"];
export type AttendanceIn = paths["/api/v1/events/{id}/attendance"]["put"]["requestBody"]["content"]["application/json"];
export type ParticipationQuery = NonNullable<paths["/api/v1/events/participation-report"]["get"]["parameters"]["query"]>;

export const DELEGATION_STATUSES = ["invited", "registered", "confirmed", "attended", "no_show"] as const satisfies readonly Delegation["status"][];

export const delegationKeys = {
  list: (eventId: string) => ["events", "delegations", eventId] as const,
  attendance: (eventId: string) => ["events", "attendance", eventId] as const,
  participation: (q: ParticipationQuery) => ["events", "participation", q] as const,
};

/** The cities invited to an event, with their delegates. */
export function useDelegations(eventId: string) {
  return useQuery({
    queryKey: delegationKeys.list(eventId),
    queryFn: async () => unwrap(await api.GET("/api/v1/events/{id}/delegations", { params: { path: { id: eventId } } })).items,
  });
}

/** After any change of a delegation: the list, the attendance and the event (its version). */
function useInvalidate(eventId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: delegationKeys.list(eventId) });
    await queryClient.invalidateQueries({ queryKey: delegationKeys.attendance(eventId) });
    await queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) });
    void queryClient.invalidateQueries({ queryKey: ["inbox"] });
  };
}

/** The organiser invites a city, with how many delegates it may send. */
export function useInviteCity(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async (body: { city_id: string; quota: number }) =>
      unwrap(await api.POST("/api/v1/events/{id}/delegations", { params: { path: { id: eventId } }, body })),
    onSuccess: invalidate,
  });
}

/** The organiser changes a city's quota (If-Match: the delegation's version). */
export function useSetQuota(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async ({ cityId, quota, version }: { cityId: string; quota: number; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/events/{id}/delegations/{city_id}", {
          params: { path: { id: eventId, city_id: cityId }, header: { "If-Match": ifMatch(undefined, version) } },
          body: { quota },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The organiser withdraws a city's invitation. */
export function useWithdrawCity(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async ({ cityId, version }: { cityId: string; version: number }) =>
      unwrap(
        await api.DELETE("/api/v1/events/{id}/delegations/{city_id}", {
          params: { path: { id: eventId, city_id: cityId }, header: { "If-Match": ifMatch(undefined, version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The city's focal point (or the organiser) registers its delegates, at most the quota. */
export function useSetDelegates(eventId: string, cityId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async ({ body, version }: { body: DelegatesIn; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/events/{id}/delegations/{city_id}/delegates", {
          params: { path: { id: eventId, city_id: cityId }, header: { "If-Match": ifMatch(undefined, version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The city's focal point confirms its registered delegation. */
export function useConfirmDelegation(eventId: string, cityId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async ({ version }: { version: number }) =>
      unwrapWithEtag(
        await api.POST("/api/v1/events/{id}/delegations/{city_id}/confirm", {
          params: { path: { id: eventId, city_id: cityId }, header: { "If-Match": ifMatch(undefined, version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Who was present at each session (or at the event). */
export function useAttendance(eventId: string, enabled = true) {
  return useQuery({
    queryKey: delegationKeys.attendance(eventId),
    enabled,
    queryFn: async () => unwrap(await api.GET("/api/v1/events/{id}/attendance", { params: { path: { id: eventId } } })),
  });
}

/** Replaces the event's attendance; If-Match: the event's ETag. */
export function useSaveAttendance(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: AttendanceIn; etag: string; version: number }) =>
      unwrap(
        await api.PUT("/api/v1/events/{id}/attendance", {
          params: { path: { id: eventId }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Sends the attendance sheet (CSV) as it is written, so that the server's errors name its rows. */
export function useUploadAttendance(eventId: string) {
  const invalidate = useInvalidate(eventId);
  return useMutation({
    mutationFn: async ({ csv, etag, version }: { csv: string; etag: string; version: number }) =>
      unwrap(
        await api.PUT("/api/v1/events/{id}/attendance", {
          params: { path: { id: eventId }, header: { "If-Match": ifMatch(etag, version) } },
          // The CSV sheet, sent as it is written (the operation also takes JSON).
          body: csv,
          bodySerializer: (body: unknown) => body as string,
          headers: { "Content-Type": "text/csv" },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The participation in the events of a period: by event, by country and by city. */
export function useParticipationReport(q: ParticipationQuery) {
  return useQuery({
    queryKey: delegationKeys.participation(q),
    queryFn: async () => unwrap(await api.GET("/api/v1/events/participation-report", { params: { query: q } })),
  });
}

/** The events a city's delegates attended, by start. */
export function useCityEvents(cityId: string) {
  return useQuery({
    queryKey: ["events", "city", cityId],
    queryFn: async () => unwrap(await api.GET("/api/v1/cities/{id}/events", { params: { path: { id: cityId } } })).items,
  });
}
