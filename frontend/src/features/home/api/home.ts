import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";

/** How many cities, bodies and countries the registry holds (one small page of each list). */
export function useRegistryCounts() {
  return useQuery({
    queryKey: ["home", "counts"],
    queryFn: async () => {
      const [cities, bodies, countries] = await Promise.all([
        api.GET("/api/v1/cities", { params: { query: { per_page: 1 } } }).then(unwrap),
        api.GET("/api/v1/bodies", { params: { query: { per_page: 1 } } }).then(unwrap),
        api.GET("/api/v1/countries", { params: { query: { per_page: 1 } } }).then(unwrap),
      ]);
      return { cities: cities.total, bodies: bodies.total, countries: countries.total };
    },
  });
}

export function useCityName(id: string | null | undefined) {
  return useQuery({
    queryKey: ["home", "city", id],
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET("/api/v1/cities/{id}", { params: { path: { id: id! } } })).name,
  });
}

export function useBodyName(id: string | null | undefined) {
  return useQuery({
    queryKey: ["home", "body", id],
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET("/api/v1/bodies/{id}", { params: { path: { id: id! } } })).name,
  });
}

export type Inbox = components["schemas"]["InboxOut"];
export type InboxItem = components["schemas"]["InboxItem"];
export type InboxKind = components["schemas"]["InboxKind"];
export type Invitation = components["schemas"]["InvitationItem"];

/**
 * What waits for the signed-in person (`GET /inbox`): read again when the window comes back to the
 * fore, and after a minute, so that a report reviewed elsewhere leaves the list.
 */
export function useInbox() {
  return useQuery({
    queryKey: ["inbox"],
    refetchInterval: 60_000,
    queryFn: async () => unwrap(await api.GET("/api/v1/inbox")),
  });
}
