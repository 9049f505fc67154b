import { describe, expect, it } from "vitest";
import { countByStatus, delegatesByCity, focalCities, mayAddDelegate, toDelegatesIn, toRows } from "./delegations";

describe("a delegation's form", () => {
  it("reads the delegates and sends them back, a kept one with its id, empty fields as null", () => {
    const rows = toRows([{ id: "d1", name: "Ana", position: null, gender: "female" }]);
    expect(rows).toEqual([{ id: "d1", name: "Ana", position: "", gender: "female" }]);
    expect(toDelegatesIn([...rows, { name: " Luis ", position: " Director ", gender: "" }])).toEqual({
      delegates: [
        { id: "d1", name: "Ana", position: null, gender: "female" },
        { name: "Luis", position: "Director", gender: null },
      ],
    });
  });

  it("adds delegates up to the quota", () => {
    expect(mayAddDelegate([1, 2], 3)).toBe(true);
    expect(mayAddDelegate([1, 2, 3], 3)).toBe(false);
  });

  it("answers for the cities of the person's focal point roles only", () => {
    expect(focalCities([{ role: "focal_point", city_id: "c1" }, { role: "observer" }, { role: "focal_point", city_id: null }])).toEqual(["c1"]);
  });
});

describe("grouping delegations", () => {
  it("counts them by status in the statuses' order", () => {
    const items = [{ status: "confirmed" }, { status: "invited" }, { status: "confirmed" }] as const;
    expect(countByStatus(items, ["invited", "registered", "confirmed"])).toEqual([
      { status: "invited", count: 1 },
      { status: "confirmed", count: 2 },
    ]);
  });

  it("groups the delegates by city, in the cities' name order, cities without delegates left out", () => {
    const groups = delegatesByCity(
      [
        { city: { id: "r", name: "Rosario" }, delegates: [{ id: "d1", name: "Ana" }] },
        { city: { id: "a", name: "Asunción" }, delegates: [{ id: "d2", name: "Luis" }] },
        { city: { id: "m", name: "Montevideo" }, delegates: [] },
      ],
      "es",
    );
    expect(groups.map((g) => g.city.name)).toEqual(["Asunción", "Rosario"]);
  });
});
