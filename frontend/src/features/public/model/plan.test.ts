import { describe, expect, it } from "vitest";
import type { PlanNode } from "../api/public";
import { activitiesUnder, countKinds, periodOf } from "./plan";

const node = (kind: PlanNode["kind"], code: string, children: PlanNode[] = []): PlanNode => ({ kind, code, title: { es: code }, children });

const tree: PlanNode[] = [
  node("dimension", "1", [
    node("policy", "1.1", [node("axis", "1.1.1", [node("objective", "1.1.1.a", [node("activity", "a1", [node("sub_activity", "a1.1")]), node("activity", "a2")])])]),
    node("policy", "1.2"),
  ]),
  node("dimension", "2", [node("policy", "2.1", [node("objective", "2.1.a", [node("activity", "a3")])])]),
];

describe("an approved plan's document", () => {
  it("counts its nodes by kind at every level", () => {
    expect(countKinds(tree)).toEqual({ dimension: 2, policy: 3, axis: 1, objective: 2, activity: 3, sub_activity: 1 });
    expect(countKinds([])).toEqual({});
    expect(countKinds(undefined)).toEqual({});
  });

  it("counts the activities under a node, sub-activities not apart", () => {
    expect(activitiesUnder(tree[0])).toBe(2);
    expect(activitiesUnder(tree[0].children![1])).toBe(0);
    expect(activitiesUnder(tree[1])).toBe(1);
  });

  it("writes its period in the language", () => {
    expect(periodOf({ starts_on: "2011-12-02", ends_on: "2012-12-06" }, "en")).toBe("2 Dec 2011 – 6 Dec 2012");
  });
});
