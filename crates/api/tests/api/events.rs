//! Events: recording them with their times in the host's zone, who may write them, their
//! lifecycle, the list, and each one as an iCalendar file.

use crate::helpers::{
    TestApp, assert_forbidden, assert_in_use, assert_invalid_for, assert_needs_current_version,
    assert_not_found, assert_problem, assert_unauthenticated, body, column, etag, header,
    spawn_app, string_of,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The XVI Summit: Montevideo, 30 November to 2 December 2011, organised by `body`.
fn summit(app: &TestApp, body: &str) -> Value {
    json!({
        "kind": "summit",
        "title": {"es": "XVI Cumbre de Mercociudades", "pt": "XVI Cúpula de Mercocidades", "en": "16th Mercociudades Summit"},
        "description": {"es": "Ciudadanía regional, una construcción desde lo local."},
        "time_zone": "America/Montevideo",
        "starts_at": "2011-11-30T09:00",
        "ends_at": "2011-12-02T18:00",
        "host_city_id": app.city_b.to_string(),
        "body_ids": [body],
        "sessions": [
            {"title": {"es": "Sesión de la Unidad Temática de Cultura"}, "starts_at": "2011-11-30T10:00", "ends_at": "2011-11-30T12:30"},
            {"title": {"es": "Plenaria"}, "starts_at": "2011-12-02T15:00", "ends_at": "2011-12-02T18:00"}
        ]
    })
}

async fn create(app: &TestApp, token: &str, input: &Value) -> Value {
    let res = app.post("/events", Some(token), input).await;
    assert_eq!(res.status(), StatusCode::CREATED, "creating {input}");
    body(res).await
}

/// Every node of a plan's tree, wherever it stands.
fn nodes(tree: &Value, out: &mut Vec<Value>) {
    match tree {
        Value::Object(o) => {
            if o.contains_key("kind") && o.contains_key("code") && o.contains_key("id") {
                out.push(tree.clone());
            }
            o.values().for_each(|v| nodes(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| nodes(v, out)),
        _ => {}
    }
}

/// The id of the first node of the demo plan of `kind`.
async fn node_of_kind(app: &TestApp, plan: &str, kind: &str) -> String {
    let tree = app
        .get_json(&format!("/plans/{plan}"), Some(&app.admin.token))
        .await;
    let mut all = Vec::new();
    nodes(&tree["nodes"], &mut all);
    all.iter()
        .find(|n| n["kind"] == kind)
        .map(|n| string_of(&n["id"]))
        .unwrap_or_else(|| panic!("no {kind} in {tree}"))
}

#[tokio::test]
async fn an_event_is_recorded_in_its_host_zone_with_its_sessions_and_activities() {
    let app = spawn_app().await;
    let plan = app.load_demo_plan(&app.admin).await;
    let activity = node_of_kind(&app, &plan, "activity").await;
    let mut input = summit(&app, &app.body_x.to_string());
    input["activity_ids"] = json!([activity]);
    let before = app.audit_count().await;
    let res = app.post("/events", Some(&app.staff.token), &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(etag(&res), "\"1\"");
    let location = header(&res, "location");
    let event = body(res).await;
    let id = string_of(&event["id"]);
    assert_eq!(location, format!("/api/v1/events/{id}"));
    assert_eq!(event["status"], "planned");
    assert_eq!(event["time_zone"], "America/Montevideo");
    // Uruguay kept summer time (UTC-2) in November 2011: 09:00 there was 11:00 UTC.
    assert_eq!(event["starts_at"], "2011-11-30T11:00:00Z");
    assert_eq!(event["local_starts_at"], "2011-11-30T09:00:00");
    assert_eq!(event["ends_at"], "2011-12-02T20:00:00Z");
    assert_eq!(event["host_city"]["name"], "Montevideo");
    assert_eq!(event["host_city"]["country_code"], "UY");
    assert_eq!(event["online"], false);
    assert_eq!(event["organizers"][0]["id"], app.body_x.to_string());
    assert_eq!(event["activities"][0]["id"], activity.as_str());
    assert_eq!(event["activities"][0]["plan_id"], plan.as_str());
    assert_eq!(event["sessions"][0]["starts_at"], "2011-11-30T12:00:00Z");
    assert_eq!(event["sessions"][1]["local_ends_at"], "2011-12-02T18:00:00");
    assert_eq!(app.audit_count().await, before + 1);

    // Everyone signed in reads it.
    for reader in [&app.focal, &app.observer, &app.coordinator, &app.finance] {
        let res = app.get(&format!("/events/{id}"), Some(&reader.token)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(etag(&res), "\"1\"");
        assert_eq!(body(res).await, event);
    }
    let history = app
        .get_json(
            &format!("/audit?record_type=event&record_id={id}"),
            Some(&app.admin.token),
        )
        .await;
    assert_eq!(history["total"], 1, "{history}");
    let after = &history["items"][0]["after"];
    assert!(after.to_string().contains(&activity), "{history}");

    // Held online: no host city.
    let mut online = summit(&app, &app.body_x.to_string());
    online["host_city_id"] = Value::Null;
    let online = create(&app, &app.admin.token, &online).await;
    assert_eq!(online["online"], true);
    assert!(online["host_city"].is_null());
}

#[tokio::test]
async fn bad_input_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let plan = app.load_demo_plan(&app.admin).await;
    let axis = node_of_kind(&app, &plan, "axis").await;
    let body_x = app.body_x.to_string();
    let unknown = "00000000-0000-0000-0000-000000000000";
    let with = |field: &str, value: Value| {
        let mut input = summit(&app, &body_x);
        input[field] = value;
        input
    };
    let session = |starts: &str, ends: &str| json!([{"title": {"es": "Sesión"}, "starts_at": starts, "ends_at": ends}]);
    let before = app.audit_count().await;
    let cases = [
        (
            "end before start",
            with("ends_at", json!("2011-11-29T18:00")),
            "ends_at",
        ),
        (
            "a year out of range",
            with("starts_at", json!("0001-01-01T00:00")),
            "starts_at",
        ),
        (
            "an event of years",
            with("ends_at", json!("9999-12-31T18:00")),
            "ends_at",
        ),
        (
            "unknown time zone",
            with("time_zone", json!("America/Atlantis")),
            "time_zone",
        ),
        (
            "malformed time",
            with("starts_at", json!("30/11/2011 09:00")),
            "starts_at",
        ),
        // Brazil's clocks went from 00:00 to 01:00 on 21 October 2012.
        (
            "a time the clocks skipped",
            {
                let mut input = with("time_zone", json!("America/Sao_Paulo"));
                input["starts_at"] = json!("2012-10-21T00:30");
                input["ends_at"] = json!("2012-10-22T18:00");
                input["sessions"] = json!([]);
                input
            },
            "starts_at",
        ),
        (
            "session before the event's days",
            with("sessions", session("2011-11-29T10:00", "2011-11-29T12:00")),
            "sessions[0].starts_at",
        ),
        (
            "session after the event's days",
            with("sessions", session("2011-12-02T10:00", "2011-12-03T12:00")),
            "sessions[0].ends_at",
        ),
        (
            "session ending before it starts",
            with("sessions", session("2011-12-01T12:00", "2011-12-01T10:00")),
            "sessions[0].ends_at",
        ),
        (
            "session without title",
            with(
                "sessions",
                json!([{"starts_at": "2011-12-01T10:00", "ends_at": "2011-12-01T12:00"}]),
            ),
            "sessions[0].title",
        ),
        (
            "unknown host city",
            with("host_city_id", json!(unknown)),
            "host_city_id",
        ),
        (
            "unknown body",
            with("body_ids", json!([body_x, unknown])),
            "body_ids[1]",
        ),
        (
            "a body twice",
            with("body_ids", json!([body_x, body_x])),
            "body_ids[1]",
        ),
        ("no body", with("body_ids", json!([])), "body_ids"),
        (
            "unknown activity",
            with("activity_ids", json!([unknown])),
            "activity_ids[0]",
        ),
        (
            "a node that is not an activity",
            with("activity_ids", json!([axis])),
            "activity_ids[0]",
        ),
        ("empty title", with("title", json!({"es": "  "})), "title"),
        ("no title", with("title", Value::Null), "title"),
        ("unknown kind", with("kind", json!("party")), "kind"),
    ];
    for (case, input, field) in cases {
        let res = app.post("/events", Some(&app.admin.token), &input).await;
        let problem = assert_invalid_for(case, res, &[field]).await;
        let message = problem["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{case}: {problem}");
    }
    // Messages in the reader's language.
    let res = app
        .request(reqwest::Method::POST, "/events", Some(&app.admin.token))
        .header("accept-language", "pt")
        .json(&with("time_zone", json!("America/Atlantis")))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let problem = assert_invalid_for("pt", res, &["time_zone"]).await;
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Valor desconhecido")),
        "{problem}"
    );
    assert_eq!(
        app.audit_count().await,
        before,
        "nothing refused is recorded"
    );
}

#[tokio::test]
async fn the_secretariat_writes_any_event_and_a_coordinator_those_of_their_bodies() {
    let app = spawn_app().await;
    let (body_x, body_y) = (app.body_x.to_string(), app.body_y.to_string());
    for res in [
        app.get("/events", None).await,
        app.post("/events", None, &summit(&app, &body_x)).await,
    ] {
        assert_unauthenticated(res).await;
    }
    // Focal points and observers read only.
    for reader in [&app.focal, &app.observer] {
        let problem = assert_forbidden(
            app.post("/events", Some(&reader.token), &summit(&app, &body_x))
                .await,
        )
        .await;
        assert_eq!(problem["permission"], "event:write", "{problem}");
    }
    // A coordinator records the events of their body, not another's.
    assert_forbidden(
        app.post(
            "/events",
            Some(&app.coordinator.token),
            &summit(&app, &body_y),
        )
        .await,
    )
    .await;
    let own = create(&app, &app.coordinator.token, &summit(&app, &body_x)).await;
    let second = create(&app, &app.coordinator.token, &summit(&app, &body_x)).await;
    let others = create(&app, &app.staff.token, &summit(&app, &body_y)).await;
    let others_path = format!("/events/{}", others["id"].as_str().unwrap_or_default());
    let own_path = format!("/events/{}", own["id"].as_str().unwrap_or_default());

    // Not on another body's event, whatever the request says.
    let res = app
        .put(
            &others_path,
            Some(&app.coordinator.token),
            Some("\"1\""),
            &summit(&app, &body_x),
        )
        .await;
    assert_forbidden(res).await;
    let res = app
        .post_if_match(
            &format!("{others_path}/status"),
            &app.coordinator.token,
            Some("\"1\""),
            &json!({"status": "held"}),
        )
        .await;
    assert_forbidden(res).await;
    assert_forbidden(
        app.delete(&others_path, Some(&app.coordinator.token), Some("\"1\""))
            .await,
    )
    .await;
    // Nor by handing their own event to another body alone.
    let res = app
        .put(
            &own_path,
            Some(&app.coordinator.token),
            Some("\"1\""),
            &summit(&app, &body_y),
        )
        .await;
    assert_forbidden(res).await;
    // Shared with another body, the event stays theirs.
    let mut shared = summit(&app, &body_x);
    shared["body_ids"] = json!([body_x, body_y]);
    let res = app
        .put(
            &own_path,
            Some(&app.coordinator.token),
            Some("\"1\""),
            &shared,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"2\"");
    let mut ids = column(&body(res).await["organizers"], "id");
    ids.sort();
    let mut expected = vec![body_x.clone(), body_y.clone()];
    expected.sort();
    assert_eq!(ids, expected);
    // The focal point may not change or delete it.
    assert_forbidden(
        app.put(&own_path, Some(&app.focal.token), Some("\"2\""), &shared)
            .await,
    )
    .await;
    assert_forbidden(
        app.delete(&own_path, Some(&app.focal.token), Some("\"2\""))
            .await,
    )
    .await;
    let second_path = format!("/events/{}", second["id"].as_str().unwrap_or_default());
    let res = app
        .delete(&second_path, Some(&app.coordinator.token), Some("\"1\""))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_not_found(app.get(&second_path, Some(&app.admin.token)).await).await;
    // The deletion feed tells systems that copy events to let it go.
    let deletions = app
        .get_json("/deletions?record_type=event", Some(&app.focal.token))
        .await;
    assert_eq!(
        deletions["items"][0]["record_id"], second["id"],
        "{deletions}"
    );
    // A body that organises events stays until they go.
    let body_path = format!("/bodies/{body_y}");
    let tag = etag(&app.get(&body_path, Some(&app.admin.token)).await);
    assert_in_use(
        app.delete(&body_path, Some(&app.admin.token), Some(&tag))
            .await,
    )
    .await;
}

#[tokio::test]
async fn changes_need_the_current_version_and_an_existing_event() {
    let app = spawn_app().await;
    let body_x = app.body_x.to_string();
    let event = create(&app, &app.admin.token, &summit(&app, &body_x)).await;
    let path = format!("/events/{}", string_of(&event["id"]));
    let mut changed = summit(&app, &body_x);
    changed["title"] = json!({"es": "XVI Cumbre, Montevideo"});
    let res = app
        .put(&path, Some(&app.admin.token), Some("\"1\""), &changed)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["title"]["es"], "XVI Cumbre, Montevideo");
    let admin = app.admin.token.as_str();
    assert_needs_current_version(
        async |tag| app.put(&path, Some(admin), tag, &changed).await,
        "\"1\"",
    )
    .await;
    assert_needs_current_version(
        async |tag| {
            app.post_if_match(
                &format!("{path}/status"),
                admin,
                tag,
                &json!({"status": "held"}),
            )
            .await
        },
        "\"1\"",
    )
    .await;
    assert_needs_current_version(
        async |tag| app.delete(&path, Some(admin), tag).await,
        "\"1\"",
    )
    .await;
    // Invalid input is refused before the version matters, and names the field.
    let mut bad = changed.clone();
    bad["ends_at"] = json!("2011-11-01T00:00");
    assert_invalid_for(
        "update",
        app.put(&path, Some(admin), Some("\"2\""), &bad).await,
        &["ends_at"],
    )
    .await;

    let missing = "/events/00000000-0000-0000-0000-000000000000";
    assert_not_found(app.get(missing, Some(admin)).await).await;
    assert_not_found(app.get("/events/not-an-id", Some(admin)).await).await;
    assert_not_found(app.get(&format!("{missing}/event.ics"), Some(admin)).await).await;
    assert_not_found(app.put(missing, Some(admin), Some("\"1\""), &changed).await).await;
    assert_not_found(
        app.post_if_match(
            &format!("{missing}/status"),
            admin,
            Some("\"1\""),
            &json!({"status": "held"}),
        )
        .await,
    )
    .await;
    assert_not_found(app.delete(missing, Some(admin), Some("\"1\"")).await).await;
}

#[tokio::test]
async fn a_planned_event_is_held_or_cancelled_and_stays_so() {
    let app = spawn_app().await;
    let body_x = app.body_x.to_string();
    let token = app.coordinator.token.as_str();
    let status = async |id: &Value, tag: &str, to: &str| {
        app.post_if_match(
            &format!("/events/{}/status", string_of(id)),
            token,
            Some(tag),
            &json!({"status": to}),
        )
        .await
    };
    let held = create(&app, token, &summit(&app, &body_x)).await;
    let conflict = status(&held["id"], "\"1\"", "planned").await;
    let problem = assert_problem(conflict, StatusCode::CONFLICT, "illegal_transition", &[]).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("planned")),
        "{problem}"
    );
    let res = status(&held["id"], "\"1\"", "held").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"2\"");
    assert_eq!(body(res).await["status"], "held");
    for to in ["cancelled", "planned", "held"] {
        assert_problem(
            status(&held["id"], "\"2\"", to).await,
            StatusCode::CONFLICT,
            "illegal_transition",
            &[],
        )
        .await;
    }
    let cancelled = create(&app, token, &summit(&app, &body_x)).await;
    assert_invalid_for(
        "status",
        status(&cancelled["id"], "\"1\"", "postponed").await,
        &["status"],
    )
    .await;
    let res = status(&cancelled["id"], "\"1\"", "cancelled").await;
    assert_eq!(body(res).await["status"], "cancelled");
    assert_problem(
        status(&cancelled["id"], "\"2\"", "held").await,
        StatusCode::CONFLICT,
        "illegal_transition",
        &[],
    )
    .await;
    // An edit keeps the status.
    let path = format!("/events/{}", string_of(&cancelled["id"]));
    let res = app
        .put(&path, Some(token), Some("\"2\""), &summit(&app, &body_x))
        .await;
    assert_eq!(body(res).await["status"], "cancelled");
}

#[tokio::test]
async fn the_list_filters_by_body_kind_status_and_dates_in_start_order() {
    let app = spawn_app().await;
    let (body_x, body_y) = (app.body_x.to_string(), app.body_y.to_string());
    let admin = Some(app.admin.token.as_str());
    let summit_2011 = create(&app, &app.admin.token, &summit(&app, &body_x)).await;
    let mut workshop = summit(&app, &body_y);
    workshop["kind"] = json!("workshop");
    workshop["title"] = json!({"es": "Taller de comunicación"});
    workshop["time_zone"] = json!("America/Argentina/Buenos_Aires");
    workshop["starts_at"] = json!("2012-11-28T09:00");
    workshop["ends_at"] = json!("2012-11-28T13:00");
    workshop["host_city_id"] = json!(app.city_a.to_string());
    workshop["sessions"] = json!([]);
    let workshop = create(&app, &app.admin.token, &workshop).await;
    let mut meeting = summit(&app, &body_x);
    meeting["kind"] = json!("meeting");
    meeting["starts_at"] = json!("2011-06-01T09:00");
    meeting["ends_at"] = json!("2011-06-01T17:00");
    meeting["sessions"] = json!([]);
    let meeting = create(&app, &app.admin.token, &meeting).await;
    app.post_if_match(
        &format!("/events/{}/status", string_of(&meeting["id"])),
        &app.admin.token,
        Some("\"1\""),
        &json!({"status": "held"}),
    )
    .await;
    let ids = |page: &Value| column(page, "id");
    let all = app.get_json("/events", Some(&app.focal.token)).await;
    assert_eq!(all["total"], 3);
    assert_eq!(
        ids(&all),
        vec![
            string_of(&meeting["id"]),
            string_of(&summit_2011["id"]),
            string_of(&workshop["id"])
        ]
    );
    let newest_first = app.get_json("/events?sort=-starts_at", admin).await;
    assert_eq!(ids(&newest_first)[0], string_of(&workshop["id"]));
    for (query, expected) in [
        (format!("body_id={body_y}"), vec![&workshop]),
        ("kind=meeting".to_owned(), vec![&meeting]),
        ("status=planned".to_owned(), vec![&summit_2011, &workshop]),
        (
            "from=2011-12-02&until=2012-11-28".to_owned(),
            vec![&summit_2011, &workshop],
        ),
        ("until=2011-11-29".to_owned(), vec![&meeting]),
        ("from=2012-11-29".to_owned(), vec![]),
    ] {
        let page = app.get_json(&format!("/events?{query}"), admin).await;
        let want: Vec<String> = expected.iter().map(|e| string_of(&e["id"])).collect();
        assert_eq!(ids(&page), want, "{query}");
    }
    let paged = app.get_json("/events?per_page=1&page=2", admin).await;
    assert_eq!(ids(&paged), vec![string_of(&summit_2011["id"])]);
    assert_eq!(paged["total"], 3);
    for (query, field) in [
        ("kind=party", "kind"),
        ("status=done", "status"),
        ("from=2011-13-01", "from"),
        ("body_id=x", "body_id"),
        ("sort=title", "sort"),
    ] {
        assert_invalid_for(
            query,
            app.get(&format!("/events?{query}"), admin).await,
            &[field],
        )
        .await;
    }
}

/// The content lines of a calendar, unfolded.
fn unfolded(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn value<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines.iter().filter_map(|l| l.strip_prefix(name)).collect()
}

#[tokio::test]
async fn an_event_is_an_icalendar_file_in_its_zone() {
    let app = spawn_app().await;
    let body_x = app.body_x.to_string();
    let mut input = summit(&app, &body_x);
    input["title"]["es"] = json!(
        "XVI Cumbre de Mercociudades; ciudadanía regional, una construcción desde lo local, en Montevideo"
    );
    let event = create(&app, &app.admin.token, &input).await;
    let id = string_of(&event["id"]);
    let path = format!("/events/{id}/event.ics");
    let res = app.get(&path, Some(&app.focal.token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(&res, "content-type").starts_with("text/calendar"));
    let ics = res.text().await.unwrap_or_default();

    // Every line ends in CRLF, none is longer than 75 octets, continuations start with a space.
    assert!(ics.ends_with("\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(ics.contains("\r\n "), "the long summary is folded: {ics}");
    let lines = unfolded(&ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert_eq!(value(&lines, "VERSION:"), vec!["2.0"]);
    assert_eq!(value(&lines, "PRODID:").len(), 1);
    assert_eq!(
        value(&lines, "UID:"),
        vec![format!("{id}@mercociudades").as_str()]
    );
    let stamp = value(&lines, "DTSTAMP:");
    assert!(
        stamp.len() == 1 && stamp[0].len() == 16 && stamp[0].ends_with('Z'),
        "{stamp:?}"
    );
    assert_eq!(
        value(&lines, "DTSTART;TZID=America/Montevideo:"),
        vec!["20111130T090000"]
    );
    assert_eq!(
        value(&lines, "DTEND;TZID=America/Montevideo:"),
        vec!["20111202T180000"]
    );
    // The zone's offsets that year: summer time (-0200) from 2 October 2011.
    assert_eq!(value(&lines, "TZID:"), vec!["America/Montevideo"]);
    let daylight = lines.iter().position(|l| l == "DTSTART:20111002T020000");
    assert!(daylight.is_some(), "{ics}");
    let after = &lines[daylight.unwrap_or_default()..];
    assert_eq!(after[1], "TZOFFSETFROM:-0300");
    assert_eq!(after[2], "TZOFFSETTO:-0200");
    assert_eq!(
        value(&lines, "SUMMARY:"),
        vec![
            "XVI Cumbre de Mercociudades\\; ciudadanía regional\\, una construcción desde lo local\\, en Montevideo"
        ]
    );
    assert_eq!(value(&lines, "LOCATION:"), vec!["Montevideo\\, Uruguay"]);
    assert_eq!(value(&lines, "STATUS:"), vec!["CONFIRMED"]);
    // The same file on every read, in the language asked for.
    assert_eq!(app.get_text(&path, Some(&app.admin.token)).await, ics);
    let pt = unfolded(
        &app.get_text(&format!("{path}?lang=pt"), Some(&app.admin.token))
            .await,
    );
    assert_eq!(value(&pt, "SUMMARY:"), vec!["XVI Cúpula de Mercocidades"]);
    assert_eq!(
        value(&pt, "UID:"),
        vec![format!("{id}@mercociudades").as_str()]
    );
    assert_invalid_for(
        "lang",
        app.get(&format!("{path}?lang=fr"), Some(&app.admin.token))
            .await,
        &["lang"],
    )
    .await;
    assert_unauthenticated(app.get(&path, None).await).await;

    // Cancelled, it says so.
    app.post_if_match(
        &format!("/events/{id}/status"),
        &app.admin.token,
        Some("\"1\""),
        &json!({"status": "cancelled"}),
    )
    .await;
    let cancelled = unfolded(&app.get_text(&path, Some(&app.admin.token)).await);
    assert_eq!(value(&cancelled, "STATUS:"), vec!["CANCELLED"]);
    assert_eq!(
        value(&cancelled, "UID:"),
        vec![format!("{id}@mercociudades").as_str()]
    );
}

#[tokio::test]
async fn times_across_a_change_of_clocks_keep_their_wall_clock() {
    let app = spawn_app().await;
    // São Paulo moved from UTC-3 to UTC-2 at midnight on 21 October 2012.
    let mut input = summit(&app, &app.body_x.to_string());
    input["time_zone"] = json!("America/Sao_Paulo");
    input["starts_at"] = json!("2012-10-20T09:00");
    input["ends_at"] = json!("2012-10-22T18:00");
    input["host_city_id"] = Value::Null;
    input["sessions"] = json!([
        {"title": {"pt": "Abertura"}, "starts_at": "2012-10-20T09:00", "ends_at": "2012-10-20T10:00"},
        {"title": {"pt": "Encerramento"}, "starts_at": "2012-10-22T09:00", "ends_at": "2012-10-22T10:00"}
    ]);
    let event = create(&app, &app.admin.token, &input).await;
    assert_eq!(event["starts_at"], "2012-10-20T12:00:00Z");
    assert_eq!(event["ends_at"], "2012-10-22T20:00:00Z");
    assert_eq!(event["sessions"][1]["starts_at"], "2012-10-22T11:00:00Z");
    assert_eq!(
        event["sessions"][1]["local_starts_at"],
        "2012-10-22T09:00:00"
    );
    let ics = app
        .get_text(
            &format!("/events/{}/event.ics?lang=en", string_of(&event["id"])),
            Some(&app.admin.token),
        )
        .await;
    let lines = unfolded(&ics);
    assert_eq!(
        value(&lines, "DTSTART;TZID=America/Sao_Paulo:"),
        vec!["20121020T090000"]
    );
    assert_eq!(
        value(&lines, "DTEND;TZID=America/Sao_Paulo:"),
        vec!["20121022T180000"]
    );
    assert_eq!(value(&lines, "LOCATION:"), vec!["Online"]);
    let change = lines
        .iter()
        .position(|l| l == "DTSTART:20121021T000000")
        .unwrap_or_else(|| panic!("no change of clocks in {ics}"));
    assert_eq!(lines[change - 1], "BEGIN:DAYLIGHT");
    assert_eq!(lines[change + 1], "TZOFFSETFROM:-0300");
    assert_eq!(lines[change + 2], "TZOFFSETTO:-0200");
}

#[tokio::test]
async fn the_networks_calendar_is_a_feed_also_at_a_secret_address() {
    let app = spawn_app().await;
    let summit_x = create(
        &app,
        &app.admin.token,
        &summit(&app, &app.body_x.to_string()),
    )
    .await;
    let mut seminar = summit(&app, &app.body_y.to_string());
    seminar["kind"] = json!("seminar");
    seminar["time_zone"] = json!("America/Argentina/Buenos_Aires");
    seminar["title"] =
        json!({"es": "Seminario con Mercosur Social", "en": "Seminar with Mercosur Social"});
    let seminar = create(&app, &app.admin.token, &seminar).await;
    let uid = |e: &Value| format!("{}@mercociudades", string_of(&e["id"]));

    // Everyone signed in reads the feed; filters by body and kind; a VTIMEZONE per zone.
    let ics = app
        .get_text("/events.ics?lang=en", Some(&app.focal.token))
        .await;
    let lines = unfolded(&ics);
    assert_eq!(value(&lines, "UID:"), vec![uid(&summit_x), uid(&seminar)]);
    assert_eq!(
        value(&lines, "TZID:"),
        vec!["America/Argentina/Buenos_Aires", "America/Montevideo"]
    );
    assert!(value(&lines, "SUMMARY:").contains(&"Seminar with Mercosur Social"));
    let only_y = app
        .get_text(
            &format!("/events.ics?body_id={}", app.body_y),
            Some(&app.focal.token),
        )
        .await;
    assert_eq!(value(&unfolded(&only_y), "UID:"), vec![uid(&seminar)]);
    let summits = app
        .get_text("/events.ics?kind=summit", Some(&app.focal.token))
        .await;
    assert_eq!(value(&unfolded(&summits), "UID:"), vec![uid(&summit_x)]);
    assert_unauthenticated(app.get("/events.ics", None).await).await;
    let res = app
        .get("/events.ics?kind=party&lang=xx", Some(&app.focal.token))
        .await;
    assert_invalid_for("unknown kind and language", res, &["kind", "lang"]).await;

    // A secret address of the focal point's own, for calendar applications without a token.
    assert_not_found(
        app.get("/auth/me/calendar-feed", Some(&app.focal.token))
            .await,
    )
    .await;
    let before = app.audit_count().await;
    let res = app
        .post("/auth/me/calendar-feed", Some(&app.focal.token), &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let made = body(res).await;
    let url = string_of(&made["url"]);
    let path = url.trim_start_matches("/api/v1").to_owned();
    assert!(path.starts_with("/calendar-feeds/"), "{made}");
    assert_eq!(app.audit_count().await, before + 1);
    let subscribed = app.get(&format!("{path}?kind=seminar"), None).await;
    assert_eq!(subscribed.status(), StatusCode::OK);
    assert!(header(&subscribed, "content-type").starts_with("text/calendar"));
    let text = subscribed.text().await.unwrap_or_default();
    assert_eq!(value(&unfolded(&text), "UID:"), vec![uid(&seminar)]);
    // Shown once: reading it back tells only since when.
    let shown = app
        .get_json("/auth/me/calendar-feed", Some(&app.focal.token))
        .await;
    assert!(shown["url"].is_null(), "{shown}");
    assert_eq!(shown["created_at"], made["created_at"]);
    // A new address replaces the old one; a made-up one reads nothing.
    let again = body(
        app.post("/auth/me/calendar-feed", Some(&app.focal.token), &json!({}))
            .await,
    )
    .await;
    assert_not_found(app.get(&path, None).await).await;
    assert_not_found(
        app.get("/calendar-feeds/not-a-secret/events.ics", None)
            .await,
    )
    .await;
    let newer = string_of(&again["url"])
        .trim_start_matches("/api/v1")
        .to_owned();
    assert_eq!(app.get(&newer, None).await.status(), StatusCode::OK);
    // Revoked, it reads nothing.
    let res = app
        .delete("/auth/me/calendar-feed", Some(&app.focal.token), None)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_not_found(app.get(&newer, None).await).await;
    assert_not_found(
        app.delete("/auth/me/calendar-feed", Some(&app.focal.token), None)
            .await,
    )
    .await;
    assert_unauthenticated(app.post("/auth/me/calendar-feed", None, &json!({})).await).await;
}
