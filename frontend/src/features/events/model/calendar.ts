/**
 * The month calendar of events: the weeks of a month (Monday first, whole weeks, the days of the
 * months around it included), and the events on each day as their own time zone's clocks see it.
 * Days are plain calendar dates (`YYYY-MM-DD`), computed in UTC so that no browser's zone shifts
 * them.
 */

export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Whether the day belongs to the month shown (the others pad its first and last weeks). */
  inMonth: boolean;
}

/** A month, as `YYYY-MM`. */
export type Month = string;

const pad = (n: number) => String(n).padStart(2, "0");

/** The `YYYY-MM-DD` of a UTC date. */
export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM` → its year and month (1-12), or null when it is not a month. */
export function parseMonth(month: string | null | undefined): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? "");
  if (!m) return null;
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return null;
  return { year: Number(m[1]), month: mm };
}

/** The month of a day (`YYYY-MM-DD` → `YYYY-MM`). */
export function monthOf(day: string): Month {
  return day.slice(0, 7);
}

/** The month `delta` months after `month` (before, when negative). */
export function addMonths(month: Month, delta: number): Month {
  const p = parseMonth(month);
  if (!p) return month;
  const d = new Date(Date.UTC(p.year, p.month - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/**
 * The weeks of `month`, Monday to Sunday: from the Monday on or before its first day to the Sunday
 * on or after its last one (four to six weeks).
 */
export function monthGrid(month: Month): CalendarDay[][] {
  const p = parseMonth(month);
  if (!p) return [];
  const first = new Date(Date.UTC(p.year, p.month - 1, 1));
  const last = new Date(Date.UTC(p.year, p.month, 0));
  // getUTCDay: 0 is Sunday; Monday-first offsets.
  const lead = (first.getUTCDay() + 6) % 7;
  const trail = (7 - ((last.getUTCDay() + 6) % 7) - 1) % 7;
  const start = new Date(first);
  start.setUTCDate(first.getUTCDate() - lead);
  const days = lead + last.getUTCDate() + trail;
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < days; i += 1) {
    const d = new Date(start);
    d.setUTCDate(start.getUTCDate() + i);
    if (i % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1].push({ date: isoDay(d), inMonth: d.getUTCMonth() === p.month - 1 });
  }
  return weeks;
}

/**
 * The days to ask the API for, so that every event seen on the grid comes: the grid's first and
 * last days, widened by a day each way (the API filters by UTC days, an event by its own clocks).
 */
export function gridRange(month: Month): { from: string; until: string } | null {
  const weeks = monthGrid(month);
  if (weeks.length === 0) return null;
  const shift = (day: string, n: number) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return isoDay(d);
  };
  return { from: shift(weeks[0][0].date, -1), until: shift(weeks[weeks.length - 1][6].date, 1) };
}

/** What the calendar needs of an event: its start and end on its own clocks. */
export interface Dated {
  local_starts_at: string;
  local_ends_at: string;
}

/**
 * The events on each day of `days`, by the event's own wall clock: an event is on every day from
 * its local start's to its local end's (an end at midnight sharp does not take the next day),
 * in order of start.
 */
export function eventsByDay<E extends Dated>(events: readonly E[], days: readonly string[]): Map<string, E[]> {
  const out = new Map<string, E[]>(days.map((d) => [d, []]));
  const sorted = [...events].sort((a, b) => a.local_starts_at.localeCompare(b.local_starts_at));
  for (const e of sorted) {
    const first = e.local_starts_at.slice(0, 10);
    let last = e.local_ends_at.slice(0, 10);
    if (last > first && /T00:00(:00)?$/.test(e.local_ends_at)) {
      const d = new Date(`${last}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 1);
      last = isoDay(d);
    }
    for (const day of days) {
      if (day >= first && day <= last) out.get(day)!.push(e);
    }
  }
  return out;
}
