/**
 * What the signed-in user may do, derived from the roles in /auth/me. It mirrors the server's
 * policy (`domain::access::can`) so that the UI offers only what the server will allow; the
 * server still decides, and a 403 it sends is shown as it is.
 */
import type { components } from "../api/schema";
import type { Permission, Role, TokenPermission } from "../api/closed";

export type RoleGrant = components["schemas"]["RoleGrantData"];

export type { Role };

/** What an operation needs, as its `x-permission` names it. */
export type Action = Permission;

export type Resource =
  | { kind: "network" }
  | { kind: "city"; id: string }
  | { kind: "body"; id: string }
  /** A work plan, by its owner; `secretariat` when the owner is the Executive or the Technical Secretariat. */
  | { kind: "plan"; owner: string; secretariat: boolean };

export const NETWORK: Resource = { kind: "network" };

/** The plan as a resource of the permission policy (`domain::access::Resource::Plan`). */
export function planResource(plan: { owner: { id: string; kind: string } }): Extract<Resource, { kind: "plan" }> {
  return {
    kind: "plan",
    owner: plan.owner.id,
    secretariat: plan.owner.kind === "executive_secretariat" || plan.owner.kind === "technical_secretariat",
  };
}

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
      if (action === "report:write" || action === "report:review" || action === "plan:import") return true;
      return STAFF_ACTIONS.includes(action);
    case "finance":
    case "observer":
      return action === "registry:read";
    case "coordinator":
      // Whose plan a document is becomes known once it is read; `plan:edit` on its owner decides then.
      if (action === "registry:read" || action === "plan:import") return true;
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

/** Every action of the policy, in the order of `domain::access::Action`. */
export const ALL_ACTIONS: readonly Action[] = [
  "registry:read",
  "country:write",
  "city:create",
  "city:update",
  "city:delete",
  "body:create",
  "body:update",
  "body:reclassify",
  "body:delete",
  "body_members:write",
  "term:write",
  "user:read",
  "user:manage",
  "audit:read",
  "token:manage",
  "plan:edit",
  "plan:import",
  "plan:approve",
  "report:write",
  "report:review",
];

/** Actions an API token may carry: a machine never manages people or tokens (`Action::grantable_to_token`). */
export function grantableToToken(action: Action): action is TokenPermission {
  return !["user:manage", "user:read", "token:manage", "audit:read"].includes(action);
}

/** The resource a role's scope stands for: its city, its body, or the network. */
export function scopeResource(scope: RoleGrant): Resource {
  if (scope.role === "focal_point" && scope.city_id) return { kind: "city", id: scope.city_id };
  if (scope.role === "coordinator" && scope.body_id) return { kind: "body", id: scope.body_id };
  return NETWORK;
}

/**
 * The permissions a token of `scope` may be given, as the server checks them when creating it:
 * grantable to a token, and allowed to the scope's role on its own record or on the network.
 */
export function tokenPermissions(scope: RoleGrant): TokenPermission[] {
  return ALL_ACTIONS.filter(grantableToToken).filter(
    (a) => can([scope], a, scopeResource(scope)) || can([scope], a, NETWORK),
  );
}

/** The scopes a user may create tokens for: any for those who manage the network's tokens, their cities for focal points. */
export function tokenScopeCities(roles: readonly RoleGrant[] | undefined): string[] {
  return (roles ?? []).filter((g) => g.role === "focal_point" && g.city_id).map((g) => g.city_id as string);
}

/** Roles that need a scope: a coordinator a body, a focal point a city; the others are network-wide. */
export function scopeKind(role: string): "body" | "city" | "network" {
  if (role === "coordinator") return "body";
  if (role === "focal_point") return "city";
  return "network";
}

export const ROLES: readonly Role[] = [
  "secretariat_admin",
  "secretariat_staff",
  "finance",
  "coordinator",
  "focal_point",
  "observer",
];
