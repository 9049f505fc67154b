import { describe, expect, it } from "vitest";
import { activitiesByCountry, bandSeries, resultsLadder } from "./charts";
import { stagesOf } from "./indicators";
describe("chart data", () => {
  it("draws the server's activities per country, most first, then by code", () => {
    const byCountry = [
      { country: "AR", activities: 1, cities: 3 },
      { country: "BR", activities: 2, cities: 1 },
      { country: "PY", activities: 0, cities: 1 },
      { country: "UY", activities: 3, cities: 2 },
      { country: "CL", activities: 2, cities: 1 },
    ];
    expect(activitiesByCountry(byCountry)).toEqual([
      { key: "UY", label: "UY", value: 3 },
      { key: "BR", label: "BR", value: 2 },
      { key: "CL", label: "CL", value: 2 },
      { key: "AR", label: "AR", value: 1 },
      { key: "PY", label: "PY", value: 0 },
    ]);
    expect(activitiesByCountry([])).toEqual([]);
  });

  it("lists every band, absent ones as 0", () => {
    expect(bandSeries({ "3": 1, "5+": 2 }).map((b) => b.value)).toEqual([0, 0, 1, 0, 2]);
  });

  it("orders the stages by the ladder and gives kinds without a ladder one segment", () => {
    const ladder = resultsLadder(
      [
        { kind: "work_plan", total: 3, by_stage: { with_funding: 1, signed: 2 } },
        { kind: "other", total: 4, by_stage: {} },
      ],
      stagesOf,
    );
    expect(ladder[0].segments).toEqual([
      { stage: "agreed", value: 0 },
      { stage: "signed", value: 2 },
      { stage: "with_activities", value: 0 },
      { stage: "with_funding", value: 1 },
    ]);
    expect(ladder[1].segments).toEqual([{ stage: "", value: 4 }]);
  });
});
