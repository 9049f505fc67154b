//! Calendars: the iCalendar files of events, read back by two independent parsers.
//!
//! Each file the server gives is read by `icalendar` (Python, scripts/contract/ics_parse.py)
//! and by `ical.js` (Node, scripts/contract/ics_parse.mjs). Both work out the UTC instant of
//! every time from its TZID and the file's own VTIMEZONE, so the instants below, worked out
//! by hand, check the zone the server writes as much as the local times it gives.

use crate::helpers::{TestApp, body, spawn_app, string_of};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// scripts/contract, where both parsers and their packages live.
fn contract_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/contract")
}

const INSTALL_PYTHON: &str = "install it with `python3 -m venv scripts/contract/.venv && \
     scripts/contract/.venv/bin/pip install -r scripts/contract/requirements.txt` \
     (scripts/test does it), or set ICAL_PYTHON to a Python that has the icalendar package";
const INSTALL_NODE: &str = "install Node.js and npm (apt-get install nodejs npm), then \
     `npm ci` in scripts/contract (scripts/test does both)";

/// One of the two parsers.
#[derive(Debug, Clone, Copy)]
enum Parser {
    /// The `icalendar` package from PyPI.
    Python,
    /// The `ical.js` package from npm.
    Node,
}

const PARSERS: [Parser; 2] = [Parser::Python, Parser::Node];

impl Parser {
    /// The command that reads a calendar on its standard input and prints JSON, and how to
    /// install what it needs.
    fn command(self) -> (Command, &'static str) {
        let dir = contract_dir();
        match self {
            Parser::Python => {
                let python = std::env::var_os("ICAL_PYTHON")
                    .filter(|p| !p.is_empty())
                    .map_or_else(|| dir.join(".venv/bin/python"), PathBuf::from);
                let mut command = Command::new(python);
                command.arg(dir.join("ics_parse.py"));
                (command, INSTALL_PYTHON)
            }
            Parser::Node => {
                let modules = dir.join("node_modules");
                assert!(
                    modules.join("ical.js/package.json").exists(),
                    "ical.js is not installed in {}: {INSTALL_NODE}",
                    modules.display()
                );
                let mut command = Command::new("node");
                command
                    .arg(dir.join("ics_parse.mjs"))
                    .env("NODE_PATH", modules);
                (command, INSTALL_NODE)
            }
        }
    }

    /// Runs the parser on `ics`: `Ok` with what it read, `Err` with its message when it could
    /// not read it. Panics, saying how to install it, when the parser cannot run.
    fn try_parse(self, ics: &[u8]) -> Result<Value, String> {
        let (mut command, install) = self.command();
        let mut child = command
            .current_dir(contract_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the {self:?} parser ({command:?}): {e}; {install}")
            });
        let mut stdin = child
            .stdin
            .take()
            .unwrap_or_else(|| panic!("no standard input for {command:?}"));
        let document = ics.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&document));
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("running {command:?}: {e}"));
        let _ = writer.join();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        for missing in [
            "No module named 'icalendar'",
            "Cannot find package 'ical.js'",
            "ERR_MODULE_NOT_FOUND",
        ] {
            assert!(
                !stderr.contains(missing),
                "the {self:?} parser lacks its package: {install}\n{stderr}"
            );
        }
        if !output.status.success() {
            assert!(
                stderr.contains("cannot parse the iCalendar document"),
                "the {self:?} parser failed without saying why ({}): {stderr}",
                output.status
            );
            return Err(stderr);
        }
        serde_json::from_slice(&output.stdout).map_err(|e| {
            format!(
                "the {self:?} parser printed no JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }

    /// What the parser read in `ics`, which it must read.
    fn parse(self, ics: &str) -> Value {
        self.try_parse(ics.as_bytes())
            .unwrap_or_else(|e| panic!("the {self:?} parser refused the calendar: {e}\n{ics}"))
    }
}

/// What both parsers read in `ics`, with the parser's name.
fn parse_both(ics: &str) -> Vec<(Parser, Value)> {
    PARSERS.iter().map(|&p| (p, p.parse(ics))).collect()
}

/// An online event of `body_x` in `zone` from `starts` to `ends` (local times), titled `title`.
fn event(app: &TestApp, zone: &str, starts: &str, ends: &str, title: &str) -> Value {
    json!({
        "kind": "meeting",
        "title": {"es": title},
        "time_zone": zone,
        "starts_at": starts,
        "ends_at": ends,
        "host_city_id": null,
        "body_ids": [app.body_x.to_string()],
    })
}

async fn create(app: &TestApp, input: &Value) -> Value {
    let res = app.post("/events", Some(&app.admin.token), input).await;
    assert_eq!(res.status(), StatusCode::CREATED, "creating {input}");
    body(res).await
}

/// The calendar file of `event`, in `lang` when given, its wire format checked.
async fn calendar(app: &TestApp, event: &Value, lang: Option<&str>) -> String {
    let id = string_of(&event["id"]);
    let query = lang.map(|l| format!("?lang={l}")).unwrap_or_default();
    let res = app
        .get(
            &format!("/events/{id}/event.ics{query}"),
            Some(&app.focal.token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "the calendar of {id}");
    let bytes = res.bytes().await.unwrap_or_else(|e| panic!("{e}"));
    assert_wire_format(&bytes);
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

/// Every line ends in CRLF (no bare CR or LF anywhere) and holds at most 75 octets before it.
fn assert_wire_format(ics: &[u8]) {
    assert!(ics.ends_with(b"\r\n"), "the last line has no CRLF");
    let mut line = 0;
    let mut rest = ics;
    while !rest.is_empty() {
        line += 1;
        let end = rest
            .iter()
            .position(|&b| b == b'\r' || b == b'\n')
            .unwrap_or_else(|| panic!("line {line} has no CRLF"));
        assert!(
            rest[end..].starts_with(b"\r\n"),
            "line {line} ends in a bare CR or LF: {:?}",
            String::from_utf8_lossy(&rest[..end])
        );
        assert!(
            end <= 75,
            "line {line} has {end} octets: {:?}",
            String::from_utf8_lossy(&rest[..end])
        );
        rest = &rest[end + 2..];
    }
}

/// The one event each parser read.
fn only_event(parser: Parser, read: &Value) -> &Value {
    let events = read["events"]
        .as_array()
        .unwrap_or_else(|| panic!("{parser:?}: no events in {read}"));
    assert_eq!(events.len(), 1, "{parser:?}: {read}");
    &events[0]
}

/// Asserts that `time` (a dtstart or dtend as a parser read it) is `local` in `zone`, at the
/// UTC instant `utc`.
fn assert_time(parser: Parser, what: &str, time: &Value, zone: &str, local: &str, utc: &str) {
    assert_eq!(time["tzid"], zone, "{parser:?}, {what}: {time}");
    assert_eq!(time["local"], local, "{parser:?}, {what}: {time}");
    assert_eq!(
        time["utc"], utc,
        "{parser:?}, {what} from the VTIMEZONE: {time}"
    );
    // icalendar also places the local time with the time zone database: the same instant.
    if let Some(by_database) = time.get("utc_by_tz_database") {
        assert_eq!(
            by_database, utc,
            "{parser:?}, {what} by the time zone database: {time}"
        );
    }
}

/// One event as both parsers must read it: a zone, local start and end, UTC start and end.
struct Expected<'a> {
    zone: &'a str,
    local: (&'a str, &'a str),
    utc: (&'a str, &'a str),
}

/// Creates an event from `expected`'s zone and local times and asserts that both parsers read
/// its calendar file at the expected instants, the same wall-clock times and the one zone.
async fn assert_read_at(app: &TestApp, expected: &Expected<'_>) {
    let Expected { zone, local, utc } = expected;
    let input = event(
        app,
        zone,
        &local.0[..16],
        &local.1[..16],
        &format!("Reunión en {zone}"),
    );
    let created = create(app, &input).await;
    // The API's own account of the times, which the parsers must find without it.
    assert_eq!(created["starts_at"], utc.0, "{created}");
    assert_eq!(created["ends_at"], utc.1, "{created}");
    let ics = calendar(app, &created, None).await;
    for (parser, read) in parse_both(&ics) {
        assert_eq!(read["timezones"], json!([zone]), "{parser:?}: {read}");
        let e = only_event(parser, &read);
        let what = format!("the event from {} in {zone}", local.0);
        assert_time(parser, &what, &e["dtstart"], zone, local.0, utc.0);
        assert_time(parser, &what, &e["dtend"], zone, local.1, utc.1);
    }
}

#[tokio::test]
async fn times_on_either_side_of_a_change_of_clocks_keep_nine_oclock() {
    let app = spawn_app().await;
    // São Paulo: summer time (UTC-2) from midnight on 16 October 2011 to midnight on
    // 26 February 2012; UTC-3 before and after.
    // Montevideo: summer time (UTC-2) from 02:00 on 2 October 2011 to 02:00 on 11 March 2012.
    let cases = [
        // The day before and the day after summer time begins in São Paulo.
        (
            "America/Sao_Paulo",
            ("2011-10-15T09:00:00", "2011-10-15T10:00:00"),
            ("2011-10-15T12:00:00Z", "2011-10-15T13:00:00Z"),
        ),
        (
            "America/Sao_Paulo",
            ("2011-10-17T09:00:00", "2011-10-17T10:00:00"),
            ("2011-10-17T11:00:00Z", "2011-10-17T12:00:00Z"),
        ),
        // The day before and the day after it ends.
        (
            "America/Sao_Paulo",
            ("2012-02-25T09:00:00", "2012-02-25T10:00:00"),
            ("2012-02-25T11:00:00Z", "2012-02-25T12:00:00Z"),
        ),
        (
            "America/Sao_Paulo",
            ("2012-02-27T09:00:00", "2012-02-27T10:00:00"),
            ("2012-02-27T12:00:00Z", "2012-02-27T13:00:00Z"),
        ),
        // The same in Montevideo.
        (
            "America/Montevideo",
            ("2011-10-01T09:00:00", "2011-10-01T10:00:00"),
            ("2011-10-01T12:00:00Z", "2011-10-01T13:00:00Z"),
        ),
        (
            "America/Montevideo",
            ("2011-10-03T09:00:00", "2011-10-03T10:00:00"),
            ("2011-10-03T11:00:00Z", "2011-10-03T12:00:00Z"),
        ),
        (
            "America/Montevideo",
            ("2012-03-10T09:00:00", "2012-03-10T10:00:00"),
            ("2012-03-10T11:00:00Z", "2012-03-10T12:00:00Z"),
        ),
        (
            "America/Montevideo",
            ("2012-03-12T09:00:00", "2012-03-12T10:00:00"),
            ("2012-03-12T12:00:00Z", "2012-03-12T13:00:00Z"),
        ),
        // Brazil's last summer time ended at midnight on 17 February 2019; none began in
        // November 2019, when the old rule would have moved the clocks on the 3rd.
        (
            "America/Sao_Paulo",
            ("2019-02-16T09:00:00", "2019-02-16T10:00:00"),
            ("2019-02-16T11:00:00Z", "2019-02-16T12:00:00Z"),
        ),
        (
            "America/Sao_Paulo",
            ("2019-02-18T09:00:00", "2019-02-18T10:00:00"),
            ("2019-02-18T12:00:00Z", "2019-02-18T13:00:00Z"),
        ),
        (
            "America/Sao_Paulo",
            ("2019-11-04T09:00:00", "2019-11-04T10:00:00"),
            ("2019-11-04T12:00:00Z", "2019-11-04T13:00:00Z"),
        ),
    ];
    for (zone, local, utc) in cases {
        assert_read_at(&app, &Expected { zone, local, utc }).await;
    }
}

#[tokio::test]
async fn a_zone_without_summer_time_keeps_its_offset() {
    let app = spawn_app().await;
    // Buenos Aires kept UTC-3 all through 2011: in December as in June.
    for (local, utc) in [
        (
            ("2011-12-15T09:00:00", "2011-12-15T18:00:00"),
            ("2011-12-15T12:00:00Z", "2011-12-15T21:00:00Z"),
        ),
        (
            ("2011-06-15T09:00:00", "2011-06-15T18:00:00"),
            ("2011-06-15T12:00:00Z", "2011-06-15T21:00:00Z"),
        ),
    ] {
        let zone = "America/Argentina/Buenos_Aires";
        assert_read_at(&app, &Expected { zone, local, utc }).await;
    }
}

#[tokio::test]
async fn an_event_across_a_change_of_clocks_keeps_both_wall_clocks() {
    let app = spawn_app().await;
    // From 09:00 at UTC-3 to 18:00 at UTC-2: the clocks moved forward in between.
    assert_read_at(
        &app,
        &Expected {
            zone: "America/Sao_Paulo",
            local: ("2011-10-15T09:00:00", "2011-10-17T18:00:00"),
            utc: ("2011-10-15T12:00:00Z", "2011-10-17T20:00:00Z"),
        },
    )
    .await;
    // From 09:00 at UTC-2 to 18:00 at UTC-3: they moved back.
    assert_read_at(
        &app,
        &Expected {
            zone: "America/Montevideo",
            local: ("2012-03-10T09:00:00", "2012-03-12T18:00:00"),
            utc: ("2012-03-10T11:00:00Z", "2012-03-12T21:00:00Z"),
        },
    )
    .await;
    // Across the new year, in summer time all along (UTC-2): the zone is written for both years.
    assert_read_at(
        &app,
        &Expected {
            zone: "America/Sao_Paulo",
            local: ("2011-12-31T09:00:00", "2012-01-02T18:00:00"),
            utc: ("2011-12-31T11:00:00Z", "2012-01-02T20:00:00Z"),
        },
    )
    .await;
}

/// `updated_at` of an event to the second, as DTSTAMP gives it.
fn to_the_second(stamp: &Value) -> String {
    let t: chrono::DateTime<chrono::Utc> = string_of(stamp)
        .parse()
        .unwrap_or_else(|e| panic!("{stamp}: {e}"));
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[tokio::test]
async fn the_uid_stays_across_changes_and_the_stamp_follows_them() {
    let app = spawn_app().await;
    let input = event(
        &app,
        "America/Sao_Paulo",
        "2011-10-15T09:00",
        "2011-10-15T18:00",
        "Reunión de la Comisión Directiva",
    );
    let created = create(&app, &input).await;
    let id = string_of(&created["id"]);
    let uid = format!("{id}@mercociudades");
    let before = calendar(&app, &created, None).await;
    for (parser, read) in parse_both(&before) {
        let e = only_event(parser, &read);
        assert_eq!(e["uid"], uid.as_str(), "{parser:?}: {e}");
        assert_eq!(
            e["dtstamp"],
            to_the_second(&created["updated_at"]),
            "{parser:?}"
        );
        assert_eq!(e["status"], "CONFIRMED", "{parser:?}");
        assert_eq!(
            e["summary"], "Reunión de la Comisión Directiva",
            "{parser:?}"
        );
    }

    // Moved two days later and renamed: the same UID, the new times and title.
    let mut changed = input.clone();
    changed["title"] = json!({"es": "Reunión de la Comisión Directiva (nueva fecha)"});
    changed["starts_at"] = json!("2011-10-17T09:00");
    changed["ends_at"] = json!("2011-10-17T18:00");
    let res = app
        .put(
            &format!("/events/{id}"),
            Some(&app.admin.token),
            Some("\"1\""),
            &changed,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let updated = body(res).await;
    let after = calendar(&app, &updated, None).await;
    for (parser, read) in parse_both(&after) {
        let e = only_event(parser, &read);
        assert_eq!(e["uid"], uid.as_str(), "{parser:?}: {e}");
        assert_eq!(
            e["dtstamp"],
            to_the_second(&updated["updated_at"]),
            "{parser:?}"
        );
        assert_eq!(
            e["summary"], "Reunión de la Comisión Directiva (nueva fecha)",
            "{parser:?}"
        );
        let zone = "America/Sao_Paulo";
        let what = "the event moved";
        let (start, end) = (&e["dtstart"], &e["dtend"]);
        assert_time(
            parser,
            what,
            start,
            zone,
            "2011-10-17T09:00:00",
            "2011-10-17T11:00:00Z",
        );
        assert_time(
            parser,
            what,
            end,
            zone,
            "2011-10-17T18:00:00",
            "2011-10-17T20:00:00Z",
        );
    }

    // Cancelled: the same UID, and the status says so.
    let res = app
        .post_if_match(
            &format!("/events/{id}/status"),
            &app.admin.token,
            Some("\"2\""),
            &json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let cancelled = calendar(&app, &updated, None).await;
    for (parser, read) in parse_both(&cancelled) {
        let e = only_event(parser, &read);
        assert_eq!(e["uid"], uid.as_str(), "{parser:?}: {e}");
        assert_eq!(e["status"], "CANCELLED", "{parser:?}: {e}");
    }
}

#[tokio::test]
async fn texts_come_back_exactly_through_folding_and_escaping() {
    let app = spawn_app().await;
    // Long enough to be folded several times, with characters of two octets that a fold
    // must not split, and every character that TEXT escapes.
    let title = "XVI Cumbre de Mercociudades: ciudadanía regional, una construcción desde lo \
                 local; áéíóú ñ ç ã, São Paulo; Asunción, Paysandú, Florianópolis; \
                 a\\b, ÁÉÍÓÚ Ñ Ç Ã õ ü";
    let description = "Primera línea, con coma; y punto y coma.\nSegunda línea: \\ barra.\n\n\
                       Cuarta, tras una vacía\tcon tabulación; ¿pregunta? ¡sí! ção ção ção ção \
                       ção ção ção ção ção ção ção ção ção ção ção ção ção ção ção.";
    let mut input = event(
        &app,
        "America/Montevideo",
        "2011-11-30T09:00",
        "2011-12-02T18:00",
        title,
    );
    input["description"] = json!({"es": description});
    input["host_city_id"] = json!(app.city_b.to_string());
    let created = create(&app, &input).await;
    assert_eq!(
        created["title"]["es"], title,
        "the API keeps the title as given"
    );
    let ics = calendar(&app, &created, Some("es")).await;
    assert!(ics.contains("\r\n "), "the long lines are folded: {ics}");
    for (parser, read) in parse_both(&ics) {
        let e = only_event(parser, &read);
        assert_eq!(e["summary"], title, "{parser:?}");
        assert_eq!(e["description"], description, "{parser:?}");
        assert_eq!(e["location"], "Montevideo, Uruguay", "{parser:?}");
    }
}

#[tokio::test]
async fn the_language_asked_for_picks_the_title() {
    let app = spawn_app().await;
    let mut input = event(
        &app,
        "America/Montevideo",
        "2011-11-30T09:00",
        "2011-12-02T18:00",
        "",
    );
    input["title"] = json!({
        "es": "XVI Cumbre de Mercociudades",
        "pt": "XVI Cúpula de Mercocidades",
        "en": "16th Mercociudades Summit",
    });
    input["description"] = json!({
        "es": "Ciudadanía regional, una construcción desde lo local.",
        "pt": "Cidadania regional, uma construção desde o local.",
        "en": "Regional citizenship, built from the local level.",
    });
    let created = create(&app, &input).await;
    for (lang, title) in [
        (None, "XVI Cumbre de Mercociudades"),
        (Some("es"), "XVI Cumbre de Mercociudades"),
        (Some("pt"), "XVI Cúpula de Mercocidades"),
        (Some("en"), "16th Mercociudades Summit"),
    ] {
        let ics = calendar(&app, &created, lang).await;
        let description = &input["description"][lang.unwrap_or("es")];
        for (parser, read) in parse_both(&ics) {
            let e = only_event(parser, &read);
            assert_eq!(e["summary"], title, "{parser:?}, lang {lang:?}");
            assert_eq!(&e["description"], description, "{parser:?}, lang {lang:?}");
            assert_eq!(
                e["uid"],
                format!("{}@mercociudades", string_of(&created["id"])),
                "{parser:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_parsers_refuse_what_they_cannot_read() {
    let app = spawn_app().await;
    let input = event(
        &app,
        "America/Sao_Paulo",
        "2011-10-15T09:00",
        "2011-10-15T18:00",
        "Reunión",
    );
    let created = create(&app, &input).await;
    let ics = calendar(&app, &created, None).await;
    // Without its VTIMEZONE, a TZID names no zone; cut short, a component never ends; a
    // time that is no time.
    let without_zone = {
        let start = ics.find("BEGIN:VTIMEZONE").unwrap_or_default();
        let end = ics
            .find("END:VTIMEZONE\r\n")
            .map_or(0, |i| i + "END:VTIMEZONE\r\n".len());
        assert!(start < end, "{ics}");
        format!("{}{}", &ics[..start], &ics[end..])
    };
    let cut_short = ics.replace("END:VCALENDAR\r\n", "");
    let bad_time = ics.replace(":20111015T090000", ":20111015T0900");
    assert_ne!(bad_time, ics);
    for (what, broken) in [
        ("no VTIMEZONE", without_zone),
        ("no END:VCALENDAR", cut_short),
        ("a broken DTSTART", bad_time),
    ] {
        for parser in PARSERS {
            assert!(
                parser.try_parse(broken.as_bytes()).is_err(),
                "the {parser:?} parser read a calendar with {what}:\n{broken}"
            );
        }
    }
}

#[tokio::test]
async fn a_late_evening_on_new_years_eve_is_read_in_its_zone() {
    let app = spawn_app().await;
    // 23:00 on 31 December 2012 in São Paulo, in summer time (UTC-2), is already 2013 in UTC.
    // The zone must be written from before it: a VTIMEZONE whose first observance begins on
    // 1 January 2013 leaves the start to each reader's guess (ical.js reads 23:00Z, icalendar
    // 02:00Z).
    assert_read_at(
        &app,
        &Expected {
            zone: "America/Sao_Paulo",
            local: ("2012-12-31T23:00:00", "2013-01-01T01:00:00"),
            utc: ("2013-01-01T01:00:00Z", "2013-01-01T03:00:00Z"),
        },
    )
    .await;
}

/// The network's calendar (`/events.ics`), filtered by `query`, its wire format checked.
async fn feed(app: &TestApp, query: &str) -> String {
    let res = app
        .get(&format!("/events.ics{query}"), Some(&app.focal.token))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "/events.ics{query}");
    let bytes = res.bytes().await.unwrap_or_else(|e| panic!("{e}"));
    assert_wire_format(&bytes);
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

/// The events a parser read, by UID.
fn by_uid(parser: Parser, read: &Value) -> std::collections::BTreeMap<String, Value> {
    let events = read["events"]
        .as_array()
        .unwrap_or_else(|| panic!("{parser:?}: no events in {read}"));
    let all: std::collections::BTreeMap<String, Value> = events
        .iter()
        .map(|e| (string_of(&e["uid"]), e.clone()))
        .collect();
    assert_eq!(all.len(), events.len(), "{parser:?}: a UID twice in {read}");
    all
}

/// The zones a parser read, sorted.
fn zones(read: &Value) -> Vec<String> {
    let mut all: Vec<String> = read["timezones"]
        .as_array()
        .map(|z| z.iter().map(string_of).collect())
        .unwrap_or_default();
    all.sort();
    all
}

#[tokio::test]
async fn the_network_calendar_holds_every_event_in_its_own_zone() {
    let app = spawn_app().await;
    let (sao_paulo, montevideo) = ("America/Sao_Paulo", "America/Montevideo");
    let (body_x, body_y) = (app.body_x.to_string(), app.body_y.to_string());
    // (zone, kind, body, local start and end, UTC start and end)
    let plan = [
        (
            sao_paulo,
            "meeting",
            &body_x,
            ("2011-10-15T09:00:00", "2011-10-15T10:00:00"),
            ("2011-10-15T12:00:00Z", "2011-10-15T13:00:00Z"),
        ),
        (
            sao_paulo,
            "workshop",
            &body_y,
            ("2011-10-17T09:00:00", "2011-10-17T10:00:00"),
            ("2011-10-17T11:00:00Z", "2011-10-17T12:00:00Z"),
        ),
        (
            montevideo,
            "meeting",
            &body_x,
            ("2012-03-10T09:00:00", "2012-03-10T10:00:00"),
            ("2012-03-10T11:00:00Z", "2012-03-10T12:00:00Z"),
        ),
        (
            montevideo,
            "seminar",
            &body_x,
            ("2012-03-12T09:00:00", "2012-03-12T10:00:00"),
            ("2012-03-12T12:00:00Z", "2012-03-12T13:00:00Z"),
        ),
        // Across the change of clocks, and in São Paulo a year after the others.
        (
            sao_paulo,
            "course",
            &body_y,
            ("2012-10-20T09:00:00", "2012-10-22T18:00:00"),
            ("2012-10-20T12:00:00Z", "2012-10-22T20:00:00Z"),
        ),
    ];
    let mut expected = Vec::new();
    for (i, (zone, kind, body_id, local, utc)) in plan.iter().enumerate() {
        let input = json!({
            "kind": kind,
            "title": {
                "es": format!("Reunión {i}, en {zone}"),
                "pt": format!("Reunião {i}, em {zone}"),
                "en": format!("Meeting {i}; in {zone}"),
            },
            "time_zone": zone,
            "starts_at": &local.0[..16],
            "ends_at": &local.1[..16],
            "host_city_id": null,
            "body_ids": [body_id],
        });
        let created = create(&app, &input).await;
        let uid = format!("{}@mercociudades", string_of(&created["id"]));
        expected.push((
            uid,
            created,
            input,
            *zone,
            *kind,
            body_id.as_str(),
            *local,
            *utc,
        ));
    }

    // Everything, in Spanish: one VTIMEZONE per zone, one VEVENT per event, each as its own
    // file gives it.
    let all = feed(&app, "").await;
    for (parser, read) in parse_both(&all) {
        assert_eq!(
            zones(&read),
            vec![montevideo, sao_paulo],
            "{parser:?}: {read}"
        );
        let events = by_uid(parser, &read);
        assert_eq!(events.len(), plan.len(), "{parser:?}: {read}");
        for (uid, created, input, zone, _, _, local, utc) in &expected {
            let e = events
                .get(uid)
                .unwrap_or_else(|| panic!("{parser:?}: no {uid} in {read}"));
            let what = format!("{uid} in the network's calendar");
            assert_time(parser, &what, &e["dtstart"], zone, local.0, utc.0);
            assert_time(parser, &what, &e["dtend"], zone, local.1, utc.1);
            assert_eq!(e["summary"], input["title"]["es"], "{parser:?}");
            let own = parser.parse(&calendar(&app, created, None).await);
            assert_eq!(
                e,
                only_event(parser, &own),
                "{parser:?}: {uid} as its own file"
            );
        }
    }

    // Filtered by body, by kind, and in another language.
    let uids = |pick: &dyn Fn(&str, &str) -> bool| -> Vec<String> {
        let mut out: Vec<String> = expected
            .iter()
            .filter(|(_, _, _, _, kind, body, _, _)| pick(kind, body))
            .map(|(uid, ..)| uid.clone())
            .collect();
        out.sort();
        out
    };
    let cases: [(String, Vec<String>, Vec<&str>); 3] = [
        (
            format!("?body_id={body_y}"),
            uids(&|_, body| body == body_y),
            vec![sao_paulo],
        ),
        (
            "?kind=meeting".to_owned(),
            uids(&|kind, _| kind == "meeting"),
            vec![montevideo, sao_paulo],
        ),
        (
            format!("?body_id={body_x}&kind=seminar&lang=en"),
            uids(&|kind, body| kind == "seminar" && body == body_x),
            vec![montevideo],
        ),
    ];
    for (query, want, want_zones) in cases {
        let ics = feed(&app, &query).await;
        for (parser, read) in parse_both(&ics) {
            let events = by_uid(parser, &read);
            assert_eq!(
                events.keys().cloned().collect::<Vec<_>>(),
                want,
                "{parser:?}, {query}: {read}"
            );
            assert_eq!(zones(&read), want_zones, "{parser:?}, {query}: {read}");
        }
    }
    let pt = feed(&app, "?lang=pt").await;
    for (parser, read) in parse_both(&pt) {
        let events = by_uid(parser, &read);
        for (uid, _, input, ..) in &expected {
            assert_eq!(
                events[uid]["summary"], input["title"]["pt"],
                "{parser:?}: {read}"
            );
        }
    }
    let en = feed(&app, "?kind=seminar&lang=en").await;
    for (parser, read) in parse_both(&en) {
        assert_eq!(
            only_event(parser, &read)["summary"],
            "Meeting 3; in America/Montevideo",
            "{parser:?}"
        );
    }

    // The secret address calendar applications subscribe to, without a token, reads the same.
    let res = app
        .post("/auth/me/calendar-feed", Some(&app.focal.token), &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let url = string_of(&body(res).await["url"]);
    let res = app.get(&url, None).await;
    assert_eq!(res.status(), StatusCode::OK, "{url}");
    let bytes = res.bytes().await.unwrap_or_else(|e| panic!("{e}"));
    assert_wire_format(&bytes);
    let subscribed = String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{e}"));
    for ((parser, read), (_, direct)) in parse_both(&subscribed).iter().zip(parse_both(&all)) {
        assert_eq!(
            by_uid(*parser, read),
            by_uid(*parser, &direct),
            "{parser:?}"
        );
    }
}
