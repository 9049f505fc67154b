import { describe, expect, it } from "vitest";
import { navEntries } from "./nav";
import type { RoleGrant } from "../lib/auth/permissions";
import { heldBy } from "../test/held";

const paths = (roles: RoleGrant[]) => navEntries(heldBy(roles)).map((e) => e.to);
const ADMIN_PAGES = ["/users", "/api-tokens", "/audit"];

describe("navEntries", () => {
  it("gives a secretariat admin users, API tokens and the audit log", () => {
    expect(paths([{ role: "secretariat_admin" }])).toEqual(expect.arrayContaining([...ADMIN_PAGES, "/reports"]));
  });

  it("gives secretariat staff users and the audit log, but not API tokens", () => {
    const p = paths([{ role: "secretariat_staff" }]);
    expect(p).toContain("/users");
    expect(p).toContain("/audit");
    expect(p).not.toContain("/api-tokens");
  });

  it("gives a focal point their city's API tokens only", () => {
    const p = paths([{ role: "focal_point", city_id: "c1" }]);
    expect(p).toContain("/api-tokens");
    expect(p).not.toContain("/users");
    expect(p).not.toContain("/audit");
  });

  it("gives coordinators, finance and observers none of them", () => {
    const actors: RoleGrant[][] = [[{ role: "coordinator", body_id: "b1" }], [{ role: "finance" }], [{ role: "observer" }]];
    for (const roles of actors) {
      const p = paths(roles);
      for (const page of ADMIN_PAGES) expect(p).not.toContain(page);
      expect(p).toContain("/cities");
      expect(p).toContain("/map");
    }
  });

  it("gives every role the events", () => {
    const actors: RoleGrant[][] = [
      [{ role: "secretariat_admin" }],
      [{ role: "secretariat_staff" }],
      [{ role: "coordinator", body_id: "b1" }],
      [{ role: "focal_point", city_id: "c1" }],
      [{ role: "finance" }],
      [{ role: "observer" }],
    ];
    for (const roles of actors) expect(paths(roles)).toContain("/events");
  });
});
