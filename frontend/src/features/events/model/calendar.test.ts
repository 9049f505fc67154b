import { describe, expect, it } from "vitest";
import { addMonths, eventsByDay, gridRange, monthGrid, parseMonth } from "./calendar";

describe("monthGrid", () => {
  it("lays a month out in whole weeks, Monday first", () => {
    // November 2026 starts on a Sunday and ends on a Monday.
    const weeks = monthGrid("2026-11");
    expect(weeks).toHaveLength(6);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0][0]).toEqual({ date: "2026-10-26", inMonth: false });
    expect(weeks[0][6]).toEqual({ date: "2026-11-01", inMonth: true });
    expect(weeks[5][0]).toEqual({ date: "2026-11-30", inMonth: true });
    expect(weeks[5][6]).toEqual({ date: "2026-12-06", inMonth: false });
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
  });

  it("needs no padding for a February that starts on a Monday and has four weeks", () => {
    const weeks = monthGrid("2021-02");
    expect(weeks).toHaveLength(4);
    expect(weeks[0][0].date).toBe("2021-02-01");
    expect(weeks[3][6].date).toBe("2021-02-28");
  });

  it("counts leap days", () => {
    expect(monthGrid("2024-02").flat().filter((d) => d.inMonth)).toHaveLength(29);
  });

  it("gives nothing for what is not a month", () => {
    expect(monthGrid("2026-13")).toEqual([]);
    expect(monthGrid("")).toEqual([]);
    expect(parseMonth("2026-1")).toBeNull();
  });
});

describe("addMonths and gridRange", () => {
  it("moves across years", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
  });

  it("asks for the grid's days and one more each way", () => {
    expect(gridRange("2026-11")).toEqual({ from: "2026-10-25", until: "2026-12-07" });
  });
});

describe("eventsByDay", () => {
  const days = monthGrid("2026-11").flat().map((d) => d.date);
  const ev = (id: string, s: string, e: string) => ({ id, local_starts_at: s, local_ends_at: e });

  it("puts an event on every day of its own clocks, in order of start", () => {
    const map = eventsByDay(
      [ev("b", "2026-11-30T14:00:00", "2026-12-02T18:00:00"), ev("a", "2026-11-30T09:00:00", "2026-11-30T12:00:00")],
      days,
    );
    expect(map.get("2026-11-30")!.map((e) => e.id)).toEqual(["a", "b"]);
    expect(map.get("2026-12-01")!.map((e) => e.id)).toEqual(["b"]);
    expect(map.get("2026-12-02")!.map((e) => e.id)).toEqual(["b"]);
    expect(map.get("2026-12-03")).toEqual([]);
  });

  it("does not take the next day for an end at midnight", () => {
    const map = eventsByDay([ev("n", "2026-11-10T20:00:00", "2026-11-11T00:00:00")], days);
    expect(map.get("2026-11-10")).toHaveLength(1);
    expect(map.get("2026-11-11")).toHaveLength(0);
  });

  it("leaves out the days not asked for", () => {
    const map = eventsByDay([ev("x", "2027-01-10T10:00:00", "2027-01-10T11:00:00")], days);
    expect([...map.values()].every((l) => l.length === 0)).toBe(true);
  });
});
