/**
 * What the signed-in user may do, derived from the roles in /auth/me. It mirrors the server's
 * policy (`domain::access::can`) so that the UI offers only what the server will allow; the
 * server still decides, and a 403 it sends is shown as it is.
 */
import type { components } from "../api/schema";

export type RoleGrant = components["schemas"]["RoleGrantData"];

export type Role =
  | "secretariat_admin"
  | "secretariat_staff"
  | "finance"
  | "coordinator"
  | "focal_point"
  | "observer";

export type Action =
  | "registry:read"
  | "country:write"
  | "city:create"
  | "city:update"
  | "city:delete"
  | "body:create"
  | "body:update"
  | "body:delete"
  | "body_members:write"
  | "term:write"
  | "user:read"
  | "user:manage"
  | "audit:read"
  | "token:manage"
  | "plan:edit"
  | "plan:approve"
  | "report:write"
  | "report:review";

export type Resource =
  | { kind: "network" }
  | { kind: "city"; id: string }
  | { kind: "body"; id: string }
  /** A work plan, by its owner; `secretariat` when the owner is the Executive or the Technical Secretariat. */
  | { kind: "plan"; owner: string; secretariat: boolean };

export const NETWORK: Resource = { kind: "network" };

const STAFF_ACTIONS: readonly Action[] = [
  "registry:read",
  "country:write",
  "city:create",
  "city:update",
  "city:delete",
  "body_members:write",
  "term:write",
  "user:read",
  "audit:read",
];

function grantAllows(grant: RoleGrant, action: Action, resource: Resource): boolean {
  switch (grant.role as Role) {
    case "secretariat_admin":
      return true;
    case "secretariat_staff":
      if (action === "plan:edit") return resource.kind === "plan" && resource.secretariat;
      if (action === "report:write" || action === "report:review") return true;
      return STAFF_ACTIONS.includes(action);
    case "finance":
    case "observer":
      return action === "registry:read";
    case "coordinator":
      if (action === "registry:read") return true;
      if (action === "body:update" || action === "body_members:write") {
        return resource.kind === "body" && !!grant.body_id && grant.body_id === resource.id;
      }
      if (action === "plan:edit") {
        return resource.kind === "plan" && !!grant.body_id && grant.body_id === resource.owner;
      }
      if (action === "report:write") {
        return resource.kind === "body" && !!grant.body_id && grant.body_id === resource.id;
      }
      return false;
    case "focal_point":
      if (action === "registry:read") return true;
      if (action === "city:update" || action === "token:manage") {
        return resource.kind === "city" && !!grant.city_id && grant.city_id === resource.id;
      }
      return false;
    default:
      return false;
  }
}

/** Whether a user holding `roles` may do `action` on `resource`. */
export function can(roles: readonly RoleGrant[] | undefined, action: Action, resource: Resource = NETWORK): boolean {
  return (roles ?? []).some((g) => grantAllows(g, action, resource));
}

/**
 * Whether a user may write a progress report on an activity: the secretariat anywhere, a
 * coordinator when their body owns the plan or is responsible for the activity (the server asks
 * `report:write` on each of those bodies in turn).
 */
export function canWriteReport(
  roles: readonly RoleGrant[] | undefined,
  planOwnerId: string,
  responsibleBodyIds: readonly string[],
): boolean {
  if (can(roles, "report:write", NETWORK)) return true;
  return [planOwnerId, ...responsibleBodyIds].some((id) => can(roles, "report:write", { kind: "body", id }));
}
