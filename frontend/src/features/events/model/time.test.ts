import { describe, expect, it } from "vitest";
import { formatWall, formatWallDays, formatWallPeriod, toWallInput, zoneLabel, zoneOffset } from "./time";

describe("an event's wall clock", () => {
  it("is what the form's input holds", () => {
    expect(toWallInput("2026-11-30T09:00:00")).toBe("2026-11-30T09:00");
    expect(toWallInput("2026-11-30T09:05")).toBe("2026-11-30T09:05");
    expect(toWallInput(null)).toBe("");
    expect(toWallInput("nonsense")).toBe("");
  });

  it("is shown as it is, whatever the browser's zone, on the 24-hour clock", () => {
    expect(formatWall("2026-11-30T21:30:00", "en")).toMatch(/30 Nov 2026.*21:30/);
    expect(formatWall("2026-11-30T21:30:00", "es")).toMatch(/30 nov\.? 2026.*21:30/);
  });

  it("writes a day's period with its end time only, and a longer one in full", () => {
    expect(formatWallPeriod("2026-11-30T09:00:00", "2026-11-30T18:00:00", "en")).toMatch(/^30 Nov 2026, 09:00–18:00$/);
    const long = formatWallPeriod("2026-11-30T09:00:00", "2026-12-02T18:00:00", "en");
    expect(long).toMatch(/30 Nov 2026.*09:00 – 2 Dec 2026.*18:00/);
    expect(formatWallDays("2026-11-30T09:00:00", "2026-11-30T18:00:00", "pt")).not.toContain("–");
    expect(formatWallDays("2026-11-30T09:00:00", "2026-12-02T18:00:00", "en")).toBe("30 Nov 2026 – 2 Dec 2026");
  });
});

describe("the zone named", () => {
  it("gives the zone's offset at the event's instant", () => {
    expect(zoneOffset("America/Montevideo", "2026-11-30T12:00:00Z", "en")).toBe("GMT-3");
    // São Paulo has no summer time any more; Madrid's offset follows its summer.
    expect(zoneOffset("Europe/Madrid", "2026-07-01T12:00:00Z", "en")).toBe("GMT+2");
    expect(zoneOffset("Europe/Madrid", "2026-12-01T12:00:00Z", "en")).toBe("GMT+1");
  });

  it("names the place without underscores, with the offset", () => {
    expect(zoneLabel("America/Argentina/Buenos_Aires", "2026-11-30T12:00:00Z", "en")).toBe("America/Argentina/Buenos Aires (GMT-3)");
  });

  it("keeps the name of a zone the browser does not know", () => {
    expect(zoneLabel("Mars/Olympus_Mons", "2026-11-30T12:00:00Z", "en")).toBe("Mars/Olympus Mons");
  });
});
