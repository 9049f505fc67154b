import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";

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
