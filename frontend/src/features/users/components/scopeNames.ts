import { localized } from "../../../lib/i18n/format";
import type { RoleGrantData } from "../api/users";
import { useScopeOptions } from "../api/users";
import type { TFunction } from "i18next";

/** The cities and bodies to pick a role's scope from, and a way to name a role with its scope. */
export function useScopes(lang: string) {
  const { cities, bodies } = useScopeOptions();
  const cityList = (cities.data ?? []).map((c) => ({ id: c.id, name: c.name, country: c.country }));
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
