/**
 * What the signed-in user may do, as the server lists it on `GET /auth/me`: each permission an
 * action and where it applies (its reach). `can` matches an action on a resource against that
 * list the way the server's policy does (`domain::access::Reach::covers`), so that the UI offers
 * only what the server will allow; the server still decides, and a 403 it sends is shown as it is.
 */
import type { components } from "../api/schema";
import type { Permission, Role, TokenPermission } from "../api/closed";

export type RoleGrant = components["schemas"]["RoleGrantData"];
/** One permission held: an action, and where it applies. */
export type Held = components["schemas"]["PermissionOut"];
export type Reach = components["schemas"]["Reach"];

export type { Role };

/** What an operation needs, as its `x-permission` names it. */
export type Action = Permission;

/** A work plan, by its owner; `secretariat` when the owner is the Executive or the Technical Secretariat. */
export interface PlanRef {
  owner: string;
  secretariat: boolean;
}

export type Resource =
  | { kind: "network" }
  | { kind: "city"; id: string }
  | { kind: "body"; id: string }
  | ({ kind: "plan" } & PlanRef)
  /** An activity: its plan's owner and the bodies it names as responsible. */
  | { kind: "activity"; planOwner: string; responsible: readonly string[] }
  /** A progress report; `mine` when the signed-in user wrote it. */
  | { kind: "report"; mine: boolean }
  /** An event, by the bodies that organise it. */
  | { kind: "event"; organizers: readonly string[] }
  /** A city's delegation to an event: the city, and the bodies that organise the event. */
  | { kind: "delegation"; city: string; organizers: readonly string[] };

export const NETWORK: Resource = { kind: "network" };

/** The plan as a resource of the policy (`domain::access::Resource::plan`). */
export function planResource(plan: { owner: { id: string; kind: string } }): Extract<Resource, { kind: "plan" }> {
  return {
    kind: "plan",
    owner: plan.owner.id,
    secretariat: plan.owner.kind === "executive_secretariat" || plan.owner.kind === "technical_secretariat",
  };
}

/** Whether a permission's reach takes in `resource`; whatever the reach, a report is in its author's. */
export function covers(held: Held, resource: Resource): boolean {
  if (held.reach === "network") return true;
  switch (resource.kind) {
    case "report":
      return resource.mine;
    case "body":
      return held.reach === "body" && held.id === resource.id;
    case "plan":
      return (held.reach === "body_plans" && held.id === resource.owner) || (held.reach === "secretariat_plans" && resource.secretariat);
    case "activity":
      return held.reach === "body" && !!held.id && (held.id === resource.planOwner || resource.responsible.includes(held.id));
    case "city":
      return held.reach === "city" && held.id === resource.id;
    case "event":
      return held.reach === "body" && !!held.id && resource.organizers.includes(held.id);
    case "delegation":
      return (
        (held.reach === "body" && !!held.id && resource.organizers.includes(held.id)) ||
        (held.reach === "city" && held.id === resource.city)
      );
    default:
      return false;
  }
}

/** Whether a user holding `held` may do `action` on `resource`. */
export function can(held: readonly Held[] | undefined, action: Action, resource: Resource = NETWORK): boolean {
  return (held ?? []).some((p) => p.action === action && covers(p, resource));
}

/** Every action of the policy, in the order of `domain::access::Action`. */
export const ALL_ACTIONS: readonly Action[] = [
  "registry:read",
  "country:write",
  "city:create",
  "city:update",
  "city:membership",
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
  "event:read",
  "event:write",
  "delegation:write",
  "delegation:confirm",
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
 * The permissions to offer for a token of `scope`: those a token may carry that the user holds
 * on the scope's record. The server also checks them against what the scope's role may do, and
 * refuses the others by name.
 */
export function tokenPermissions(held: readonly Held[] | undefined, scope: RoleGrant): TokenPermission[] {
  return ALL_ACTIONS.filter(grantableToToken).filter((a) => can(held, a, scopeResource(scope)));
}

/** The cities whose tokens the user manages (a focal point's); those who manage every token have none listed. */
export function tokenScopeCities(held: readonly Held[] | undefined): string[] {
  return (held ?? []).filter((p) => p.action === "token:manage" && p.reach === "city" && p.id).map((p) => p.id as string);
}

/** The actions that only read. */
const READS: readonly Action[] = ["registry:read", "event:read"];

/** Whether the user may change anything at all (reading aside). */
export function writesAnything(held: readonly Held[] | undefined): boolean {
  return (held ?? []).some((p) => !READS.includes(p.action));
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
