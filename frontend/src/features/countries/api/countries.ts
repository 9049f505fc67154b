import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";

export const MERCOSUR_STATUSES = ["state_party", "associate_state", "other"] as const;

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
              mercosur_status: p.status || undefined,
              q: p.q || undefined,
            },
          },
        }),
      ),
  });
}
