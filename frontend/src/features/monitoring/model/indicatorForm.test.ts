import { describe, expect, it } from "vitest";
import type { components } from "../../../lib/api/schema";
import { emptyIndicatorValues, indicatorValues, measureOf, toIndicatorIn } from "./indicatorForm";

type Indicator = components["schemas"]["IndicatorOut"];

const base: Indicator = {
  id: "i1",
  plan_id: "p1",
  node_id: "n1",
  node_code: "1.1.a",
  version: 2,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  title: { es: "Ciudades que adoptan la agenda", pt: null },
  measure: "percentage",
};

describe("indicator form values", () => {
  it("reads an indicator whose optional fields the server left out as their defaults", () => {
    expect(indicatorValues(base)).toEqual({
      ...emptyIndicatorValues(),
      title: { es: "Ciudades que adoptan la agenda", pt: "", en: "" },
      measure: "percentage",
      periods: [],
    });
    expect(indicatorValues({ ...base, ascending: null, baseline: null, periods: null }).ascending).toBe(true);
    expect(indicatorValues({ ...base, ascending: false }).ascending).toBe(false);
  });

  it("reads a baseline and periods, and sends them back as they were", () => {
    const indicator: Indicator = {
      ...base,
      ascending: true,
      baseline: { year: 2010, value: { numerator: 0, denominator: 4 } },
      periods: [
        { starts_on: "2011-01-01", ends_on: "2012-12-31", target: { numerator: 2, denominator: 4 }, actual: null },
      ],
    };
    const values = indicatorValues(indicator);
    expect(values.baselineYear).toBe("2010");
    expect(values.periods[0].target).toMatchObject({ numerator: "2", denominator: "4" });
    expect(values.periods[0].actual.numerator).toBe("");
    expect(toIndicatorIn(values)).toEqual({
      title: { es: "Ciudades que adoptan la agenda" },
      measure: "percentage",
      ascending: true,
      baseline: { year: 2010, value: { numerator: 0, denominator: 4 } },
      periods: [{ starts_on: "2011-01-01", ends_on: "2012-12-31", target: { numerator: 2, denominator: 4 } }],
    });
  });

  it("knows the four measures and reads another as unit", () => {
    expect(["unit", "percentage", "yes_no", "qualitative"].map(measureOf)).toEqual(["unit", "percentage", "yes_no", "qualitative"]);
    expect(measureOf("ratio")).toBe("unit");
  });
});
