/**
 * The scopes a role (or an API token) is held in: the cities and bodies to pick one from, and a
 * role's name with its scope. Users, tokens and a body's terms all offer them.
 */
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { api, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { localized } from "../i18n/format";
import { useCountryNames } from "../registry/countries";

type RoleGrantData = components["schemas"]["RoleGrantData"];

/** Cities and bodies by id, for naming the scopes of roles and picking them (a few hundred at most). */
export function useScopeOptions() {
  const cities = useQuery({
    queryKey: ["scopes", "cities"],
    staleTime: 10 * 60_000,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/cities", { params: { query: { per_page: 200, sort: "name" } } })).items,
  });
  const bodies = useQuery({
    queryKey: ["scopes", "bodies"],
    staleTime: 10 * 60_000,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/bodies", { params: { query: { per_page: 200, sort: "name" } } })).items,
  });
  return { cities, bodies };
}

/** The cities and bodies to pick a role's scope from, and a way to name a role with its scope. */
export function useScopes(lang: string) {
  const { cities, bodies } = useScopeOptions();
  const countries = useCountryNames(lang);
  // A city's country by name, to tell cities apart (Rosario, Argentina).
  const cityList = (cities.data ?? []).map((c) => ({ id: c.id, name: c.name, country: countries.name(c.country) }));
  const bodyList = (bodies.data ?? [])
    .map((b) => ({ id: b.id, name: localized(b.name, lang) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const cityName = new Map(cityList.map((c) => [c.id, c.name]));
  const bodyName = new Map(bodyList.map((b) => [b.id, b.name]));
  const roleLabel = (t: TFunction, r: RoleGrantData) => {
    if (r.role === "coordinator" && r.body_id) return t("roles.coordinatorOf", { body: bodyName.get(r.body_id) ?? r.body_id.slice(0, 8) });
    if (r.role === "focal_point" && r.city_id) return t("roles.focalPointOf", { city: cityName.get(r.city_id) ?? r.city_id.slice(0, 8) });
    return t(`roles.${r.role}`, { defaultValue: r.role });
  };
  return { cities: cityList, bodies: bodyList, roleLabel, ready: cities.isSuccess && bodies.isSuccess };
}
