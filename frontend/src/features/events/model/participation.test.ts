import { describe, expect, it } from "vitest";
import { countryBars, reportQuery } from "./participation";

describe("the participation report's series", () => {
  it("gives a bar per country, by delegates present, most first and then by name", () => {
    const names: Record<string, string> = { AR: "Argentina", UY: "Uruguay", BR: "Brasil" };
    const bars = countryBars(
      [
        { country: "UY", delegates: 2, cities: 1 },
        { country: "AR", delegates: 5, cities: 2 },
        { country: "BR", delegates: 2, cities: 2 },
      ],
      (c) => names[c],
      "es",
    );
    expect(bars.map((b) => [b.key, b.label, b.value])).toEqual([
      ["AR", "Argentina", 5],
      ["BR", "Brasil", 2],
      ["UY", "Uruguay", 2],
    ]);
  });

  it("writes the period as the downloads' query, leaving out what is not set", () => {
    expect(reportQuery({ from: "2026-01-01", until: "" })).toBe("?from=2026-01-01");
    expect(reportQuery({})).toBe("");
  });
});
