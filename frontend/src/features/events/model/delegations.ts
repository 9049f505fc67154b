/**
 * A city's delegation as its form holds it (a row per delegate, every input a string), what it
 * sends, and who may do what with it: the organiser invites, changes quotas and withdraws; the
 * city's focal point registers its delegates and confirms; nobody else writes it.
 */
import { oneOf } from "../../../lib/api/closed";
import type { components } from "../../../lib/api/schema";

type Gender = components["schemas"]["Gender"];
type DelegatesIn = components["schemas"]["DelegatesIn"];

export interface DelegateRow {
  /** The kept delegate's id (none for a new one). */
  id?: string;
  name: string;
  position: string;
  /** "" when not said. */
  gender: string;
}

interface DelegateOut {
  id: string;
  name: string;
  position?: string | null;
  gender?: string | null;
}

export function toRows(delegates: readonly DelegateOut[]): DelegateRow[] {
  return delegates.map((d) => ({ id: d.id, name: d.name, position: d.position ?? "", gender: d.gender ?? "" }));
}

export const GENDERS = ["female", "male", "other"] as const satisfies readonly Gender[];

/** The body of PUT …/delegates: each row, empty optional fields as null, a kept delegate with its id. */
export function toDelegatesIn(rows: readonly DelegateRow[]): DelegatesIn {
  return {
    delegates: rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      name: r.name.trim(),
      position: r.position.trim() || null,
      gender: oneOf(GENDERS, r.gender) ?? null,
    })),
  };
}

/** Whether another delegate may be added: fewer rows than the quota. */
export const mayAddDelegate = (rows: readonly unknown[], quota: number) => rows.length < quota;

/** The cities whose delegation the signed-in person answers for: those of their focal point roles. */
export function focalCities(roles: readonly { role: string; city_id?: string | null }[]): string[] {
  return roles.filter((r) => r.role === "focal_point" && r.city_id).map((r) => r.city_id as string);
}

/** A delegation's statuses a focal point may still change its delegates in, and confirm from. */
export const EDITABLE = ["invited", "registered", "confirmed"];
export const CONFIRMABLE = ["registered"];

/** The delegations counted by status, in the statuses' order, those with none left out. */
export function countByStatus<S extends string>(items: readonly { status: S }[], order: readonly S[]): { status: S; count: number }[] {
  return order.map((status) => ({ status, count: items.filter((d) => d.status === status).length })).filter((x) => x.count > 0);
}

/** Delegates of the delegations, each with its city, grouped by city in the cities' name order. */
export function delegatesByCity<D extends { id: string; name: string }>(
  delegations: readonly { city: { id: string; name: string }; delegates: readonly D[] }[],
  lang: string,
): { city: { id: string; name: string }; delegates: D[] }[] {
  return [...delegations]
    .filter((d) => d.delegates.length > 0)
    .sort((a, b) => a.city.name.localeCompare(b.city.name, lang))
    .map((d) => ({ city: d.city, delegates: [...d.delegates] }));
}
