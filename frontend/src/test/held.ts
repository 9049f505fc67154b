/**
 * What `GET /auth/me` lists for a user holding `roles`: the permissions of each role and where
 * they apply, as the server's policy gives them (`domain::access::permissions`). Tests sign in
 * with roles and read the permissions from here, as the SPA reads them from the server.
 */
import { ALL_ACTIONS, type Action, type Held, type RoleGrant } from "../lib/auth/permissions";

const STAFF_NETWORK: Action[] = [
  "registry:read",
  "country:write",
  "city:create",
  "city:update",
  "city:membership",
  "city:delete",
  "body_members:write",
  "term:write",
  "user:read",
  "audit:read",
  "plan:import",
  "report:write",
  "report:review",
  "event:read",
  "event:write",
  "delegation:write",
];

const network = (actions: Action[]): Held[] => actions.map((action) => ({ action, reach: "network" }));

function heldByRole(grant: RoleGrant): Held[] {
  switch (grant.role) {
    case "secretariat_admin":
      return network([...ALL_ACTIONS]);
    case "secretariat_staff":
      return [...network(STAFF_NETWORK), { action: "plan:edit", reach: "secretariat_plans" }];
    case "finance":
    case "observer":
      return network(["registry:read", "event:read"]);
    case "coordinator":
      return [
        ...network(["registry:read", "plan:import", "event:read"]),
        ...(["body:update", "body_members:write", "report:write", "event:write", "delegation:write"] as Action[]).map(
          (action): Held => ({ action, reach: "body", id: grant.body_id }),
        ),
        { action: "plan:edit", reach: "body_plans", id: grant.body_id },
      ];
    case "focal_point":
      return [
        ...network(["registry:read", "event:read"]),
        ...(["city:update", "token:manage", "delegation:write", "delegation:confirm"] as Action[]).map((action): Held => ({ action, reach: "city", id: grant.city_id })),
      ];
    default:
      return [];
  }
}

/** The permissions held through `roles`, each once. */
export function heldBy(roles: readonly RoleGrant[]): Held[] {
  const out: Held[] = [];
  for (const p of roles.flatMap(heldByRole)) {
    if (!out.some((q) => q.action === p.action && q.reach === p.reach && q.id === p.id)) out.push(p);
  }
  return out;
}
