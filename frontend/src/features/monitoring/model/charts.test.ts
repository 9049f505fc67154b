import { describe, expect, it } from "vitest";
import { wrapLabel, activitiesByCountry, bandSeries, executionByPolicy, resultsLadder } from "./charts";
import { stagesOf } from "./indicators";
import type { components } from "../../../lib/api/schema";

type Schemas = components["schemas"];

describe("chart data", () => {
  it("keeps one bar per policy with activities, in order", () => {
    const rows: { code: string; kind: Schemas["ExecutionRowKind"]; activities: number; executed_share: number; executed_or_partial_share: number }[] = [
      { code: "1", kind: "dimension", activities: 9, executed_share: 11.1, executed_or_partial_share: 11.1 },
      { code: "1.1", kind: "policy", activities: 2, executed_share: 50, executed_or_partial_share: 100 },
      { code: "1.1.1", kind: "axis", activities: 0, executed_share: 0, executed_or_partial_share: 0 },
      { code: "1.2", kind: "policy", activities: 4, executed_share: 0, executed_or_partial_share: 25 },
      { code: "2.1", kind: "policy", activities: 0, executed_share: 0, executed_or_partial_share: 0 },
    ];
    expect(executionByPolicy(rows, (r) => `P ${r.code}`)).toEqual([
      { key: "1.1", label: "P 1.1", value: 50, partial: 100 },
      { key: "1.2", label: "P 1.2", value: 0, partial: 25 },
    ]);
  });

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

describe("wrapLabel", () => {
  it("breaks a label into lines that fit, cutting a word longer than a line and a label longer than the lines", () => {
    expect(wrapLabel("1.1 Políticas estratégicas", 20)).toEqual(["1.1 Políticas", "estratégicas"]);
    expect(wrapLabel("Corto", 20)).toEqual(["Corto"]);
    expect(wrapLabel("Internacionalización", 10)).toEqual(["Internaci…"]);
    expect(wrapLabel("uno dos tres cuatro cinco seis siete", 8, 2)).toEqual(["uno dos", "tres…"]);
    expect(wrapLabel("", 10)).toEqual([""]);
  });
});
