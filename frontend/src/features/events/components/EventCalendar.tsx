import { useMemo } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { localized } from "../../../lib/i18n/format";
import { localeOf } from "../../../lib/i18n/language";
import { addMonths, eventsByDay, monthGrid, parseMonth, type Month } from "../model/calendar";
import { wallDay, wallTime } from "../model/time";
import type { Event } from "../api/events";

/** The seven weekdays' short names in the language, Monday first. */
function weekdayNames(lang: string): string[] {
  const fmt = new Intl.DateTimeFormat(localeOf(lang), { weekday: "short", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => fmt.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** A text with its first letter in capitals ("Noviembre de 2026", "Lunes, 30 de noviembre"). */
const initial = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** "Noviembre de 2026" / "November 2026". */
export function monthTitle(month: Month, lang: string): string {
  const p = parseMonth(month);
  if (!p) return month;
  return initial(
    new Intl.DateTimeFormat(localeOf(lang), { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(p.year, p.month - 1, 1))),
  );
}

/**
 * A month of events, Monday first: each day lists the events on it as their own clocks see it,
 * each linking to its page (its start time on the first day). On a narrow screen only the days
 * with events stand, one under the other.
 */
export function EventCalendar({
  month,
  events,
  today,
  onMonth,
}: {
  month: Month;
  events: readonly Event[];
  /** `YYYY-MM-DD`, marked on the grid. */
  today: string;
  onMonth: (month: Month) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const weeks = useMemo(() => monthGrid(month), [month]);
  const byDay = useMemo(() => eventsByDay(events, weeks.flat().map((d) => d.date)), [events, weeks]);
  const names = weekdayNames(lang);
  const dayLabel = new Intl.DateTimeFormat(localeOf(lang), { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  const title = monthTitle(month, lang);
  const empty = events.length === 0;
  return (
    <section className="card event-calendar" aria-labelledby="calendar-title" data-testid="event-calendar">
      <div className="calendar-head">
        <button type="button" className="button-secondary" onClick={() => onMonth(addMonths(month, -1))}>
          <span aria-hidden="true">←</span> {t("events.calendar.previous")}
        </button>
        <h2 id="calendar-title" aria-live="polite">
          {title}
        </h2>
        <button type="button" className="button-secondary" onClick={() => onMonth(addMonths(month, 1))}>
          {t("events.calendar.next")} <span aria-hidden="true">→</span>
        </button>
      </div>
      {empty && <p className="muted calendar-empty">{t("events.calendar.none")}</p>}
      <table className="calendar-grid">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n} scope="col">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map((d) => {
                const list = byDay.get(d.date) ?? [];
                const classes = ["calendar-day", d.inMonth ? "" : "calendar-out", d.date === today ? "calendar-today" : "", list.length ? "calendar-busy" : ""]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <td key={d.date} className={classes} data-date={d.date}>
                    <span className="calendar-date" aria-hidden="true">
                      {Number(d.date.slice(8))}
                    </span>
                    <span className="calendar-date-long">{initial(dayLabel.format(new Date(`${d.date}T00:00:00Z`)))}</span>
                    {list.length > 0 && (
                      <ul className="calendar-events">
                        {list.map((e) => (
                          <li key={e.id} className={`calendar-event calendar-event-${e.status}`}>
                            <Link to={`/events/${e.id}`} data-event={e.id}>
                              {wallDay(e.local_starts_at) === d.date && <span className="calendar-time">{wallTime(e.local_starts_at)} </span>}
                              {localized(e.title, lang)}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
