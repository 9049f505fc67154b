//! Delegations of member cities to events, their attendance, and the participation derived
//! from it.

use crate::helpers::{
    TestApp, assert_forbidden, assert_invalid_for, assert_needs_current_version, assert_not_found,
    assert_problem, assert_unauthenticated, body, etag, header, spawn_app, string_of,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// An event organised by `body`, with two sessions when `sessions`, linked to `activities`.
fn event(app: &TestApp, body: &str, sessions: bool, activities: &[&str]) -> Value {
    let sessions = if sessions {
        json!([
            {"title": {"es": "Apertura"}, "starts_at": "2014-11-26T10:00", "ends_at": "2014-11-26T12:00"},
            {"title": {"es": "Plenaria"}, "starts_at": "2014-11-27T10:00", "ends_at": "2014-11-27T12:00"}
        ])
    } else {
        json!([])
    };
    json!({
        "kind": "workshop",
        "title": {"es": "Jornada regional de integración productiva"},
        "time_zone": "America/Montevideo",
        "starts_at": "2014-11-26T09:00",
        "ends_at": "2014-11-27T18:00",
        "host_city_id": app.city_b.to_string(),
        "body_ids": [body],
        "activity_ids": activities,
        "sessions": sessions,
        "participants": [
            {"kind": "specific_groups", "name": "Grupo de Integración Productiva", "people": 4},
            {"kind": "mercosur_institutions", "name": "FCCR"}
        ]
    })
}

async fn create_event(app: &TestApp, token: &str, input: &Value) -> Value {
    let res = app.post("/events", Some(token), input).await;
    assert_eq!(res.status(), StatusCode::CREATED, "creating {input}");
    body(res).await
}

async fn invite(app: &TestApp, token: &str, event: &str, city: &str, quota: i64) -> Value {
    let res = app
        .post(
            &format!("/events/{event}/delegations"),
            Some(token),
            &json!({"city_id": city, "quota": quota}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "inviting {city}");
    body(res).await
}

/// Registers `names` as the delegates of `city` and returns the delegation.
async fn register(app: &TestApp, token: &str, event: &str, city: &str, names: &[&str]) -> Value {
    let path = format!("/events/{event}/delegations/{city}");
    let current = app.get(&path, Some(token)).await;
    let tag = etag(&current);
    let delegates: Vec<Value> = names.iter().map(|n| json!({"name": n})).collect();
    let res = app
        .put(
            &format!("{path}/delegates"),
            Some(token),
            Some(&tag),
            &json!({"delegates": delegates}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "registering {names:?}");
    body(res).await
}

async fn confirm(app: &TestApp, token: &str, event: &str, city: &str, version: &Value) -> Value {
    let res = app
        .post_if_match(
            &format!("/events/{event}/delegations/{city}/confirm"),
            token,
            Some(&format!("\"{version}\"")),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    body(res).await
}

/// Records `records` as the attendance of `event` at its current version.
async fn record(app: &TestApp, event: &str, records: Value) -> Value {
    let current = app
        .get(&format!("/events/{event}"), Some(&app.admin.token))
        .await;
    let tag = etag(&current);
    let res = app
        .put(
            &format!("/events/{event}/attendance"),
            Some(&app.staff.token),
            Some(&tag),
            &json!({"records": records}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "recording {records}");
    body(res).await
}

fn delegate(delegation: &Value, i: usize) -> String {
    string_of(&delegation["delegates"][i]["id"])
}

#[tokio::test]
async fn a_focal_point_registers_and_confirms_their_own_citys_delegation_only() {
    let app = spawn_app().await;
    let body_x = app.body_x.to_string();
    let (rosario, montevideo) = (app.city_a.to_string(), app.city_b.to_string());
    let summit = create_event(
        &app,
        &app.coordinator.token,
        &event(&app, &body_x, true, &[]),
    )
    .await;
    let id = string_of(&summit["id"]);
    assert_eq!(
        summit["participants"][0]["name"],
        "Grupo de Integración Productiva"
    );
    assert_eq!(summit["participants"][0]["people"], 4);
    let delegations = format!("/events/{id}/delegations");

    // The organiser (the coordinator of the organising body) invites with a quota.
    let before = app.audit_count().await;
    let res = app
        .post(
            &delegations,
            Some(&app.coordinator.token),
            &json!({"city_id": rosario, "quota": 2}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(etag(&res), "\"1\"");
    assert_eq!(
        header(&res, "location"),
        format!("/api/v1/events/{id}/delegations/{rosario}")
    );
    let invited = body(res).await;
    assert_eq!(invited["status"], "invited");
    assert_eq!(invited["quota"], 2);
    assert_eq!(invited["city"]["name"], "Rosario");
    assert_eq!(invited["city"]["country_code"], "AR");
    assert_eq!(app.audit_count().await, before + 1);
    invite(&app, &app.coordinator.token, &id, &montevideo, 1).await;
    // Rosario's focal point finds the invitation waiting at home; nobody else does.
    let inbox = app.get_json("/inbox", Some(&app.focal.token)).await;
    let waiting = &inbox["invitations"];
    assert_eq!(waiting.as_array().map(Vec::len), Some(1), "{inbox}");
    assert_eq!(waiting[0]["event_id"], id.as_str());
    assert_eq!(waiting[0]["city_name"], "Rosario");
    assert_eq!(waiting[0]["status"], "invited");
    assert_eq!(waiting[0]["quota"], 2);
    let theirs = app.get_json("/inbox", Some(&app.coordinator.token)).await;
    assert_eq!(theirs["invitations"], json!([]));

    // Bad input, each naming its field.
    let unknown = "00000000-0000-0000-0000-000000000000";
    for (case, input, field) in [
        (
            "a quota of -1",
            json!({"city_id": montevideo, "quota": -1}),
            "quota",
        ),
        (
            "a quota over 500",
            json!({"city_id": montevideo, "quota": 501}),
            "quota",
        ),
        ("no city", json!({"quota": 1}), "city_id"),
        (
            "an unknown city",
            json!({"city_id": unknown, "quota": 1}),
            "city_id",
        ),
    ] {
        let res = app
            .post(&delegations, Some(&app.coordinator.token), &input)
            .await;
        assert_invalid_for(case, res, &[field]).await;
    }
    let twice = app
        .post(
            &delegations,
            Some(&app.coordinator.token),
            &json!({"city_id": rosario, "quota": 1}),
        )
        .await;
    assert_problem(twice, StatusCode::CONFLICT, "duplicate", &["city_id"]).await;

    // The focal point of Rosario registers Rosario's delegates, and nobody else's.
    let path = format!("{delegations}/{rosario}");
    let two = json!({"delegates": [
        {"name": "María Fernández", "position": "Directora de Relaciones Internacionales", "gender": "female"},
        {"name": "Jorge Paz", "position": "Concejal"}
    ]});
    let res = app
        .put(
            &format!("{path}/delegates"),
            Some(&app.focal.token),
            Some("\"1\""),
            &two,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"2\"");
    let registered = body(res).await;
    assert_eq!(registered["status"], "registered");
    assert_eq!(registered["delegates"][0]["gender"], "female");
    assert_eq!(registered["delegates"][1]["position"], "Concejal");
    let other = format!("{delegations}/{montevideo}");
    let res = app
        .put(
            &format!("{other}/delegates"),
            Some(&app.focal.token),
            Some("\"1\""),
            &two,
        )
        .await;
    assert_forbidden(res).await;
    let res = app
        .post_if_match(
            &format!("{other}/confirm"),
            &app.focal.token,
            Some("\"1\""),
            &json!({}),
        )
        .await;
    assert_forbidden(res).await;
    // Nor does a focal point change a quota or invite.
    let res = app
        .put(
            &path,
            Some(&app.focal.token),
            Some("\"2\""),
            &json!({"quota": 5}),
        )
        .await;
    assert_forbidden(res).await;

    // More delegates than the quota, and broken delegates, name their fields.
    let three = json!({"delegates": [{"name": "A"}, {"name": "B"}, {"name": "C"}]});
    let res = app
        .put(
            &format!("{path}/delegates"),
            Some(&app.focal.token),
            Some("\"2\""),
            &three,
        )
        .await;
    assert_invalid_for("over the quota", res, &["delegates"]).await;
    let broken = json!({"delegates": [{"name": " "}, {"name": "B", "gender": "unknown"}]});
    let res = app
        .put(
            &format!("{path}/delegates"),
            Some(&app.focal.token),
            Some("\"2\""),
            &broken,
        )
        .await;
    assert_invalid_for(
        "broken delegates",
        res,
        &["delegates[0].name", "delegates[1].gender"],
    )
    .await;
    // The quota never falls below the delegates registered.
    let res = app
        .put(
            &path,
            Some(&app.coordinator.token),
            Some("\"2\""),
            &json!({"quota": 1}),
        )
        .await;
    assert_invalid_for("quota below the delegates", res, &["quota"]).await;

    // Stale or missing versions.
    assert_needs_current_version(
        async |tag| {
            let mut req = app
                .request(
                    reqwest::Method::PUT,
                    &format!("{path}/delegates"),
                    Some(&app.focal.token),
                )
                .json(&two);
            if let Some(tag) = tag {
                req = req.header("If-Match", tag);
            }
            req.send().await.unwrap_or_else(|e| panic!("{e}"))
        },
        "\"1\"",
    )
    .await;

    // The focal point confirms; confirming twice is not a change of status the lifecycle has.
    let confirmed = confirm(
        &app,
        &app.focal.token,
        &id,
        &rosario,
        &registered["version"],
    )
    .await;
    assert_eq!(confirmed["status"], "confirmed");
    assert!(confirmed["confirmed_at"].is_string());
    let inbox = app.get_json("/inbox", Some(&app.focal.token)).await;
    assert_eq!(inbox["invitations"], json!([]), "confirmed: {inbox}");
    let res = app
        .post_if_match(
            &format!("{path}/confirm"),
            &app.focal.token,
            Some(&format!("\"{}\"", confirmed["version"])),
            &json!({}),
        )
        .await;
    let problem = assert_problem(res, StatusCode::CONFLICT, "illegal_transition", &[]).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("is confirmed")),
        "{problem}"
    );
    // A change of delegates after confirmation asks for confirmation again.
    let kept = json!({"delegates": [
        {"id": delegate(&confirmed, 0), "name": "María Fernández"}
    ]});
    let res = app
        .put(
            &format!("{path}/delegates"),
            Some(&app.focal.token),
            Some(&format!("\"{}\"", confirmed["version"])),
            &kept,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let changed = body(res).await;
    assert_eq!(changed["status"], "registered");
    assert_eq!(
        changed["delegates"][0]["id"],
        confirmed["delegates"][0]["id"]
    );
    assert!(changed["confirmed_at"].is_null());

    // Everyone signed in reads the delegations; nobody without a token.
    for reader in [&app.observer, &app.finance, &app.focal] {
        let list = app.get_json(&delegations, Some(&reader.token)).await;
        assert_eq!(list["items"].as_array().map(Vec::len), Some(2), "{list}");
    }
    assert_unauthenticated(app.get(&delegations, None).await).await;
    assert_unauthenticated(
        app.post(&delegations, None, &json!({"city_id": rosario, "quota": 1}))
            .await,
    )
    .await;
    // A city not invited, an event that does not exist.
    let brazil = app.create_city("Uruguaiana", "BR").await;
    let porto_alegre = string_of(&brazil["id"]);
    assert_not_found(
        app.get(
            &format!("{delegations}/{porto_alegre}"),
            Some(&app.admin.token),
        )
        .await,
    )
    .await;
    assert_not_found(
        app.get(
            &format!("/events/{unknown}/delegations"),
            Some(&app.admin.token),
        )
        .await,
    )
    .await;

    // A coordinator does not invite to another body's event.
    let others = create_event(
        &app,
        &app.staff.token,
        &event(&app, &app.body_y.to_string(), false, &[]),
    )
    .await;
    let res = app
        .post(
            &format!(
                "/events/{}/delegations",
                others["id"].as_str().unwrap_or_default()
            ),
            Some(&app.coordinator.token),
            &json!({"city_id": rosario, "quota": 1}),
        )
        .await;
    assert_forbidden(res).await;

    // Withdrawing an invitation, at its version.
    let res = app
        .delete(&other, Some(&app.coordinator.token), Some("\"1\""))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_not_found(app.get(&other, Some(&app.admin.token)).await).await;
}

#[tokio::test]
async fn participation_comes_from_attendance_and_each_city_counts_once() {
    let app = spawn_app().await;
    let plan = app.draft_plan().await;
    let tree = app
        .get_json(&format!("/plans/{plan}"), Some(&app.admin.token))
        .await;
    let activity = first_activity(&tree).unwrap_or_else(|| panic!("no activity in {tree}"));
    let body_x = app.body_x.to_string();
    let (rosario, montevideo) = (app.city_a.to_string(), app.city_b.to_string());
    let porto_alegre = string_of(&app.create_city("Uruguaiana", "BR").await["id"]);

    // The jornada (two sessions) and a meeting (none), both carrying out the activity.
    let jornada = create_event(
        &app,
        &app.admin.token,
        &event(&app, &body_x, true, &[&activity]),
    )
    .await;
    let meeting = create_event(
        &app,
        &app.admin.token,
        &event(&app, &body_x, false, &[&activity]),
    )
    .await;
    let (j, m) = (string_of(&jornada["id"]), string_of(&meeting["id"]));
    let (s1, s2) = (
        string_of(&jornada["sessions"][0]["id"]),
        string_of(&jornada["sessions"][1]["id"]),
    );
    for city in [&rosario, &montevideo, &porto_alegre] {
        invite(&app, &app.admin.token, &j, city, 3).await;
    }
    invite(&app, &app.admin.token, &m, &montevideo, 2).await;
    let ar = register(&app, &app.admin.token, &j, &rosario, &["María", "Jorge"]).await;
    let uy = register(&app, &app.admin.token, &j, &montevideo, &["Ana"]).await;
    let br = register(&app, &app.admin.token, &j, &porto_alegre, &["Paulo"]).await;
    let br = confirm(&app, &app.admin.token, &j, &porto_alegre, &br["version"]).await;
    let uy_m = register(&app, &app.admin.token, &m, &montevideo, &["Ana"]).await;

    // Bad attendance names the record, and writes nothing.
    let tag = etag(
        &app.get(&format!("/events/{j}"), Some(&app.admin.token))
            .await,
    );
    let unknown = "00000000-0000-0000-0000-000000000000";
    for (case, records, field) in [
        (
            "no session",
            json!([{"delegate_id": delegate(&ar, 0)}]),
            "records[0].session_id",
        ),
        (
            "an unknown session",
            json!([{"session_id": unknown, "delegate_id": delegate(&ar, 0)}]),
            "records[0].session_id",
        ),
        (
            "a delegate of another event",
            json!([{"session_id": s1, "delegate_id": delegate(&uy_m, 0)}]),
            "records[0].delegate_id",
        ),
        (
            "twice",
            json!([{"session_id": s1, "delegate_id": delegate(&ar, 0)}, {"session_id": s1, "delegate_id": delegate(&ar, 0)}]),
            "records[1]",
        ),
    ] {
        let res = app
            .put(
                &format!("/events/{j}/attendance"),
                Some(&app.admin.token),
                Some(&tag),
                &json!({"records": records}),
            )
            .await;
        assert_invalid_for(case, res, &[field]).await;
    }
    // Only the organisers record it.
    let res = app
        .put(
            &format!("/events/{j}/attendance"),
            Some(&app.focal.token),
            Some(&tag),
            &json!({"records": []}),
        )
        .await;
    assert_forbidden(res).await;

    // María at both sessions, Jorge at the first, Ana at the second; Paulo did not come.
    let attendance = record(
        &app,
        &j,
        json!([
            {"session_id": s1, "delegate_id": delegate(&ar, 0)},
            {"session_id": s2, "delegate_id": delegate(&ar, 0)},
            {"session_id": s1, "delegate_id": delegate(&ar, 1)},
            {"session_id": s2, "delegate_id": delegate(&uy, 0)},
        ]),
    )
    .await;
    assert_eq!(attendance["records"].as_array().map(Vec::len), Some(4));
    let status = |list: &Value, city: &str| {
        list["items"]
            .as_array()
            .and_then(|l| l.iter().find(|d| d["city"]["id"] == city))
            .map(|d| d["status"].clone())
            .unwrap_or_default()
    };
    let list = app
        .get_json(&format!("/events/{j}/delegations"), Some(&app.admin.token))
        .await;
    assert_eq!(status(&list, &rosario), "attended");
    assert_eq!(status(&list, &montevideo), "attended");
    assert_eq!(status(&list, &porto_alegre), "no_show", "{br}");
    // Montevideo at the meeting too, which has no sessions.
    record(&app, &m, json!([{"delegate_id": delegate(&uy_m, 0)}])).await;

    // By event, country and city, against a hand count.
    let report = app
        .get_json(
            "/events/participation-report?from=2014-01-01&until=2014-12-31",
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(report["events"], 2, "{report}");
    assert_eq!(
        report["countries"],
        json!(["AR", "UY"]),
        "Paulo did not come: {report}"
    );
    assert_eq!(report["cities"], 2);
    // Ana registered for each event is a delegate of each.
    assert_eq!(report["delegates"], 4);
    let of_event = |id: &str| {
        report["by_event"]
            .as_array()
            .and_then(|l| l.iter().find(|e| e["event_id"] == id))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(of_event(&j)["cities"], 2);
    assert_eq!(of_event(&j)["delegates"], 3);
    assert_eq!(of_event(&j)["countries"], json!(["AR", "UY"]));
    assert_eq!(of_event(&j)["other_people"], 4);
    assert_eq!(of_event(&m)["cities"], 1);
    assert_eq!(
        report["by_country"],
        json!([
            {"country": "AR", "events": 1, "cities": 1, "delegates": 2},
            {"country": "UY", "events": 2, "cities": 1, "delegates": 2}
        ])
    );
    // The CSV holds the same figures.
    let csv = app
        .get_as(
            "/events/participation-report?from=2014-01-01&until=2014-12-31",
            &app.observer.token,
            "text/csv",
        )
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap_or_default();
    let rows: Vec<Vec<String>> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let country_rows: Vec<(String, String, String, String)> = rows
        .iter()
        .filter(|r| r[0] == "country")
        .map(|r| (r[1].clone(), r[5].clone(), r[7].clone(), r[8].clone()))
        .collect();
    assert_eq!(
        country_rows,
        vec![
            ("AR".into(), "1".into(), "1".into(), "2".into()),
            ("UY".into(), "2".into(), "1".into(), "2".into())
        ],
        "{text}"
    );
    assert_eq!(rows.iter().filter(|r| r[0] == "event").count(), 2, "{text}");
    // A period without the events.
    let empty = app
        .get_json(
            "/events/participation-report?from=2015-01-01",
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(empty["cities"], 0, "{empty}");
    let res = app
        .get(
            "/events/participation-report?from=2015-01-01&until=2014-01-01",
            Some(&app.observer.token),
        )
        .await;
    assert_invalid_for("until before from", res, &["until"]).await;
    // The report is not a list: it takes no page.
    let res = app
        .get(
            "/events/participation-report?per_page=0",
            Some(&app.observer.token),
        )
        .await;
    assert_invalid_for("a page", res, &["per_page"]).await;

    // The activity's participation: Montevideo at two events counts once; the no-show never.
    let plan_report = app
        .get_json(
            &format!("/plans/{plan}/participation-report"),
            Some(&app.admin.token),
        )
        .await;
    let row = plan_report["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["cities"] != 0))
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["cities"], 2, "{plan_report}");
    assert_eq!(row["cities_attended"], 2);
    assert_eq!(row["cities_reported_only"], 0);
    assert_eq!(row["events"], 2);
    assert_eq!(row["countries"], json!(["AR", "UY"]));
    assert_eq!(plan_report["cities"], 2);

    // A city's page: the events its delegates attended.
    let of_city = app
        .get_json(
            &format!("/cities/{montevideo}/events"),
            Some(&app.focal.token),
        )
        .await;
    let ours: Vec<&Value> = of_city["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["event_id"] == j.as_str() || e["event_id"] == m.as_str())
        .collect();
    assert_eq!(ours.len(), 2, "{of_city}");
    let of_brazil = app
        .get_json(
            &format!("/cities/{porto_alegre}/events"),
            Some(&app.focal.token),
        )
        .await;
    assert_eq!(of_brazil["items"], json!([]));

    // The sheet, filled in: Paulo came to the plenary after all.
    let sheet = app
        .get_as(
            &format!("/events/{j}/attendance"),
            &app.admin.token,
            "text/csv",
        )
        .await;
    assert_eq!(sheet.status(), StatusCode::OK);
    let tag = etag(&sheet);
    let text = sheet.text().await.unwrap_or_default();
    let paulo = delegate(&br, 0);
    let filled: String = text
        .lines()
        .map(|l| {
            if l.contains(&paulo) && l.contains(&s2) {
                l.replace(",no", ",yes")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    // A row naming a city not invited is refused, with its line, and nothing is written.
    let broken = format!(
        "{filled}\r\n{s1},Apertura,{},Elsewhere,{},Someone,yes\r\n",
        unknown,
        delegate(&ar, 0)
    );
    let put_csv = async |csv: String, tag: &str| {
        app.request(
            reqwest::Method::PUT,
            &format!("/events/{j}/attendance"),
            Some(&app.admin.token),
        )
        .header("content-type", "text/csv")
        .header("if-match", tag)
        .body(csv)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let lines = broken.trim_end().lines().count();
    let res = put_csv(broken, &tag).await;
    assert_invalid_for(
        "a city not invited",
        res,
        &[&format!("rows[{lines}].city_id")],
    )
    .await;
    let unchanged = app
        .get_json(&format!("/events/{j}/attendance"), Some(&app.admin.token))
        .await;
    assert_eq!(unchanged["records"].as_array().map(Vec::len), Some(4));
    let res = put_csv(filled, &tag).await;
    assert_eq!(res.status(), StatusCode::OK);
    let report = app
        .get_json(
            "/events/participation-report?from=2014-01-01",
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(report["countries"], json!(["AR", "BR", "UY"]), "{report}");
    let plan_report = app
        .get_json(
            &format!("/plans/{plan}/participation-report"),
            Some(&app.admin.token),
        )
        .await;
    assert_eq!(
        plan_report["countries"],
        json!(["AR", "BR", "UY"]),
        "{plan_report}"
    );
    // The stale version of the sheet is refused.
    let res = put_csv(text, &tag).await;
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);

    // A session with attendance stays unless its attendance goes first.
    let mut without = event(&app, &body_x, true, &[&activity]);
    without["sessions"] = json!([{"id": s1, "title": {"es": "Apertura"}, "starts_at": "2014-11-26T10:00", "ends_at": "2014-11-26T12:00"}]);
    let current = etag(
        &app.get(&format!("/events/{j}"), Some(&app.admin.token))
            .await,
    );
    let res = app
        .put(
            &format!("/events/{j}"),
            Some(&app.admin.token),
            Some(&current),
            &without,
        )
        .await;
    assert_problem(res, StatusCode::CONFLICT, "in_use", &[]).await;
}

/// The id of the first activity of a plan's tree.
fn first_activity(tree: &Value) -> Option<String> {
    match tree {
        Value::Object(o) => {
            if o.get("kind") == Some(&json!("activity")) {
                return o.get("id").map(string_of);
            }
            o.values().find_map(first_activity)
        }
        Value::Array(a) => a.iter().find_map(first_activity),
        _ => None,
    }
}

#[tokio::test]
async fn the_participation_report_reads_the_same_statements_however_many_events() {
    let app = spawn_app().await;
    let plan = app.draft_plan().await;
    let tree = app
        .get_json(&format!("/plans/{plan}"), Some(&app.admin.token))
        .await;
    let activity = first_activity(&tree).unwrap_or_else(|| panic!("no activity in {tree}"));
    let body_x = app.body_x.to_string();
    let rosario = app.city_a.to_string();
    let path = format!("/plans/{plan}/participation-report");
    let mut counts = Vec::new();
    for _ in 0..3 {
        let e = create_event(
            &app,
            &app.admin.token,
            &event(&app, &body_x, false, &[&activity]),
        )
        .await;
        let id = string_of(&e["id"]);
        invite(&app, &app.admin.token, &id, &rosario, 1).await;
        let d = register(&app, &app.admin.token, &id, &rosario, &["María"]).await;
        record(&app, &id, json!([{"delegate_id": delegate(&d, 0)}])).await;
        let before = app.store.query_count();
        let res = app.get(&path, Some(&app.admin.token)).await;
        assert_eq!(res.status(), StatusCode::OK);
        counts.push(app.store.query_count() - before);
    }
    assert!(counts.iter().all(|c| *c == counts[0]), "{counts:?}");
    assert!(counts[0] <= 8, "{counts:?}");
}

#[tokio::test]
async fn an_activity_events_carry_out_is_not_deleted_from_under_them() {
    let app = spawn_app().await;
    let plan = app.draft_plan().await;
    let tree = app
        .get_json(&format!("/plans/{plan}"), Some(&app.admin.token))
        .await;
    let activity = first_activity(&tree).unwrap_or_else(|| panic!("no activity in {tree}"));
    let input = event(&app, &app.body_x.to_string(), false, &[&activity]);
    create_event(&app, &app.admin.token, &input).await;
    let node = format!("/plans/{plan}/nodes/{activity}");
    let tag = etag(&app.get(&node, Some(&app.staff.token)).await);
    let res = app.delete(&node, Some(&app.staff.token), Some(&tag)).await;
    let problem = assert_problem(res, StatusCode::CONFLICT, "in_use", &[]).await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("Events carry out")),
        "{problem}"
    );
    let plan_path = format!("/plans/{plan}");
    let tag = etag(&app.get(&plan_path, Some(&app.staff.token)).await);
    let res = app
        .delete(&plan_path, Some(&app.admin.token), Some(&tag))
        .await;
    assert_problem(res, StatusCode::CONFLICT, "in_use", &[]).await;
}
