import { describe, expect, it } from "vitest";
import { changedFields } from "./RecordHistory";

describe("changedFields", () => {
  it("lists the fields that changed, ignoring bookkeeping columns", () => {
    const before = { id: "1", name: "Montevideo", population: 1, website: null, version: 1, updated_at: "a" };
    const after = { id: "1", name: "Montevideo", population: 2, website: "https://x", version: 2, updated_at: "b" };
    expect(changedFields({ before, after })).toEqual([
      { field: "population", before: 1, after: 2 },
      { field: "website", before: null, after: "https://x" },
    ]);
  });

  it("handles a creation (no before)", () => {
    expect(changedFields({ before: null, after: { name: "X" } })).toEqual([{ field: "name", before: null, after: "X" }]);
  });
});
