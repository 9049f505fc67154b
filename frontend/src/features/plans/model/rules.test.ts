import { describe, expect, it } from "vitest";
import {
  ACTIVITY_STATUSES,
  activityStatus,
  childKinds,
  nextActivityStatuses,
  nextPlanStatuses,
  statusEditable,
  structureEditable,
  suggestCode,
} from "./rules";
import { planResource } from "../../../lib/auth/permissions";

describe("nextActivityStatuses", () => {
  // The same table as ActivityStatus::next in crates/domain/src/plan.rs.
  const table: Record<string, string[]> = {
    planned: ["in_progress", "not_done", "cancelled"],
    in_progress: ["done", "partially_done", "not_done", "cancelled"],
    partially_done: ["in_progress", "done"],
    not_done: ["planned"],
    done: [],
    cancelled: [],
  };
  for (const from of ACTIVITY_STATUSES) {
    it(`from ${from}: ${table[from].join(", ") || "nothing (final)"}`, () => {
      expect(nextActivityStatuses(from)).toEqual(table[from]);
    });
  }
  it("treats an activity that never had a status as planned", () => {
    expect(activityStatus(undefined)).toBe("planned");
    expect(activityStatus(null)).toBe("planned");
    expect(nextActivityStatuses(undefined)).toEqual(table.planned);
  });
  it("never offers staying in place", () => {
    for (const s of ACTIVITY_STATUSES) expect(nextActivityStatuses(s)).not.toContain(s);
  });
});

describe("childKinds", () => {
  it("follows NodeKind::may_stand_under", () => {
    expect(childKinds(null)).toEqual(["dimension"]);
    expect(childKinds("dimension")).toEqual(["policy"]);
    expect(childKinds("policy")).toEqual(["axis", "objective"]);
    expect(childKinds("axis")).toEqual(["objective"]);
    expect(childKinds("objective")).toEqual(["activity"]);
    expect(childKinds("activity")).toEqual(["sub_activity"]);
    expect(childKinds("sub_activity")).toEqual([]);
  });
});

describe("plan life", () => {
  it("moves draft → approved → in_execution → closed", () => {
    expect(nextPlanStatuses("draft")).toEqual(["approved"]);
    expect(nextPlanStatuses("approved")).toEqual(["in_execution", "closed"]);
    expect(nextPlanStatuses("in_execution")).toEqual(["closed"]);
    expect(nextPlanStatuses("closed")).toEqual([]);
  });
  it("lets the structure change only in a draft, and statuses until closed", () => {
    expect(["draft", "approved", "in_execution", "closed"].map(structureEditable)).toEqual([true, false, false, false]);
    expect(["draft", "approved", "in_execution", "closed"].map(statusEditable)).toEqual([true, true, true, false]);
  });
  it("marks the secretariats' plans", () => {
    expect(planResource({ owner: { id: "b1", kind: "executive_secretariat" } })).toEqual({ kind: "plan", owner: "b1", secretariat: true });
    expect(planResource({ owner: { id: "b2", kind: "technical_secretariat" } }).secretariat).toBe(true);
    expect(planResource({ owner: { id: "b3", kind: "thematic_unit" } }).secretariat).toBe(false);
  });
});

describe("suggestCode", () => {
  const objective = {
    kind: "objective" as const,
    code: "2.3.O",
    children: [
      { kind: "activity", code: "2.3.a" },
      { kind: "activity", code: "2.3.b" },
      { kind: "activity", code: "2.3.c" },
    ],
  };
  it("follows the last sibling of the same kind", () => {
    expect(suggestCode(objective, [], "activity")).toBe("2.3.d");
    expect(suggestCode({ kind: "policy", code: "1.2", children: [{ kind: "axis", code: "1.2.3" }, { kind: "objective", code: "1.2.O" }] }, [], "axis")).toBe("1.2.4");
    expect(suggestCode(null, [{ kind: "dimension", code: "1" }, { kind: "dimension", code: "2" }], "dimension")).toBe("3");
  });
  it("starts a numbering when there is no sibling", () => {
    expect(suggestCode({ ...objective, children: [] }, [], "activity")).toBe("2.3.a");
    expect(suggestCode({ kind: "activity", code: "1.2.d", children: [] }, [], "sub_activity")).toBe("1.2.d.1");
    expect(suggestCode({ kind: "policy", code: "1.4", children: [] }, [], "objective")).toBe("1.4.O");
    expect(suggestCode(null, [], "dimension")).toBe("1");
  });
});
