import { describe, expect, it } from "vitest";
import { collapseAll, countByKind, expandAll, flatten, foldableIds, pathTo, reveal, toggleFold, visibleNodes } from "./tree";

type N = { id: string; kind: string; code: string; children: N[] };
const node = (id: string, kind: string, children: N[] = []): N => ({ id, kind, code: id, children });

const tree: N[] = [
  node("1", "dimension", [
    node("1.1", "policy", [node("1.1.1", "axis"), node("1.1.O", "objective", [node("1.1.a", "activity"), node("1.1.b", "activity", [node("1.1.b.1", "sub_activity")])])]),
  ]),
  node("2", "dimension", [node("2.1", "policy")]),
];
const codes = (list: N[]) => list.map((n) => n.code);

describe("tree folding", () => {
  it("shows everything when nothing is folded", () => {
    expect(codes(visibleNodes(tree, expandAll()))).toEqual(codes(flatten(tree)));
    expect(flatten(tree)).toHaveLength(9);
  });

  it("hides the descendants of a folded node, and shows them again when unfolded", () => {
    const folded = toggleFold(new Set(), "1.1.O");
    expect(codes(visibleNodes(tree, folded))).toEqual(["1", "1.1", "1.1.1", "1.1.O", "2", "2.1"]);
    const unfolded = toggleFold(folded, "1.1.O");
    expect(unfolded.size).toBe(0);
    expect(visibleNodes(tree, unfolded)).toHaveLength(9);
  });

  it("does not change the set it is given", () => {
    const before = new Set(["1"]);
    toggleFold(before, "2");
    expect([...before]).toEqual(["1"]);
  });

  it("collapses all nodes with children, leaving the roots", () => {
    expect(foldableIds(tree)).toEqual(["1", "1.1", "1.1.O", "1.1.b", "2"]);
    expect(codes(visibleNodes(tree, collapseAll(tree)))).toEqual(["1", "2"]);
  });

  it("reveals a node by unfolding its ancestors only", () => {
    const shown = reveal(tree, collapseAll(tree), "1.1.b.1");
    expect([...shown]).toEqual(["2"]);
    expect(codes(visibleNodes(tree, shown))).toContain("1.1.b.1");
  });

  it("finds the path to a node and counts kinds", () => {
    expect(codes(pathTo(tree, "1.1.b.1"))).toEqual(["1", "1.1", "1.1.O", "1.1.b", "1.1.b.1"]);
    expect(pathTo(tree, "nope")).toEqual([]);
    expect(countByKind(tree)).toEqual({ dimension: 2, policy: 2, axis: 1, objective: 1, activity: 2, sub_activity: 1 });
  });
});
