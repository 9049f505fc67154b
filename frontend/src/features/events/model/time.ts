/**
 * An event's times as its own clocks show them: the API gives each start and end also as a wall
 * clock in the event's time zone (`2026-11-30T09:00:00`), which is shown as it is (never moved to
 * the reader's zone), with the zone named beside it. Forms take and send the same wall clock
 * (`YYYY-MM-DDTHH:MM`).
 */
import { formatDate, formatDateTime } from "../../../lib/i18n/format";
import { localeOf } from "../../../lib/i18n/language";

const WALL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/;

/** A wall clock as a form's `datetime-local` input holds it (`YYYY-MM-DDTHH:MM`), or "". */
export function toWallInput(local: string | null | undefined): string {
  const m = WALL.exec(local ?? "");
  return m ? `${m[1]}T${m[2]}:${m[3]}` : "";
}

/** The day of a wall clock (`YYYY-MM-DD`). */
export function wallDay(local: string): string {
  return local.slice(0, 10);
}

/** The time of a wall clock on the 24-hour clock (`09:00`). */
export function wallTime(local: string): string {
  const m = WALL.exec(local);
  return m ? `${m[2]}:${m[3]}` : "";
}

/** A wall clock, formatted for the language as it reads (the date, then the time). */
export function formatWall(local: string, lang: string): string {
  const m = WALL.exec(local);
  if (!m) return local;
  return formatDateTime(`${m[1]}T${m[2]}:${m[3]}:00Z`, lang, "UTC");
}

/**
 * A period on one zone's clocks: "30 nov 2026, 09:00–18:00" within a day, else both ends in full
 * ("30 nov 2026, 09:00 – 2 dic 2026, 18:00").
 */
export function formatWallPeriod(start: string, end: string, lang: string): string {
  if (wallDay(start) === wallDay(end)) return `${formatWall(start, lang)}–${wallTime(end)}`;
  return `${formatWall(start, lang)} – ${formatWall(end, lang)}`;
}

/** The days of a period (`30 nov 2026 – 2 dic 2026`, or one day). */
export function formatWallDays(start: string, end: string, lang: string): string {
  const a = formatDate(wallDay(start), lang);
  const b = formatDate(wallDay(end), lang);
  return a === b ? a : `${a} – ${b}`;
}

/**
 * The zone's offset from UTC at an instant, as the language writes it ("GMT-3"), or "" when the
 * browser does not know the zone.
 */
export function zoneOffset(timeZone: string, instant: string, lang: string): string {
  try {
    const parts = new Intl.DateTimeFormat(localeOf(lang), { timeZone, timeZoneName: "shortOffset" }).formatToParts(new Date(instant));
    return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

/** The zone named for a reader: its IANA name, with the place's underscores as spaces, and its offset then. */
export function zoneLabel(timeZone: string, instant: string, lang: string): string {
  const name = timeZone.replace(/_/g, " ");
  const offset = zoneOffset(timeZone, instant, lang);
  return offset ? `${name} (${offset})` : name;
}

/** Every IANA zone the browser knows, for the form's list (none: the field is typed). */
export function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf("timeZone") : [];
  } catch {
    return [];
  }
}
