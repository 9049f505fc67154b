import { describe, expect, it } from "vitest";
import { countriesOf, countryBand, stageAfterKindChange, stagesOf, isReportEditable } from "./indicators";

describe("country band", () => {
  it("is absent without cities and 1 … 4, 5+ otherwise", () => {
    expect(countryBand(0)).toBeNull();
    expect(countryBand(1)).toBe("1");
    expect(countryBand(3)).toBe("3");
    expect(countryBand(4)).toBe("4");
    expect(countryBand(5)).toBe("5+");
    expect(countryBand(9)).toBe("5+");
  });

  it("counts the distinct countries of the cities, a city named twice once", () => {
    const cities = [
      { id: "mvd", country: "UY" },
      { id: "ros", country: "AR" },
      { id: "poa", country: "BR" },
      { id: "mvd", country: "UY" },
      { id: "cnl", country: "uy" },
    ];
    expect(countriesOf(cities)).toEqual(["AR", "BR", "UY"]);
    expect(countryBand(countriesOf(cities).length)).toBe("3");
    expect(countriesOf([])).toEqual([]);
  });
});

describe("stage ladder", () => {
  it("offers the ladder of work plans and projects, and none for the other kinds", () => {
    expect(stagesOf("work_plan")).toEqual(["agreed", "signed", "with_activities", "with_funding"]);
    expect(stagesOf("project")).toEqual(["agreed", "formulated", "funded", "with_responsibilities"]);
    for (const k of ["new_instrument", "new_institutionality", "other", "unknown"]) expect(stagesOf(k)).toEqual([]);
  });

  it("keeps a stage across a change of kind only when the new ladder has it", () => {
    expect(stageAfterKindChange("project", "agreed")).toBe("agreed");
    expect(stageAfterKindChange("project", "signed")).toBe("agreed");
    expect(stageAfterKindChange("other", "signed")).toBe("");
    expect(stageAfterKindChange("work_plan", "")).toBe("agreed");
  });

  it("lets only drafts and returned reports be edited", () => {
    expect(isReportEditable("draft")).toBe(true);
    expect(isReportEditable("returned")).toBe(true);
    expect(isReportEditable("submitted")).toBe(false);
    expect(isReportEditable("approved")).toBe(false);
  });
});
