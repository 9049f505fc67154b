import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";
import { oneOf, type MercosurStatus } from "../../../lib/api/closed";

export type Country = components["schemas"]["CountryOut"];
export type CountryIn = components["schemas"]["CountryIn"];

export const MERCOSUR_STATUSES = ["state_party", "associate_state", "other"] as const satisfies readonly MercosurStatus[];

export interface CountryListParams {
  page: number;
  perPage: number;
  sort: string;
  status?: string;
  q?: string;
}

export function useCountries(p: CountryListParams) {
  return useQuery({
    queryKey: ["countries", "list", p],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/countries", {
          params: {
            query: {
              page: p.page,
              per_page: p.perPage,
              sort: p.sort,
              mercosur_status: oneOf(MERCOSUR_STATUSES, p.status),
              q: p.q || undefined,
            },
          },
        }),
      ),
  });
}

/** One country with the ETag to send back when saving it. */
export function useCountry(code: string) {
  return useQuery({
    queryKey: ["countries", "detail", code],
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/countries/{code}", { params: { path: { code } } })),
  });
}

function useInvalidateCountries() {
  const queryClient = useQueryClient();
  return async (code?: string) => {
    // Also the registry's list of countries, by which every screen names them.
    await queryClient.invalidateQueries({ queryKey: ["countries"] });
    if (code) await queryClient.invalidateQueries({ queryKey: ["history", "countries", code] });
  };
}

/** POST /countries: a country with its ISO code, names in es, pt and en, and Mercosur status. */
export function useCreateCountry() {
  const invalidate = useInvalidateCountries();
  return useMutation({
    mutationFn: async (body: CountryIn) => unwrap(await api.POST("/api/v1/countries", { body })),
    onSuccess: () => {
      void invalidate();
    },
  });
}

/** PUT /countries/{code} with If-Match: replaces the names and the Mercosur status (the code stays). */
export function useUpdateCountry(code: string) {
  const invalidate = useInvalidateCountries();
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: CountryIn; etag: string; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/countries/{code}", {
          params: { path: { code }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: () => {
      void invalidate(code);
    },
  });
}
