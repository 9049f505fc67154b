import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import { ApiError } from "../../../lib/api/problem";
import type { components } from "../../../lib/api/schema";
import { oneOf, type BodyKind, type TermRole } from "../../../lib/api/closed";

export type Body = components["schemas"]["BodyOut"];
export type BodyDetail = components["schemas"]["BodyDetailOut"];
export type BodyIn = components["schemas"]["BodyIn"];

export const BODY_KINDS = [
  "summit",
  "board",
  "directing_commission",
  "executive_secretariat",
  "technical_secretariat",
  "thematic_unit",
  "commission",
  "working_group",
] as const satisfies readonly BodyKind[];

export interface BodyListParams {
  page: number;
  perPage: number;
  sort: string;
  kind?: string;
  q?: string;
}

export function useBodies(p: BodyListParams) {
  return useQuery({
    queryKey: ["bodies", "list", p],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/bodies", {
          params: {
            query: { page: p.page, per_page: p.perPage, sort: p.sort, kind: oneOf(BODY_KINDS, p.kind), q: p.q || undefined },
          },
        }),
      ),
  });
}

export function useBody(id: string, asOf?: string) {
  return useQuery({
    queryKey: ["bodies", "detail", id, asOf ?? "today"],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrapWithEtag(await api.GET("/api/v1/bodies/{id}", { params: { path: { id }, query: { as_of: asOf } } })),
  });
}

/** POST /bodies: a new body (its page follows). */
export function useCreateBody() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BodyIn) => unwrap(await api.POST("/api/v1/bodies", { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["bodies"] });
    },
  });
}

/** PUT /bodies/{id} with If-Match: replaces the body's kind, names, acronym and description. */
export function useUpdateBody(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: BodyIn; etag: string; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/bodies/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["bodies"] });
      // Cities and plans show body names too.
      void queryClient.invalidateQueries({ queryKey: ["cities"] });
      void queryClient.invalidateQueries({ queryKey: ["plans"] });
      await queryClient.invalidateQueries({ queryKey: ["history", "bodies", id] });
    },
  });
}

export type Member = components["schemas"]["MemberOut"];
export type MemberIn = components["schemas"]["MemberIn"];
/** A city as a membership names it. */
export type MemberCity = components["schemas"]["CityOut"];
export type MemberUpdateIn = components["schemas"]["MemberUpdateIn"];

export const memberKeys = {
  /** Every page of a body's member list (under the body's own key, so a change to the body refreshes them). */
  list: (bodyId: string) => ["bodies", "members", bodyId] as const,
  page: (bodyId: string, page: number, perPage: number) => ["bodies", "members", bodyId, page, perPage] as const,
};

/** A body's member cities, a page at a time, in city-name order. */
export function useBodyMembers(id: string, page: number, perPage: number) {
  return useQuery({
    queryKey: memberKeys.page(id, page, perPage),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/bodies/{id}/members", {
          params: { path: { id }, query: { page, per_page: perPage } },
        }),
      ),
  });
}

/**
 * Reads one membership again with its ETag, to start a correction over from what is stored (after
 * a 412); the member list, as stale as the form was, is read again too.
 */
export function useReloadMember(bodyId: string) {
  const queryClient = useQueryClient();
  return async (cityId: string) => {
    const fresh = unwrapWithEtag(
      await api.GET("/api/v1/bodies/{id}/members/{city_id}", { params: { path: { id: bodyId, city_id: cityId } } }),
    );
    void queryClient.invalidateQueries({ queryKey: memberKeys.list(bodyId) });
    return fresh;
  };
}

/** Cities whose name holds `q` (2 letters or more), and which of them already belong to the body. */
export function useMemberCandidates(bodyId: string, q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ["cities", "member-candidates", bodyId, term],
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const [found, members] = await Promise.all([
        api.GET("/api/v1/cities", { params: { query: { q: term, per_page: 10 } } }),
        api.GET("/api/v1/cities", { params: { query: { q: term, body_id: bodyId, per_page: 10 } } }),
      ]);
      const memberIds = new Set(unwrap(members).items.map((c) => c.id));
      return unwrap(found).items.map((city) => ({ city, member: memberIds.has(city.id) }));
    },
  });
}

/**
 * After a membership changes: the bodies (the body's member count and its member list, both under
 * `["bodies"]`), the cities (a city's page lists its bodies; the candidates know who belongs), and
 * the histories of both, which show the change.
 */
function useInvalidateMembers() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ["bodies"] });
    await queryClient.invalidateQueries({ queryKey: ["cities"] });
    await queryClient.invalidateQueries({ queryKey: ["history", "bodies"] });
    await queryClient.invalidateQueries({ queryKey: ["history", "cities"] });
  };
}

/** POST /bodies/{id}/members: a city joins the body (409 `duplicate` on `city_id` when it already belongs). */
export function useAddMember(bodyId: string) {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: async (body: MemberIn) =>
      unwrapWithEtag(await api.POST("/api/v1/bodies/{id}/members", { params: { path: { id: bodyId } }, body })),
    // Not awaited: the form closes at once; the lists follow.
    onSuccess: () => {
      void invalidate();
    },
  });
}

/** PUT /bodies/{id}/members/{city_id} with If-Match: corrects the day the city joined. */
export function useUpdateMember(bodyId: string) {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: async ({ cityId, body, etag, version }: { cityId: string; body: MemberUpdateIn; etag?: string; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/bodies/{id}/members/{city_id}", {
          params: { path: { id: bodyId, city_id: cityId }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: () => {
      void invalidate();
    },
  });
}

/** DELETE /bodies/{id}/members/{city_id} with If-Match: the city leaves the body. */
export function useRemoveMember(bodyId: string) {
  const invalidate = useInvalidateMembers();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ cityId, etag, version }: { cityId: string; etag?: string; version: number }) => {
      unwrap(
        await api.DELETE("/api/v1/bodies/{id}/members/{city_id}", {
          params: { path: { id: bodyId, city_id: cityId }, header: { "If-Match": ifMatch(etag, version) } },
        }),
      );
    },
    onSuccess: () => {
      void invalidate();
    },
    // Gone already (someone removed it meanwhile): the list drops it.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 404) void queryClient.invalidateQueries({ queryKey: memberKeys.list(bodyId) });
    },
  });
}

export type Term = components["schemas"]["TermOut"];
export type TermIn = components["schemas"]["TermIn"];

export const TERM_ROLES = ["holder", "coordinator", "sub_coordinator"] as const satisfies readonly TermRole[];

/** Every term of a body, the latest first. */
export function useBodyTerms(bodyId: string, page: number, perPage: number) {
  return useQuery({
    queryKey: ["terms", "body", bodyId, page, perPage],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/terms", {
          params: { query: { body_id: bodyId, page, per_page: perPage, sort: "-starts_on" } },
        }),
      ),
  });
}

/** One term with the ETag to send back when changing or deleting it. */
export function useTerm(id: string) {
  return useQuery({
    queryKey: ["terms", "detail", id],
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/terms/{id}", { params: { path: { id } } })),
  });
}

function useInvalidateTerms() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ["terms"] });
    await queryClient.invalidateQueries({ queryKey: ["bodies"] });
    await queryClient.invalidateQueries({ queryKey: ["cities"] });
    await queryClient.invalidateQueries({ queryKey: ["history", "terms"] });
  };
}

export function useCreateTerm() {
  const invalidate = useInvalidateTerms();
  return useMutation({
    mutationFn: async (body: TermIn) => unwrap(await api.POST("/api/v1/terms", { body })),
    // Not awaited: the form closes at once; the lists follow.
    onSuccess: () => {
      void invalidate();
    },
  });
}

export function useUpdateTerm(id: string) {
  const invalidate = useInvalidateTerms();
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: TermIn; etag: string; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/terms/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    // Not awaited: the form closes at once; the lists follow.
    onSuccess: () => {
      void invalidate();
    },
  });
}

export function useDeleteTerm() {
  const invalidate = useInvalidateTerms();
  return useMutation({
    mutationFn: async ({ id, etag, version }: { id: string; etag: string; version: number }) => {
      unwrap(
        await api.DELETE("/api/v1/terms/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
        }),
      );
    },
    // Not awaited: the form closes at once; the lists follow.
    onSuccess: () => {
      void invalidate();
    },
  });
}
