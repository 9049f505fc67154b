// Reads an iCalendar document (RFC 5545) on standard input with ical.js and prints what it
// understood as one JSON document, in the shape scripts/contract/ics_parse.py prints:
//
//   {"parser": "ical.js 2.2.1",
//    "timezones": ["America/Sao_Paulo"],
//    "events": [{"uid": ..., "summary": ..., "description": ..., "location": ...,
//                "status": ..., "dtstamp": "2026-11-30T12:00:00Z",
//                "dtstart": {"tzid": "America/Sao_Paulo", "local": "2011-10-15T09:00:00",
//                            "utc": "2011-10-15T12:00:00Z"},
//                "dtend": {...}}]}
//
// The UTC instant of a time given with a TZID is worked out by ical.js from the document's own
// VTIMEZONE of that TZID, registered with ICAL.TimezoneService (ical.js has no time zone
// database of its own), never from a UTC time the document may state elsewhere. Anything it
// cannot read ends the program with a message and exit status 1.
//
// Usage (ical.js is resolved from scripts/contract/node_modules, beside this file):
//   node scripts/contract/ics_parse.mjs < event.ics

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";

class Unreadable extends Error {}

// The version installed: ical.js/package.json is not exported, so it is read beside dist/.
const version = JSON.parse(
  readFileSync(fileURLToPath(new URL("../package.json", import.meta.resolve("ical.js"))), "utf8"),
).version;

/** An ISO instant in UTC to the second: 2011-10-15T12:00:00Z. */
function utcText(date) {
  if (Number.isNaN(date.getTime())) {
    throw new Unreadable("a time that is no instant");
  }
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The only property `name` of `component`, or null; more than one is an error. */
function only(component, name) {
  const all = component.getAllProperties(name);
  if (all.length > 1) {
    throw new Unreadable(`${name.toUpperCase()} is given more than once`);
  }
  return all.length === 1 ? all[0] : null;
}

function text(component, name) {
  const prop = only(component, name);
  if (prop === null) {
    return null;
  }
  const value = prop.getFirstValue();
  if (typeof value !== "string") {
    throw new Unreadable(`${name.toUpperCase()} is not text`);
  }
  return value;
}

function required(component, name) {
  const value = text(component, name);
  if (value === null) {
    throw new Unreadable(`a VEVENT has no ${name.toUpperCase()}`);
  }
  return value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/;

/** A date-time property of `event`: its TZID, its local wall-clock time and its UTC instant. */
function moment(event, name, zones) {
  const NAME = name.toUpperCase();
  const prop = only(event, name);
  if (prop === null) {
    throw new Unreadable(`a VEVENT has no ${NAME}`);
  }
  if (prop.type !== "date-time") {
    throw new Unreadable(`${NAME} is a ${prop.type}, not a date-time`);
  }
  // ical.js keeps the value as read (2011-10-15T09:00:00) before turning it into a time.
  const raw = prop.toJSON()[3];
  if (typeof raw !== "string" || !DATE_TIME.test(raw)) {
    throw new Unreadable(`${NAME} is not a date-time: ${JSON.stringify(raw)}`);
  }
  const time = prop.getFirstValue();
  if (!(time instanceof ICAL.Time) || time.isDate) {
    throw new Unreadable(`${NAME} is not a date-time`);
  }
  const tzid = prop.getParameter("tzid") ?? null;
  const local = time.toString().replace(/Z$/, "");
  if (tzid === null) {
    if (time.zone !== ICAL.Timezone.utcTimezone) {
      throw new Unreadable(`${NAME} is a floating time (no TZID and no Z)`);
    }
    return { tzid: null, local, utc: utcText(time.toJSDate()) };
  }
  // ical.js takes the zone from the calendar's own VTIMEZONE of that TZID (or, failing that,
  // from the zones registered), never from the local zone or a database.
  if (!zones.has(tzid) || !(time.zone instanceof ICAL.Timezone) || time.zone.tzid !== tzid
      || time.zone.component !== zones.get(tzid).component) {
    throw new Unreadable(`${NAME} names TZID=${tzid}, which no VTIMEZONE defines`);
  }
  return { tzid, local, utc: utcText(time.toJSDate()) };
}

function read(source) {
  let parsed;
  try {
    parsed = ICAL.parse(source);
  } catch (e) {
    throw new Unreadable(`${e.name}: ${e.message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || Array.isArray(parsed[0])) {
    throw new Unreadable("not one top-level component");
  }
  const calendar = new ICAL.Component(parsed);
  if (calendar.name !== "vcalendar") {
    throw new Unreadable(`the document is a ${calendar.name}, not a VCALENDAR`);
  }
  if (text(calendar, "version") !== "2.0") {
    throw new Unreadable("VERSION is not 2.0");
  }
  if (only(calendar, "prodid") === null) {
    throw new Unreadable("the calendar has no PRODID");
  }

  // Every zone is the document's own: ical.js knows no other than UTC.
  ICAL.TimezoneService.reset();
  const zones = new Map();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    const tzid = text(vtimezone, "tzid");
    if (tzid === null) {
      throw new Unreadable("a VTIMEZONE has no TZID");
    }
    if (zones.has(tzid)) {
      throw new Unreadable(`two VTIMEZONEs of ${tzid}`);
    }
    const observances = vtimezone
      .getAllSubcomponents()
      .filter((c) => c.name === "standard" || c.name === "daylight");
    if (observances.length === 0) {
      throw new Unreadable(`the VTIMEZONE of ${tzid} has no STANDARD or DAYLIGHT`);
    }
    for (const o of observances) {
      for (const name of ["dtstart", "tzoffsetfrom", "tzoffsetto"]) {
        if (only(o, name) === null) {
          throw new Unreadable(`an observance of ${tzid} has no ${name.toUpperCase()}`);
        }
      }
    }
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone, tzid);
    zones.set(tzid, zone);
  }

  const events = calendar.getAllSubcomponents("vevent").map((event) => {
    const stampProp = only(event, "dtstamp");
    if (stampProp === null) {
      throw new Unreadable("a VEVENT has no DTSTAMP");
    }
    const stamp = stampProp.getFirstValue();
    if (!(stamp instanceof ICAL.Time) || stamp.isDate || stamp.zone !== ICAL.Timezone.utcTimezone) {
      throw new Unreadable("DTSTAMP is not a UTC date-time");
    }
    return {
      uid: required(event, "uid"),
      summary: text(event, "summary"),
      description: text(event, "description"),
      location: text(event, "location"),
      status: text(event, "status"),
      dtstamp: utcText(stamp.toJSDate()),
      dtstart: moment(event, "dtstart", zones),
      dtend: event.hasProperty("dtend") ? moment(event, "dtend", zones) : null,
    };
  });
  return { parser: `ical.js ${version}`, timezones: [...zones.keys()], events };
}

let source;
try {
  source = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(0));
} catch (e) {
  process.stderr.write(`ics_parse.mjs: cannot read the document as UTF-8: ${e.message}\n`);
  process.exit(1);
}
try {
  process.stdout.write(JSON.stringify(read(source), null, 1) + "\n");
} catch (e) {
  if (e instanceof Unreadable) {
    process.stderr.write(`ics_parse.mjs: cannot parse the iCalendar document: ${e.message}\n`);
  } else {
    process.stderr.write(`ics_parse.mjs: cannot parse the iCalendar document: ${e.stack}\n`);
  }
  process.exit(1);
}
