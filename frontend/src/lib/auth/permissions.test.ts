import { describe, expect, it } from "vitest";
import {
  ALL_ACTIONS,
  can,
  grantableToToken,
  scopeKind,
  tokenPermissions,
  tokenScopeCities,
  writesAnything,
  type Action,
  type Held,
  type Resource,
  type RoleGrant,
} from "./permissions";
import { heldBy } from "../../test/held";

const OWN_CITY = "c-own";
const OTHER_CITY = "c-other";
const OWN_BODY = "b-own";
const OTHER_BODY = "b-other";

const roles: Record<string, RoleGrant[]> = {
  admin: [{ role: "secretariat_admin" }],
  staff: [{ role: "secretariat_staff" }],
  finance: [{ role: "finance" }],
  observer: [{ role: "observer" }],
  coordinator: [{ role: "coordinator", body_id: OWN_BODY }],
  focal: [{ role: "focal_point", city_id: OWN_CITY }],
};
// What the server lists on /auth/me for each of them.
const actors: Record<string, Held[]> = Object.fromEntries(Object.entries(roles).map(([name, r]) => [name, heldBy(r)]));
/** The token permissions offered to the holder of `scope` for a token of that scope. */
const tokenPermissionsOf = (scope: RoleGrant) => tokenPermissions(heldBy([scope]), scope);

const resources: Record<string, Resource> = {
  network: { kind: "network" },
  own_city: { kind: "city", id: OWN_CITY },
  other_city: { kind: "city", id: OTHER_CITY },
  own_body: { kind: "body", id: OWN_BODY },
  other_body: { kind: "body", id: OTHER_BODY },
  se_plan: { kind: "plan", owner: "b-se", secretariat: true },
  own_plan: { kind: "plan", owner: OWN_BODY, secretariat: false },
  other_plan: { kind: "plan", owner: OTHER_BODY, secretariat: false },
  event_of_own_body: { kind: "event", organizers: [OTHER_BODY, OWN_BODY] },
  others_event: { kind: "event", organizers: [OTHER_BODY] },
  own_city_at_own_event: { kind: "delegation", city: OWN_CITY, organizers: [OTHER_BODY, OWN_BODY] },
  other_city_at_others_event: { kind: "delegation", city: OTHER_CITY, organizers: [OTHER_BODY] },
};

// The same table as the server's policy test (crates/domain/src/access.rs).
const table: [Action, string, string[]][] = [
  ["registry:read", "network", ["admin", "staff", "finance", "observer", "coordinator", "focal"]],
  ["country:write", "network", ["admin", "staff"]],
  ["city:create", "network", ["admin", "staff"]],
  ["city:update", "own_city", ["admin", "staff", "focal"]],
  ["city:update", "other_city", ["admin", "staff"]],
  // A focal point edits their city's profile, not its membership.
  ["city:membership", "own_city", ["admin", "staff"]],
  ["city:membership", "other_city", ["admin", "staff"]],
  ["city:delete", "own_city", ["admin", "staff"]],
  ["body:create", "network", ["admin"]],
  ["body:update", "own_body", ["admin", "coordinator"]],
  ["body:update", "other_body", ["admin"]],
  // A body's kind decides how the policy sees its plans: only admins change it.
  ["body:reclassify", "own_body", ["admin"]],
  ["body:delete", "own_body", ["admin"]],
  ["body_members:write", "own_body", ["admin", "staff", "coordinator"]],
  ["body_members:write", "other_body", ["admin", "staff"]],
  ["term:write", "network", ["admin", "staff"]],
  ["user:read", "network", ["admin", "staff"]],
  ["user:manage", "network", ["admin"]],
  ["audit:read", "network", ["admin", "staff"]],
  ["token:manage", "network", ["admin"]],
  ["token:manage", "own_city", ["admin", "focal"]],
  ["token:manage", "other_city", ["admin"]],
  ["plan:edit", "se_plan", ["admin", "staff"]],
  ["plan:edit", "own_plan", ["admin", "coordinator"]],
  ["plan:edit", "other_plan", ["admin"]],
  ["plan:import", "network", ["admin", "staff", "coordinator"]],
  ["plan:approve", "se_plan", ["admin"]],
  ["plan:approve", "own_plan", ["admin"]],
  ["report:write", "own_body", ["admin", "staff", "coordinator"]],
  ["report:write", "other_body", ["admin", "staff"]],
  ["report:review", "own_body", ["admin", "staff"]],
  ["event:read", "network", ["admin", "staff", "finance", "observer", "coordinator", "focal"]],
  ["event:write", "event_of_own_body", ["admin", "staff", "coordinator"]],
  ["event:write", "others_event", ["admin", "staff"]],
  ["event:write", "network", ["admin", "staff"]],
  ["delegation:write", "own_city_at_own_event", ["admin", "staff", "coordinator", "focal"]],
  ["delegation:write", "other_city_at_others_event", ["admin", "staff"]],
  ["delegation:confirm", "own_city_at_own_event", ["admin", "focal"]],
  ["delegation:confirm", "other_city_at_others_event", ["admin"]],
];

describe("can", () => {
  for (const [action, resourceName, allowed] of table) {
    for (const [name, roles] of Object.entries(actors)) {
      const expected = allowed.includes(name);
      it(`${name} ${expected ? "may" : "may not"} ${action} on ${resourceName}`, () => {
        expect(can(roles, action, resources[resourceName])).toBe(expected);
      });
    }
  }

  it("allows nothing without roles", () => {
    expect(can([], "registry:read")).toBe(false);
    expect(can(undefined, "registry:read")).toBe(false);
  });

  it("combines the grants of several roles", () => {
    const held = heldBy([{ role: "observer" }, { role: "focal_point", city_id: OWN_CITY }]);
    expect(can(held, "city:update", resources.own_city)).toBe(true);
    expect(can(held, "city:update", resources.other_city)).toBe(false);
  });

  it("lets a coordinator write reports on the activities of the plan's owner or of their body only", () => {
    const canWriteReport = (held: Held[], planOwner: string, responsible: string[]) =>
      can(held, "report:write", { kind: "activity", planOwner, responsible });
    const coord = actors.coordinator;
    expect(canWriteReport(coord, OWN_BODY, [])).toBe(true);
    expect(canWriteReport(coord, OTHER_BODY, [OWN_BODY])).toBe(true);
    expect(canWriteReport(coord, OTHER_BODY, ["b-third"])).toBe(false);
    expect(canWriteReport(actors.staff, OTHER_BODY, [])).toBe(true);
    expect(canWriteReport(actors.observer, OWN_BODY, [OWN_BODY])).toBe(false);
    expect(canWriteReport(actors.focal, OTHER_BODY, [])).toBe(false);
  });

  it("lets the author of a report change it while writing reports anywhere, others only network-wide", () => {
    const mine: Resource = { kind: "report", mine: true };
    const others: Resource = { kind: "report", mine: false };
    expect(can(actors.coordinator, "report:write", mine)).toBe(true);
    expect(can(actors.coordinator, "report:write", others)).toBe(false);
    expect(can(actors.staff, "report:write", others)).toBe(true);
    expect(can(actors.focal, "report:write", mine)).toBe(false);
  });

  it("reads a body's reach on the plans the body owns, and the secretariats' reach on theirs", () => {
    expect(can(actors.coordinator, "plan:edit", resources.own_plan)).toBe(true);
    expect(can(actors.staff, "plan:edit", resources.se_plan)).toBe(true);
    expect(can(actors.staff, "plan:edit", resources.own_plan)).toBe(false);
    expect(can(actors.staff, "plan:edit", resources.network)).toBe(false);
  });

  it("tells those who may change something from those who only read", () => {
    expect(Object.entries(actors).filter(([, held]) => !writesAnything(held)).map(([name]) => name)).toEqual(["finance", "observer"]);
  });
});

describe("tokenPermissions", () => {
  it("lists every action in the order of domain::access::Action, reclassifying a body right after updating it", () => {
    expect(ALL_ACTIONS.slice(3, 6)).toEqual(["city:update", "city:membership", "city:delete"]);
    expect(ALL_ACTIONS.slice(6, 10)).toEqual(["body:create", "body:update", "body:reclassify", "body:delete"]);
    expect(ALL_ACTIONS.slice(16, 19)).toEqual(["plan:edit", "plan:import", "plan:approve"]);
    expect(new Set(ALL_ACTIONS).size).toBe(25);
    expect(tokenPermissionsOf({ role: "secretariat_admin" })).toContain("body:reclassify");
  });

  it("never offers managing people, tokens or the audit log", () => {
    for (const a of ["user:read", "user:manage", "token:manage", "audit:read"] as Action[]) {
      expect(grantableToToken(a)).toBe(false);
      expect(tokenPermissionsOf({ role: "secretariat_admin" })).not.toContain(a);
    }
    expect(ALL_ACTIONS.filter(grantableToToken)).toEqual(tokenPermissionsOf({ role: "secretariat_admin" }));
  });

  it("limits a city's token to reading and updating that city", () => {
    expect(tokenPermissionsOf({ role: "focal_point", city_id: OWN_CITY })).toEqual([
      "registry:read",
      "city:update",
      "event:read",
      "delegation:write",
      "delegation:confirm",
    ]);
  });

  it("limits an observer's token to reading", () => {
    expect(tokenPermissionsOf({ role: "observer" })).toEqual(["registry:read", "event:read"]);
    expect(tokenPermissionsOf({ role: "finance" })).toEqual(["registry:read", "event:read"]);
  });

  it("gives a body's token what its coordinator may do on the body, and sending plan documents", () => {
    expect(tokenPermissionsOf({ role: "coordinator", body_id: OWN_BODY })).toEqual([
      "registry:read",
      "body:update",
      "body_members:write",
      "plan:import",
      "report:write",
      "event:read",
      "event:write",
      "delegation:write",
    ]);
  });

  it("gives staff tokens the staff's network actions without people or audit", () => {
    const staff = tokenPermissionsOf({ role: "secretariat_staff" });
    expect(staff).toContain("term:write");
    expect(staff).toContain("report:review");
    expect(staff).toContain("city:membership");
    expect(staff).not.toContain("plan:approve");
    expect(staff).not.toContain("body:create");
    expect(staff).not.toContain("body:reclassify");
  });
});

describe("scopes", () => {
  it("names the scope each role needs", () => {
    expect(scopeKind("coordinator")).toBe("body");
    expect(scopeKind("focal_point")).toBe("city");
    expect(scopeKind("observer")).toBe("network");
  });

  it("lists the cities a focal point may create tokens for", () => {
    expect(tokenScopeCities(heldBy([{ role: "observer" }, { role: "focal_point", city_id: "c1" }]))).toEqual(["c1"]);
    expect(tokenScopeCities(actors.admin)).toEqual([]);
  });
});
