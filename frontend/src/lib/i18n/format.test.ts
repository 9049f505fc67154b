import { describe, expect, it } from "vitest";
import { HOUR_CYCLE, formatDate, formatDateTime, formatMoney, formatNumber, localized } from "./format";
import { localeOf } from "./language";

// Intl output uses narrow no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatDate", () => {
  it("formats a calendar date per language without shifting the day", () => {
    expect(formatDate("1995-11-07", "es")).toBe("7 nov. 1995");
    expect(plain(formatDate("1995-11-07", "pt"))).toBe("7 de nov. de 1995");
    expect(formatDate("1995-11-07", "en")).toBe("7 Nov 1995");
  });

  it("passes through empty and unparsable values", () => {
    expect(formatDate(null, "es")).toBe("");
    expect(formatDate("not a date", "es")).toBe("not a date");
  });
});

describe("formatDateTime", () => {
  it("formats an instant in the given time zone", () => {
    const s = plain(formatDateTime("2026-11-24T20:30:00Z", "en", "UTC"));
    expect(s).toContain("24 Nov 2026");
    expect(s).toContain("20:30");
  });

  it("reads the time on the 24-hour clock in every language, the date written as formatDate writes it", () => {
    const evening = "2026-11-24T20:30:00Z";
    expect(plain(formatDateTime(evening, "es", "UTC"))).toBe("24 nov. 2026, 20:30");
    expect(plain(formatDateTime(evening, "pt", "UTC"))).toBe("24 de nov. de 2026, 20:30");
    expect(plain(formatDateTime(evening, "en", "UTC"))).toBe("24 Nov 2026, 20:30");
    for (const lang of ["es", "pt", "en"]) {
      const s = plain(formatDateTime(evening, lang, "UTC"));
      expect(s).not.toMatch(/[ap]\.? ?m\.?/i);
      expect(s.startsWith(plain(formatDate("2026-11-24", lang)))).toBe(true);
      // Midnight is 00:xx, not 24:xx or 12:xx.
      expect(plain(formatDateTime("2026-11-24T00:05:00Z", lang, "UTC"))).toContain("00:05");
    }
    expect(HOUR_CYCLE).toEqual({ es: "h23", pt: "h23", en: "h23" });
  });

  it("passes through empty and unparsable values", () => {
    expect(formatDateTime(undefined, "es")).toBe("");
    expect(formatDateTime("never", "pt")).toBe("never");
  });
});

describe("formatNumber", () => {
  it("groups digits the way each language does", () => {
    expect(formatNumber(1319108, "es")).toBe("1.319.108");
    expect(formatNumber(1319108, "pt")).toBe("1.319.108");
    expect(formatNumber(1319108, "en")).toBe("1,319,108");
    expect(formatNumber(null, "en")).toBe("");
  });
});

describe("formatMoney", () => {
  it("formats integer minor units exactly", () => {
    expect(plain(formatMoney(123456, "USD", "en"))).toBe("US$1,234.56");
    expect(plain(formatMoney(5, "BRL", "pt"))).toBe("R$ 0,05");
    expect(plain(formatMoney(-100, "UYU", "es"))).toContain("1,00");
    expect(plain(formatMoney(1000, "PYG", "es"))).toContain("1.000");
  });
});

describe("localized", () => {
  it("takes the language, then es, pt, en", () => {
    expect(localized({ es: "Cumbre", pt: "Cúpula", en: "Summit" }, "pt")).toBe("Cúpula");
    expect(localized({ es: "Cumbre", pt: null, en: null }, "en")).toBe("Cumbre");
    expect(localized({ en: "Only English" }, "es")).toBe("Only English");
    expect(localized(null, "es")).toBe("");
  });
});

describe("localeOf", () => {
  it("maps each UI language to a locale", () => {
    expect(localeOf("es")).toBe("es-UY");
    expect(localeOf("pt")).toBe("pt-BR");
    expect(localeOf("en")).toBe("en-GB");
  });
});
