import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";

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
] as const;

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
            query: { page: p.page, per_page: p.perPage, sort: p.sort, kind: p.kind || undefined, q: p.q || undefined },
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

export function useBodyMembers(id: string, page: number, perPage: number) {
  return useQuery({
    queryKey: ["bodies", "members", id, page, perPage],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/bodies/{id}/members", {
          params: { path: { id }, query: { page, per_page: perPage } },
        }),
      ),
  });
}

export type Term = components["schemas"]["TermOut"];
export type TermIn = components["schemas"]["TermIn"];

export const TERM_ROLES = ["holder", "coordinator", "sub_coordinator"] as const;

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
