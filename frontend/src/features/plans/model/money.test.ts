import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../lib/i18n/format";
import { fromMinorUnits, minorDigits, toMinorUnits } from "./money";

describe("money", () => {
  it("knows the minor digits of a currency", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("PYG")).toBe(0);
  });
  it("reads amounts as typed in es, pt and en into minor units", () => {
    expect(toMinorUnits("2500", "USD")).toBe(250000);
    expect(toMinorUnits("2500.5", "USD")).toBe(250050);
    expect(toMinorUnits("2.500,50", "USD")).toBe(250050);
    expect(toMinorUnits("2,500.50", "USD")).toBe(250050);
    expect(toMinorUnits("2.500", "USD")).toBe(250000);
    expect(toMinorUnits("0,07", "BRL")).toBe(7);
    expect(toMinorUnits("1500000", "PYG")).toBe(1500000);
  });
  it("refuses what is not an amount", () => {
    expect(toMinorUnits("", "USD")).toBeNull();
    expect(toMinorUnits("abc", "USD")).toBeNull();
    expect(toMinorUnits("1.5", "PYG")).toBeNull();
  });
  it("round-trips through the form", () => {
    expect(fromMinorUnits(250050, "USD")).toBe("2500.50");
    expect(fromMinorUnits(7, "USD")).toBe("0.07");
    expect(toMinorUnits(fromMinorUnits(123456789, "EUR"), "EUR")).toBe(123456789);
  });
  it("is shown for the language", () => {
    expect(formatMoney(250000, "USD", "en")).toMatch(/2,500\.00/);
    expect(formatMoney(250000, "USD", "es")).toMatch(/2\.500,00/);
  });
});
