import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";

export type Body = components["schemas"]["BodyOut"];
export type BodyDetail = components["schemas"]["BodyDetailOut"];

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
