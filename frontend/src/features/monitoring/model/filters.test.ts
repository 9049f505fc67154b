import { describe, expect, it } from "vitest";
import { responsibleAcronyms, servesGroups } from "./filters";

describe("report filter choices", () => {
  it("lists the bodies the plan's activities name, each once, at any depth", () => {
    const nodes = [
      { children: [{ responsible_bodies: ["SE", "UTC"], children: [{ responsible_bodies: ["utc", "UT-DS"], children: [] }] }] },
      { responsible_bodies: null, children: [{ children: [] }] },
    ];
    expect(responsibleAcronyms(nodes)).toEqual(["SE", "UTC", "UT-DS"]);
    expect(responsibleAcronyms([])).toEqual([]);
  });

  it("lists the strategic plan's perspectives with their goals, and nothing without a strategic plan", () => {
    expect(
      servesGroups({
        title: { es: "Plan estratégico" },
        thematic_perspectives: [
          { code: "T1", title: { es: "Integración productiva" }, goals: [{ code: "T1.1", title: { es: "Cadenas" } }] },
          { code: "T2", title: { es: "Integración fronteriza" }, goals: null },
        ],
      }),
    ).toEqual([
      { code: "T1", title: { es: "Integración productiva" }, goals: [{ code: "T1.1", title: { es: "Cadenas" } }] },
      { code: "T2", title: { es: "Integración fronteriza" }, goals: [] },
    ]);
    expect(servesGroups(null)).toEqual([]);
  });
});
