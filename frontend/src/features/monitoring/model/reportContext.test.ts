import { describe, expect, it } from "vitest";
import { findNode } from "./reportContext";

describe("findNode", () => {
  it("finds a node at any depth, and nothing for an unknown id", () => {
    const tree = [{ id: "1", children: [{ id: "1.1", children: [{ id: "1.1.a", children: [] }] }] }, { id: "2", children: [] }];
    expect(findNode(tree, "1.1.a")?.id).toBe("1.1.a");
    expect(findNode(tree, "2")?.id).toBe("2");
    expect(findNode(tree, "x")).toBeUndefined();
  });
});
