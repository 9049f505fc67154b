import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap, unwrapWithEtag } from "../../../lib/api/client";
import type { components } from "../../../lib/api/schema";
import { oneOf, type MembershipStatus } from "../../../lib/api/closed";
import { useAllCountries } from "../../../lib/registry/countries";

export type City = components["schemas"]["CityOut"];
export type CityDetail = components["schemas"]["CityDetailOut"];
export type CityIn = components["schemas"]["CityIn"];
export type Country = components["schemas"]["CountryOut"];

export const MEMBERSHIP_STATUSES = ["active", "suspended", "withdrawn"] as const satisfies readonly MembershipStatus[];

export interface CityListParams {
  page: number;
  perPage: number;
  sort: string;
  country?: string;
  status?: string;
  q?: string;
}

export const cityKeys = {
  all: ["cities"] as const,
  list: (p: CityListParams) => ["cities", "list", p] as const,
  detail: (id: string, asOf?: string) => ["cities", "detail", id, asOf ?? "today"] as const,
};

export function useCities(p: CityListParams) {
  return useQuery({
    queryKey: cityKeys.list(p),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/cities", {
          params: {
            query: {
              page: p.page,
              per_page: p.perPage,
              sort: p.sort,
              country: p.country || undefined,
              membership_status: oneOf(MEMBERSHIP_STATUSES, p.status),
              q: p.q || undefined,
            },
          },
        }),
      ),
  });
}

/** One city with the ETag to send back when saving it. */
export function useCity(id: string, asOf?: string) {
  return useQuery({
    queryKey: cityKeys.detail(id, asOf),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrapWithEtag(await api.GET("/api/v1/cities/{id}", { params: { path: { id }, query: { as_of: asOf } } })),
  });
}

/** Every country, for the filters and the form: the registry's one list (`src/lib/registry`). */
export const useCountryOptions = useAllCountries;

/** POST /cities: a new member city (its page follows). */
export function useCreateCity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CityIn) => unwrap(await api.POST("/api/v1/cities", { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: cityKeys.all });
    },
  });
}

export function useUpdateCity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag, version }: { body: CityIn; etag: string; version: number }) =>
      unwrapWithEtag(
        await api.PUT("/api/v1/cities/{id}", {
          params: { path: { id }, header: { "If-Match": ifMatch(etag, version) } },
          body,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: cityKeys.all });
      await queryClient.invalidateQueries({ queryKey: ["history", "cities", id] });
    },
  });
}

/** Every member city (read a page of 200 at a time), in name order: for the map. */
export function useAllCities() {
  return useQuery({
    queryKey: [...cityKeys.all, "every"] as const,
    queryFn: async () => {
      const items: City[] = [];
      for (let page = 1; ; page += 1) {
        const data = unwrap(await api.GET("/api/v1/cities", { params: { query: { page, per_page: 200, sort: "name" } } }));
        items.push(...data.items);
        if (data.items.length === 0 || items.length >= data.total) return items;
      }
    },
  });
}
