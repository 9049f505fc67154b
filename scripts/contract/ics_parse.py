#!/usr/bin/env python3
"""Reads an iCalendar document (RFC 5545) on standard input with the `icalendar` package
and prints what it understood as one JSON document:

    {"parser": "icalendar 7.3.2",
     "timezones": ["America/Sao_Paulo"],
     "events": [{"uid": ..., "summary": ..., "description": ..., "location": ...,
                 "status": ..., "dtstamp": "2026-11-30T12:00:00Z",
                 "dtstart": {"tzid": "America/Sao_Paulo", "local": "2011-10-15T09:00:00",
                             "utc": "2011-10-15T12:00:00Z",
                             "utc_by_tz_database": "2011-10-15T12:00:00Z"},
                 "dtend": {...}}]}

The UTC instant of a time given with a TZID is worked out from the document's own VTIMEZONE
of that TZID (`utc`), never from a UTC time the document may state elsewhere; for comparison
`utc_by_tz_database` gives the instant icalendar finds by looking the TZID up in the time
zone database. Anything the parser cannot read, or reads only by ignoring an error, ends the
program with a message and exit status 1.

Usage: scripts/contract/.venv/bin/python scripts/contract/ics_parse.py < event.ics
"""

import json
import sys
from datetime import date, datetime, timezone

import icalendar
from icalendar import Calendar


class Unreadable(Exception):
    """The document cannot be read as an iCalendar file."""


def utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def every_component(component):
    yield component
    for sub in component.subcomponents:
        yield from every_component(sub)


def text(event, name):
    value = event.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        raise Unreadable(f"{name} is given more than once")
    return str(value)


def required(event, name):
    value = text(event, name)
    if value is None:
        raise Unreadable(f"a VEVENT has no {name}")
    return value


def moment(event, name, zones):
    """A date-time property: its TZID, its local wall-clock time and its UTC instant."""
    prop = event.get(name)
    if prop is None:
        raise Unreadable(f"a VEVENT has no {name}")
    if isinstance(prop, list):
        raise Unreadable(f"{name} is given more than once")
    value = prop.dt
    if not isinstance(value, datetime):
        kind = "a date" if isinstance(value, date) else type(value).__name__
        raise Unreadable(f"{name} is {kind}, not a date-time")
    tzid = prop.params.get("TZID")
    local = value.replace(tzinfo=None)
    if tzid is None:
        if value.tzinfo is None:
            raise Unreadable(f"{name} is a floating time (no TZID and no Z)")
        if value.utcoffset() != timezone.utc.utcoffset(None):
            raise Unreadable(f"{name} has a zone but no TZID")
        return {"tzid": None, "local": local.isoformat(), "utc": utc_text(value)}
    tzid = str(tzid)
    if tzid not in zones:
        raise Unreadable(f"{name} names TZID={tzid}, which no VTIMEZONE defines")
    # The wall-clock time placed in the zone the document itself defines.
    own = local.replace(tzinfo=zones[tzid])
    out = {"tzid": tzid, "local": local.isoformat(), "utc": utc_text(own)}
    if value.tzinfo is not None:
        out["utc_by_tz_database"] = utc_text(value)
    return out


def read(document: bytes) -> dict:
    try:
        source = document.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Unreadable(f"not UTF-8: {e}") from e
    try:
        calendars = Calendar.from_ical(source, multiple=True)
    except Exception as e:  # icalendar raises ValueError, KeyError, ... on bad input
        raise Unreadable(f"{type(e).__name__}: {e}") from e
    if len(calendars) != 1:
        raise Unreadable(f"{len(calendars)} top-level components, not one VCALENDAR")
    calendar = calendars[0]
    if calendar.name != "VCALENDAR":
        raise Unreadable(f"the document is a {calendar.name}, not a VCALENDAR")
    for component in every_component(calendar):
        if component.errors:
            raise Unreadable(f"errors in {component.name}: {component.errors}")
    if str(calendar.get("VERSION", "")) != "2.0":
        raise Unreadable("VERSION is not 2.0")
    if calendar.get("PRODID") is None:
        raise Unreadable("the calendar has no PRODID")

    zones = {}
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = text(vtimezone, "TZID")
        if tzid is None:
            raise Unreadable("a VTIMEZONE has no TZID")
        if tzid in zones:
            raise Unreadable(f"two VTIMEZONEs of {tzid}")
        if not vtimezone.subcomponents:
            raise Unreadable(f"the VTIMEZONE of {tzid} has no STANDARD or DAYLIGHT")
        try:
            # A zone made from the VTIMEZONE's observances, not looked up by name.
            zones[tzid] = vtimezone.to_tz(lookup_tzid=False)
        except Exception as e:
            raise Unreadable(f"the VTIMEZONE of {tzid}: {type(e).__name__}: {e}") from e

    events = []
    for event in calendar.walk("VEVENT"):
        stamp = event.get("DTSTAMP")
        if stamp is None:
            raise Unreadable("a VEVENT has no DTSTAMP")
        stamp = stamp.dt
        if not isinstance(stamp, datetime) or stamp.utcoffset() is None:
            raise Unreadable("DTSTAMP is not a UTC date-time")
        if stamp.utcoffset().total_seconds() != 0:
            raise Unreadable("DTSTAMP is not in UTC")
        events.append(
            {
                "uid": required(event, "UID"),
                "summary": text(event, "SUMMARY"),
                "description": text(event, "DESCRIPTION"),
                "location": text(event, "LOCATION"),
                "status": text(event, "STATUS"),
                "dtstamp": utc_text(stamp),
                "dtstart": moment(event, "DTSTART", zones),
                "dtend": moment(event, "DTEND", zones) if "DTEND" in event else None,
            }
        )
    return {
        "parser": f"icalendar {icalendar.__version__}",
        "timezones": list(zones),
        "events": events,
    }


def main() -> int:
    try:
        result = read(sys.stdin.buffer.read())
    except Unreadable as e:
        print(f"ics_parse.py: cannot parse the iCalendar document: {e}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
