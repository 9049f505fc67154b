//! iCalendar (RFC 5545): one event as a calendar file.
//!
//! Lines end in CRLF and are folded at 75 octets (never inside a character); texts escape
//! backslashes, semicolons, commas and line breaks. Times are given in the event's zone
//! (`DTSTART;TZID=America/Montevideo:20111130T090000`), with a VTIMEZONE that lists the zone's
//! offset at the start of the event's first year and every change of offset until the end of
//! its last, read from the time zone database.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};

/// The longest a line may be, in octets, before its CRLF.
const LINE_OCTETS: usize = 75;

/// A text value with `\`, `;`, `,` and line breaks escaped (RFC 5545, 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// A content line folded into lines of at most 75 octets, each continuation starting with a
/// space (RFC 5545, 3.1), joined by CRLF, without the final CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 60 * 3);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out
}

/// A calendar being written: content lines, folded and ended with CRLF.
#[derive(Debug, Default)]
pub struct Calendar {
    out: String,
}

impl Calendar {
    pub fn new() -> Self {
        Self::default()
    }

    /// A content line `NAME:value`, the value written as given.
    pub fn line(&mut self, name: &str, value: &str) -> &mut Self {
        self.out.push_str(&fold(&format!("{name}:{value}")));
        self.out.push_str("\r\n");
        self
    }

    /// A content line whose value is text, escaped.
    pub fn text(&mut self, name: &str, value: &str) -> &mut Self {
        self.line(name, &escape(value))
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A UTC time, `20111130T120000Z`.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A local time, `20111130T090000`.
pub fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// An offset from UTC in seconds as `-0300` (or `-030000` with seconds).
fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The zone's offset from UTC at `t`, in seconds, and whether it is summer time.
fn offset_at(zone: Tz, t: DateTime<Utc>) -> (i32, bool) {
    let o = zone.offset_from_utc_datetime(&t.naive_utc());
    (o.fix().local_minus_utc(), o.dst_offset().num_seconds() != 0)
}

/// One observance of a VTIMEZONE: from `at` on, the zone is `to` seconds from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Observance {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    summer: bool,
}

/// The zone's offset at `start` and every change of it until `end`, found hour by hour and
/// placed to the second.
fn observances(zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<Observance> {
    let (first, summer) = offset_at(zone, start);
    let mut all = vec![Observance {
        at: start,
        from: first,
        to: first,
        summer,
    }];
    let step = chrono::Duration::hours(1);
    let (mut t, mut current) = (start, first);
    while t < end {
        let next = t + step;
        let (o, _) = offset_at(zone, next);
        if o != current {
            // The change lies in (t, next]: narrow it down to the second.
            let (mut low, mut high) = (t, next);
            while high - low > chrono::Duration::seconds(1) {
                let mid = low + (high - low) / 2;
                if offset_at(zone, mid).0 == current {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            let (to, summer) = offset_at(zone, high);
            all.push(Observance {
                at: high,
                from: current,
                to,
                summer,
            });
            current = o;
        }
        t = next;
    }
    all
}

/// The VTIMEZONE of `zone` for the years, in that zone, from `start` to `end`: at most three
/// however long the event.
pub fn vtimezone(cal: &mut Calendar, zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) {
    let first = start.with_timezone(&zone).year();
    let last = end.with_timezone(&zone).year().min(first + 2);
    vtimezone_years(cal, zone, first, last);
}

/// The VTIMEZONE of `zone` from 1 January of `first` to the end of `last`, local time, so
/// that every time of those years falls within one of its observances.
pub fn vtimezone_years(cal: &mut Calendar, zone: Tz, first: i32, last: i32) {
    let year_start = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
    };
    // The first observance starts at midnight of 1 January, local time.
    let local_midnight = |y: i32| {
        year_start(y).map(|t| t - chrono::Duration::seconds(i64::from(offset_at(zone, t).0)))
    };
    let (Some(from), Some(until)) = (local_midnight(first), local_midnight(last + 1)) else {
        return;
    };
    cal.line("BEGIN", "VTIMEZONE").line("TZID", zone.name());
    for o in observances(zone, from, until) {
        let kind = if o.summer { "DAYLIGHT" } else { "STANDARD" };
        // The onset is the local time before the change (RFC 5545, 3.6.5).
        let onset = o.at + chrono::Duration::seconds(i64::from(o.from));
        cal.line("BEGIN", kind)
            .line("DTSTART", &local(onset.naive_utc()))
            .line("TZOFFSETFROM", &offset(o.from))
            .line("TZOFFSETTO", &offset(o.to))
            .line("END", kind);
    }
    cal.line("END", "VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_backslashes_semicolons_commas_and_line_breaks() {
        assert_eq!(
            escape("Montevideo, Uruguay; a\\b\nc\r\nd"),
            "Montevideo\\, Uruguay\\; a\\\\b\\nc\\nd"
        );
        assert_eq!(escape("Cumbre: São Paulo"), "Cumbre: São Paulo");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let short = "SUMMARY:XVI Cumbre";
        assert_eq!(fold(short), short);
        let line = format!("SUMMARY:{}", "ção ".repeat(40));
        let folded = fold(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= LINE_OCTETS, "{} octets", physical.len());
        }
        assert!(folded.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
        // Unfolding (removing CRLF and the space) gives the line back.
        assert_eq!(folded.replace("\r\n ", ""), line);
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), exact);
        assert_eq!(fold(&"X".repeat(76)), format!("{}\r\n X", "X".repeat(75)));
    }

    #[test]
    fn a_calendar_ends_every_line_with_crlf() {
        let mut cal = Calendar::new();
        cal.line("BEGIN", "VCALENDAR")
            .text("SUMMARY", "a, b")
            .line("END", "VCALENDAR");
        assert_eq!(
            cal.finish(),
            "BEGIN:VCALENDAR\r\nSUMMARY:a\\, b\r\nEND:VCALENDAR\r\n"
        );
    }

    #[test]
    fn offsets_are_signed_hours_and_minutes() {
        assert_eq!(offset(-3 * 3600), "-0300");
        assert_eq!(offset(5 * 3600 + 1800), "+0530");
        assert_eq!(offset(0), "+0000");
        assert_eq!(offset(-(3 * 3600 + 45 * 60 + 12)), "-034512");
    }

    #[test]
    fn the_zone_lists_brazil_summer_time_of_2012() {
        let mut cal = Calendar::new();
        let start = Utc
            .with_ymd_and_hms(2012, 11, 20, 12, 0, 0)
            .single()
            .unwrap_or_default();
        vtimezone(&mut cal, chrono_tz::America::Sao_Paulo, start, start);
        let text = cal.finish();
        // In 2012 summer time ended on 26 February (00:00 back to 23:00 on the 25th) and
        // began on 21 October (00:00 forward to 01:00).
        assert!(text.contains(
            "BEGIN:STANDARD\r\nDTSTART:20120226T000000\r\nTZOFFSETFROM:-0200\r\nTZOFFSETTO:-0300\r\n"
        ), "{text}");
        assert!(text.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20121021T000000\r\nTZOFFSETFROM:-0300\r\nTZOFFSETTO:-0200\r\n"
        ), "{text}");
        assert!(text.starts_with("BEGIN:VTIMEZONE\r\nTZID:America/Sao_Paulo\r\nBEGIN:DAYLIGHT\r\nDTSTART:20120101T000000\r\nTZOFFSETFROM:-0200\r\nTZOFFSETTO:-0200\r\n"), "{text}");
        assert!(text.ends_with("END:VTIMEZONE\r\n"));
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let mut cal = Calendar::new();
        let start = Utc
            .with_ymd_and_hms(2024, 5, 1, 12, 0, 0)
            .single()
            .unwrap_or_default();
        vtimezone(&mut cal, chrono_tz::America::Montevideo, start, start);
        assert_eq!(
            cal.finish(),
            "BEGIN:VTIMEZONE\r\nTZID:America/Montevideo\r\nBEGIN:STANDARD\r\nDTSTART:20240101T000000\r\nTZOFFSETFROM:-0300\r\nTZOFFSETTO:-0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
    }
}
