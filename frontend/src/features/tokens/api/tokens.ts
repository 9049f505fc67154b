import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";

export type ApiToken = components["schemas"]["ApiTokenOut"];
export type NewApiToken = components["schemas"]["NewApiTokenOut"];
export type ApiTokenIn = components["schemas"]["ApiTokenIn"];

export const tokenKeys = {
  all: ["api-tokens"] as const,
  list: (cityId: string | undefined, page: number, perPage: number) => ["api-tokens", "list", cityId ?? "all", page, perPage] as const,
};

/** All tokens (those who manage the network's tokens) or a city's (its focal point). */
export function useTokens(cityId: string | undefined, page: number, perPage: number, enabled = true) {
  return useQuery({
    queryKey: tokenKeys.list(cityId, page, perPage),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/api-tokens", {
          params: { query: { page, per_page: perPage, city_id: cityId || undefined } },
        }),
      ),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiTokenIn) => unwrap(await api.POST("/api/v1/api-tokens", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

/** Revokes a token at once (a revoked token is kept, with the time it was revoked). */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE("/api/v1/api-tokens/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
