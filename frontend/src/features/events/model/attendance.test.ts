import { describe, expect, it } from "vitest";
import { cellKey, errorsByRow, presentCells, presentPerColumn, sameCells, toRecords, toggleCell, toggleColumn } from "./attendance";

describe("the attendance grid", () => {
  const delegates = ["d1", "d2"];
  const sessions = ["s1", "s2"];

  it("reads the API's records as present cells and sends them back in the grid's order", () => {
    const present = presentCells([
      { session_id: "s2", delegate_id: "d1" },
      { session_id: "s1", delegate_id: "d2" },
      { session_id: "s1", delegate_id: "d1" },
    ]);
    expect(toRecords(present, delegates, sessions)).toEqual([
      { session_id: "s1", delegate_id: "d1" },
      { session_id: "s2", delegate_id: "d1" },
      { session_id: "s1", delegate_id: "d2" },
    ]);
  });

  it("has one column for the whole event when it has no sessions (a null session)", () => {
    const present = presentCells([{ session_id: null, delegate_id: "d2" }]);
    expect(present.has(cellKey(null, "d2"))).toBe(true);
    expect(toRecords(present, delegates, [null])).toEqual([{ session_id: null, delegate_id: "d2" }]);
  });

  it("drops cells of delegates or sessions no longer on the grid", () => {
    const present = presentCells([{ session_id: "s1", delegate_id: "gone" }, { session_id: "old", delegate_id: "d1" }]);
    expect(toRecords(present, delegates, sessions)).toEqual([]);
  });

  it("switches a cell and a whole column, and tells when nothing changed", () => {
    const start = presentCells([{ session_id: "s1", delegate_id: "d1" }]);
    const on = toggleCell(start, cellKey("s2", "d2"), true);
    expect(on.has(cellKey("s2", "d2"))).toBe(true);
    expect(start.has(cellKey("s2", "d2"))).toBe(false);
    expect(sameCells(toggleCell(on, cellKey("s2", "d2"), false), start)).toBe(true);
    const column = toggleColumn(start, "s2", delegates, true);
    expect(presentPerColumn(column, sessions, delegates)).toEqual([1, 2]);
    expect(presentPerColumn(toggleColumn(column, "s1", delegates, false), sessions, delegates)).toEqual([0, 2]);
  });
});

describe("errorsByRow", () => {
  it("groups a CSV's errors by row and column, the file's own first", () => {
    expect(
      errorsByRow([
        { field: "rows[3].delegate_id", message: "unknown delegate" },
        { field: "rows[2].session_id", message: "unknown session" },
        { field: "rows[3].delegate_id", message: "twice" },
        { field: "", message: "missing column" },
        { field: "rows[10]", message: "too many values" },
      ]),
    ).toEqual([
      { row: null, field: "", messages: ["missing column"] },
      { row: 2, field: "session_id", messages: ["unknown session"] },
      { row: 3, field: "delegate_id", messages: ["unknown delegate", "twice"] },
      { row: 10, field: "", messages: ["too many values"] },
    ]);
  });
});
