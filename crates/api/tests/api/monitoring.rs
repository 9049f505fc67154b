//! Progress reports and the reports drawn from them, checked against figures computed by
//! hand.

use crate::helpers::{
    TestApp, assert_forbidden, assert_in_use, assert_invalid, assert_not_found, assert_plan_frozen,
    assert_precondition_failed, assert_precondition_required, assert_problem,
    assert_unauthenticated, body, etag, header, item_with, spawn_app, string_of,
};
use mercociudades_api::formats::XLSX;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use std::collections::HashMap;

struct Demo {
    plan: String,
    nodes: HashMap<String, String>,
    cities: HashMap<&'static str, String>,
}

fn collect(nodes: &Value, out: &mut HashMap<String, String>) {
    for n in nodes.as_array().into_iter().flatten() {
        out.insert(string_of(&n["code"]), string_of(&n["id"]));
        collect(&n["children"], out);
    }
}

/// A draft of the 2011–2012 plan of the tests' own, on the demo's registry.
async fn demo(app: &TestApp) -> Demo {
    let plan = app.draft_plan().await;
    let tree = app
        .get_json(&format!("/plans/{plan}"), Some(&app.admin.token))
        .await;
    let mut nodes = HashMap::new();
    collect(&tree["nodes"], &mut nodes);
    let mut cities = HashMap::new();
    for (name, country) in [
        ("Montevideo", "UY"),
        ("Rosario", "AR"),
        ("Asunción", "PY"),
        ("Porto Alegre", "BR"),
        ("Santiago", "CL"),
    ] {
        let page = app
            .get_json(
                &format!("/cities?country={country}&per_page=200"),
                Some(&app.admin.token),
            )
            .await;
        let id = string_of(&item_with(&page, "name", name)["id"]);
        assert!(!id.is_empty(), "{name} is not in the demo");
        cities.insert(name, id);
    }
    Demo {
        plan,
        nodes,
        cities,
    }
}

impl Demo {
    /// Approves the plan and puts it in execution, so that it takes progress reports.
    async fn start(&self, app: &TestApp) {
        app.start_plan(&self.plan).await;
    }

    fn reports_path(&self, code: &str) -> String {
        format!("/plans/{}/nodes/{}/reports", self.plan, self.nodes[code])
    }

    fn node_path(&self, code: &str) -> String {
        format!("/plans/{}/nodes/{}", self.plan, self.nodes[code])
    }

    /// Rewrites activity `code` as staff, at its first version, keeping its title and setting
    /// `fields`.
    async fn edit_activity(&self, app: &TestApp, code: &str, fields: Value) {
        let path = self.node_path(code);
        let node = app.get_json(&path, Some(&app.staff.token)).await;
        let mut edited = json!({"kind": "activity", "code": code, "title": node["title"]});
        for (key, value) in fields.as_object().into_iter().flatten() {
            edited[key] = value.clone();
        }
        let res = app
            .put(&path, Some(&app.staff.token), Some("\"1\""), &edited)
            .await;
        assert_eq!(res.status(), StatusCode::OK, "editing {code}");
    }

    /// Asserts that activity `code` cannot be deleted, at its current version, by staff, while
    /// the plan is a draft: what hangs from it keeps it.
    async fn assert_activity_kept(&self, app: &TestApp, code: &str) {
        let path = self.node_path(code);
        let node = app.get_json(&path, Some(&app.staff.token)).await;
        let tag = format!("\"{}\"", node["version"]);
        assert_in_use(app.delete(&path, Some(&app.staff.token), Some(&tag)).await).await;
    }
}

/// Moves report `id` on by `action` (submit, approve, return) as `token`, at version `tag`.
async fn review(app: &TestApp, id: &str, action: &str, token: &str, tag: &str) -> Response {
    app.post_if_match(
        &format!("/reports/{id}/{action}"),
        token,
        Some(tag),
        &json!({}),
    )
    .await
}

/// Writes and submits a report as staff, and (when `approve`) approves it as admin; returns
/// its id.
async fn report(app: &TestApp, demo: &Demo, code: &str, input: Value, approve: bool) -> String {
    let res = app
        .post_if_match(&demo.reports_path(code), &app.staff.token, None, &input)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{code}");
    let id = string_of(&body(res).await["id"]);
    let submitted = review(app, &id, "submit", &app.staff.token, "\"1\"").await;
    assert_eq!(submitted.status(), StatusCode::OK);
    if approve {
        let approved = review(app, &id, "approve", &app.admin.token, "\"2\"").await;
        assert_eq!(approved.status(), StatusCode::OK);
    }
    id
}

/// The text of a report of the plan, asked for as CSV.
async fn csv_of(app: &TestApp, demo: &Demo, report: &str) -> String {
    let text = app
        .get_as(
            &format!("/plans/{}/{report}", demo.plan),
            &app.observer.token,
            "text/csv",
        )
        .await
        .text()
        .await
        .unwrap_or_default();
    // The byte-order mark first, for spreadsheet programs to read the accents.
    text.strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("no byte-order mark: {}", &text[..text.len().min(40)]))
        .to_owned()
}

#[tokio::test]
async fn execution_and_participation_figures_match_the_hand_count() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    d.start(&app).await;
    let c = |name: &str| d.cities[name].clone();
    // 1.1.a: five cities named (Rosario twice), four countries; later a fifth country.
    report(&app, &d, "1.1.a", json!({"reported_on": "2012-05-10", "execution": "partially", "participants": {"cities": [c("Montevideo"), c("Rosario"), c("Asunción"), c("Porto Alegre"), c("Rosario")], "organizations": ["FAMSI"]}}), true).await;
    report(&app, &d, "1.1.a", json!({"reported_on": "2012-09-20", "execution": "yes", "participants": {"cities": [c("Santiago")]}}), true).await;
    report(&app, &d, "1.1.b", json!({"reported_on": "2012-06-01", "execution": "partially", "participants": {"cities": [c("Montevideo")]}}), true).await;
    report(
        &app,
        &d,
        "1.2.a",
        json!({"reported_on": "2012-06-01", "execution": "no"}),
        true,
    )
    .await;
    // Never counted: a returned report and a report only submitted.
    let returned = report(&app, &d, "1.2.b", json!({"reported_on": "2012-06-01", "execution": "yes", "participants": {"cities": [c("Rosario")]}}), false).await;
    let res = app
        .post_if_match(
            &format!("/reports/{returned}/return"),
            &app.admin.token,
            Some("\"2\""),
            &json!({"reason": "Falta la lista de participantes"}),
        )
        .await;
    assert_eq!(
        body(res).await["return_reason"],
        "Falta la lista de participantes"
    );
    report(&app, &d, "1.2.c", json!({"reported_on": "2012-06-01", "execution": "yes", "participants": {"cities": [c("Rosario")]}}), false).await;

    let before = app.store.query_count();
    let execution = app
        .get_json(
            &format!("/plans/{}/execution-report", d.plan),
            Some(&app.observer.token),
        )
        .await;
    let queries = app.store.query_count() - before;
    assert!(queries <= 8, "{queries} queries");
    let row = |code: &str| item_with(&execution["rows"], "code", code);
    let figures = |r: &Value| {
        let counts = [
            r["activities"].as_u64(),
            r["by_execution"]["yes"].as_u64(),
            r["by_execution"]["partially"].as_u64(),
            r["by_execution"]["no"].as_u64(),
            r["by_execution"]["not_reported"].as_u64(),
        ];
        let shares = [
            r["executed_share"].as_f64(),
            r["executed_or_partial_share"].as_f64(),
        ];
        (counts, shares)
    };
    // Activities, executed, partially, not executed, not reported; the two shares.
    for (code, counts, shares) in [
        ("1.1", [2, 1, 1, 0, 0], [50.0, 100.0]),
        ("1.2", [4, 0, 0, 1, 3], [0.0, 0.0]),
        ("1", [9, 1, 1, 1, 6], [11.1, 22.2]),
        ("2", [10, 0, 0, 0, 10], [0.0, 0.0]),
        ("total", [19, 1, 1, 1, 16], [5.3, 10.5]),
    ] {
        let figures = match code {
            "total" => figures(&execution["total"]),
            _ => figures(&row(code)),
        };
        assert_eq!(figures, (counts.map(Some), shares.map(Some)), "{code}");
    }
    assert_eq!(row("1.2.1")["activities"], 0);
    assert_eq!(execution["total"]["by_status"]["planned"], 19);

    let participation = app
        .get_json(
            &format!("/plans/{}/participation-report", d.plan),
            Some(&app.observer.token),
        )
        .await;
    let prow = |code: &str| item_with(&participation["rows"], "code", code);
    assert_eq!(
        prow("1.1.a")["countries"],
        json!(["AR", "BR", "CL", "PY", "UY"])
    );
    assert_eq!(prow("1.1.a")["country_band"], "5+");
    assert_eq!(
        prow("1.1.a")["cities"],
        5,
        "Rosario, named twice, counts once"
    );
    assert_eq!(prow("1.1.a")["organizations"], json!(["FAMSI"]));
    assert_eq!(
        (
            prow("1.1.b")["country_band"].as_str(),
            prow("1.1.b")["cities"].as_u64()
        ),
        (Some("1"), Some(1))
    );
    assert_eq!(prow("1.2.a")["country_band"], Value::Null);
    assert_eq!(prow("1.2.b"), Value::Null, "a returned report never counts");
    assert_eq!(
        prow("1.2.c"),
        Value::Null,
        "a submitted report does not count yet"
    );
    assert_eq!(
        participation["countries"],
        json!(["AR", "BR", "CL", "PY", "UY"])
    );
    assert_eq!(participation["cities"], 5);
    // Uruguay: Montevideo took part in 1.1.a and 1.1.b; Argentina: Rosario in 1.1.a only.
    let country = |c: &str| item_with(&participation["by_country"], "country", c);
    assert_eq!(
        (
            country("UY")["activities"].as_u64(),
            country("UY")["cities"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(
        (
            country("AR")["activities"].as_u64(),
            country("AR")["cities"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        participation["by_country"].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(
        participation["activities_by_band"],
        json!({"1": 1, "2": 0, "3": 0, "4": 0, "5+": 1})
    );
    assert_eq!(
        participation["activities_with"],
        json!({"local_governments": 2, "mercosur_institutions": 0, "organizations": 1, "specific_groups": 0})
    );

    // The CSV holds the same figures as the JSON.
    let csv_text = csv_of(&app, &d, "execution-report").await;
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let records: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let json_rows: Vec<Value> = execution["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .chain(execution["by_body"].as_array().cloned().unwrap_or_default())
        .chain([execution["total"].clone()])
        .collect();
    assert_eq!(records.len(), json_rows.len());
    for (record, row) in records.iter().zip(&json_rows) {
        assert_eq!(record.get(col("code")), row["code"].as_str());
        assert_eq!(
            record.get(col("activities")).map(str::to_owned),
            Some(row["activities"].to_string())
        );
        for e in ["yes", "partially", "no", "not_reported"] {
            assert_eq!(
                record
                    .get(col(&format!("execution_{e}")))
                    .map(str::to_owned),
                Some(row["by_execution"][e].to_string()),
                "{e}"
            );
        }
        assert_eq!(
            record.get(col("executed_share")).map(str::to_owned),
            Some(format!(
                "{:.1}",
                row["executed_share"].as_f64().unwrap_or_default()
            ))
        );
    }

    // The XLSX holds the same figures, typed: counts and shares as numbers.
    let res = app
        .get_as(
            &format!("/plans/{}/execution-report", d.plan),
            &app.observer.token,
            XLSX,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "content-type"), XLSX);
    assert!(header(&res, "content-disposition").contains("execution-report.xlsx"));
    let bytes = res.bytes().await.unwrap_or_default();
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec()))
            .unwrap_or_else(|e| panic!("{e}"));
    use calamine::{DataType, Reader};
    let sheet = workbook
        .worksheet_range("execution-report")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut sheet_rows = sheet.rows();
    let sheet_header: Vec<String> = sheet_rows
        .next()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    assert_eq!(sheet_header, headers.iter().collect::<Vec<_>>());
    let sheet_rows: Vec<_> = sheet_rows.collect();
    assert_eq!(sheet_rows.len(), json_rows.len());
    for (cells, row) in sheet_rows.iter().zip(&json_rows) {
        assert_eq!(cells[col("code")].to_string(), string_of(&row["code"]));
        assert_eq!(
            cells[col("activities")].get_float(),
            row["activities"].as_f64(),
            "activities as a number"
        );
        for e in ["yes", "partially", "no", "not_reported"] {
            assert_eq!(
                cells[col(&format!("execution_{e}"))].get_float(),
                row["by_execution"][e].as_f64(),
                "{e}"
            );
        }
        assert_eq!(
            cells[col("executed_share")].get_float(),
            row["executed_share"].as_f64()
        );
    }

    let csv_text = csv_of(&app, &d, "participation-report").await;
    assert!(csv_text.contains("1.1.a,"), "{csv_text}");
    assert!(
        csv_text.contains("AR; BR; CL; PY; UY,5+,5,0,5,0,FAMSI"),
        "{csv_text}"
    );
}

#[tokio::test]
async fn review_workflow_idempotency_and_bad_input() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    d.start(&app).await;
    let path = d.reports_path("2.2.c");
    let input = json!({"reported_on": "2012-11-28", "execution": "yes", "narrative": {"es": "Taller en la Cumbre de Quilmes"},
        "results": [{"kind": "work_plan", "stage": "signed", "achieved_on": "2012-11-29", "evidence": ["https://mercociudades.org/taller"]}, {"kind": "new_instrument"}],
        "evidence": ["https://mercociudades.org/cumbre-quilmes"]});
    let send = |key: &'static str| {
        app.request(Method::POST, &path, Some(&app.staff.token))
            .header("idempotency-key", key)
            .json(&input)
            .send()
    };
    let first = send("taller-quilmes")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.status(), StatusCode::CREATED);
    let first = body(first).await;
    let again = send("taller-quilmes")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(body(again).await["id"], first["id"]);
    assert_eq!(
        app.get_json(
            &format!("/reports?node_id={}", d.nodes["2.2.c"]),
            Some(&app.observer.token)
        )
        .await["total"],
        1
    );
    assert_eq!(first["results"][0]["stage"], "signed");

    // Review: submitted reports are not edited; returned ones are, and go back for review.
    let id = string_of(&first["id"]);
    let report = format!("/reports/{id}");
    assert_invalid(
        review(&app, &id, "approve", &app.admin.token, "\"1\"").await,
        &["status"],
    )
    .await;
    assert_eq!(
        review(&app, &id, "submit", &app.staff.token, "\"1\"")
            .await
            .status(),
        StatusCode::OK
    );
    assert_invalid(
        app.put(&report, Some(&app.staff.token), Some("\"2\""), &input)
            .await,
        &["status"],
    )
    .await;
    assert_invalid(
        review(&app, &id, "return", &app.admin.token, "\"2\"").await,
        &["reason"],
    )
    .await;
    assert_forbidden(
        app.post_if_match(
            &format!("{report}/return"),
            &app.focal.token,
            Some("\"2\""),
            &json!({"reason": "x"}),
        )
        .await,
    )
    .await;
    let res = app
        .post_if_match(
            &format!("{report}/return"),
            &app.admin.token,
            Some("\"2\""),
            &json!({"reason": "Agregue las ciudades participantes"}),
        )
        .await;
    assert_eq!(etag(&res), "\"3\"");
    let seen = app.get_json(&report, Some(&app.staff.token)).await;
    assert_eq!(
        (seen["status"].as_str(), seen["return_reason"].as_str()),
        (Some("returned"), Some("Agregue las ciudades participantes"))
    );
    let mut fixed = input.clone();
    fixed["participants"] = json!({"cities": [d.cities["Montevideo"]]});
    assert_precondition_failed(
        app.put(&report, Some(&app.staff.token), Some("\"2\""), &fixed)
            .await,
    )
    .await;
    assert_precondition_required(app.put(&report, Some(&app.staff.token), None, &fixed).await)
        .await;
    assert_eq!(
        app.put(&report, Some(&app.staff.token), Some("\"3\""), &fixed)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        review(&app, &id, "submit", &app.staff.token, "\"4\"")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        review(&app, &id, "approve", &app.staff.token, "\"5\"")
            .await
            .status(),
        StatusCode::OK
    );
    // Bad input names its field and writes nothing.
    let before = app.audit_count().await;
    for (input, field) in [
        (
            json!({"reported_on": "2012-11-28", "execution": "maybe"}),
            "execution",
        ),
        (json!({"execution": "yes"}), "reported_on"),
        (
            json!({"reported_on": "2012-02-30", "execution": "yes"}),
            "reported_on",
        ),
        (
            json!({"reported_on": "2012-11-28", "execution": "yes", "participants": {"cities": ["00000000-0000-0000-0000-000000000000"]}}),
            "participants.cities[0]",
        ),
        (
            json!({"reported_on": "2012-11-28", "execution": "yes", "participants": {"cities": ["Montevideo"]}}),
            "participants.cities[0]",
        ),
        (
            json!({"reported_on": "2012-11-28", "execution": "yes", "results": [{"kind": "project", "stage": "signed"}]}),
            "results[0].stage",
        ),
        (
            json!({"reported_on": "2012-11-28", "execution": "yes", "results": [{"kind": "project"}]}),
            "results[0].stage",
        ),
        (
            json!({"reported_on": "2012-11-28", "execution": "yes", "results": [{"kind": "prize"}]}),
            "results[0].kind",
        ),
        (
            json!({"reported_on": "2012-11-28", "execution": "yes", "evidence": ["not a link"]}),
            "evidence[0]",
        ),
        (
            json!({"reported_on": "2012-11-28", "execution": "yes", "participants": {"mayors": 3}}),
            "participants.mayors",
        ),
    ] {
        assert_invalid(
            app.post_if_match(&path, &app.staff.token, None, &input)
                .await,
            &[field],
        )
        .await;
    }
    let minimal = json!({"reported_on": "2012-11-28", "execution": "yes"});
    assert_not_found(
        app.post_if_match(
            &format!(
                "/plans/{}/nodes/00000000-0000-0000-0000-000000000000/reports",
                d.plan
            ),
            &app.staff.token,
            None,
            &minimal,
        )
        .await,
    )
    .await;
    assert_invalid(
        app.post_if_match(&d.reports_path("2.2.O"), &app.staff.token, None, &minimal)
            .await,
        &["node_id"],
    )
    .await;
    assert_eq!(app.audit_count().await, before);

    // Who may write: not a focal point, not another unit's coordinator, not an observer.
    for actor in [&app.focal, &app.coordinator, &app.observer, &app.finance] {
        assert_forbidden(app.post_if_match(&path, &actor.token, None, &minimal).await).await;
    }
    let res = app
        .request(Method::POST, &path, None)
        .json(&minimal)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_unauthenticated(res).await;
    assert_invalid(
        app.get("/reports?status=lost", Some(&app.observer.token))
            .await,
        &["status"],
    )
    .await;

    // An activity with reports keeps them: in a new revision, it cannot be deleted.
    app.revise_plan(&d.plan).await;
    d.assert_activity_kept(&app, "2.2.c").await;
}

#[tokio::test]
async fn the_coordinator_of_a_responsible_unit_reports_on_its_activities() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    // Make the test's unit on Culture (whose coordinator the test has, and which the demo took
    // for its own, with the acronym UTC) responsible for 2.2.b.
    d.edit_activity(&app, "2.2.b", json!({"responsible_bodies": ["UTC"]}))
        .await;
    d.start(&app).await;
    let minimal = json!({"reported_on": "2012-10-01", "execution": "partially"});
    let res = app
        .post_if_match(
            &d.reports_path("2.2.b"),
            &app.coordinator.token,
            None,
            &minimal,
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = string_of(&body(res).await["id"]);
    // The author submits; only the secretariat approves.
    assert_eq!(
        review(&app, &id, "submit", &app.coordinator.token, "\"1\"")
            .await
            .status(),
        StatusCode::OK
    );
    assert_forbidden(review(&app, &id, "approve", &app.coordinator.token, "\"2\"").await).await;
    // Another activity of the plan stays out of reach.
    assert_forbidden(
        app.post_if_match(
            &d.reports_path("2.2.a"),
            &app.coordinator.token,
            None,
            &minimal,
        )
        .await,
    )
    .await;
}

#[tokio::test]
async fn results_by_kind_and_stage_and_the_public_view() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    // The public sees approved plans only, without login: not this draft.
    let public = app.get_json("/public/plans", None).await;
    assert_eq!(item_with(&public, "id", &d.plan), Value::Null, "{public}");
    assert_not_found(app.get(&format!("/public/plans/{}", d.plan), None).await).await;
    assert_not_found(
        app.get(&format!("/public/plans/{}/execution-report", d.plan), None)
            .await,
    )
    .await;
    d.start(&app).await;
    let results = json!([
        {"kind": "work_plan", "stage": "signed", "achieved_on": "2012-04-02"},
        {"kind": "project", "stage": "funded"},
        {"kind": "new_instrument", "description": {"es": "Fondo FOCEM para ciudades"}}
    ]);
    report(
        &app,
        &d,
        "1.3.b",
        json!({"reported_on": "2012-04-10", "execution": "yes", "results": results}),
        true,
    )
    .await;
    report(&app, &d, "1.3.c", json!({"reported_on": "2012-05-10", "execution": "yes", "results": [{"kind": "work_plan", "stage": "signed"}]}), true).await;
    report(&app, &d, "1.3.a", json!({"reported_on": "2012-05-10", "execution": "yes", "results": [{"kind": "project", "stage": "agreed"}]}), false).await;

    let report = app
        .get_json(
            &format!("/plans/{}/results-report", d.plan),
            Some(&app.observer.token),
        )
        .await;
    let kind = |k: &str| {
        report["kinds"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| r["kind"] == k)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(kind("work_plan")["total"], 2);
    assert_eq!(
        kind("work_plan")["by_stage"],
        json!({"agreed": 0, "signed": 2, "with_activities": 0, "with_funding": 0})
    );
    assert_eq!(
        kind("project")["total"],
        1,
        "the unapproved report's project does not count"
    );
    assert_eq!(kind("project")["by_stage"]["funded"], 1);
    assert_eq!(kind("new_instrument")["activities"][0]["code"], "1.3.b");
    assert_eq!(kind("new_institutionality")["total"], 0);
    let csv_text = csv_of(&app, &d, "results-report").await;
    assert_eq!(csv_text.lines().count(), 1 + 4, "{csv_text}");

    // Approved and in execution, the public sees the plan and its execution.
    let listed = app.get_json("/public/plans", None).await;
    assert_eq!(item_with(&listed, "id", &d.plan)["status"], "in_execution");
    let document = app
        .get_json(&format!("/public/plans/{}", d.plan), None)
        .await;
    assert_eq!(document["work_plan"]["nodes"][0]["code"], "1");
    let execution = app
        .get_json(&format!("/public/plans/{}/execution-report", d.plan), None)
        .await;
    assert_eq!(execution["total"]["by_execution"]["yes"], 2);
    // Nothing else opens without login.
    for path in [
        format!("/plans/{}", d.plan),
        format!("/plans/{}/results-report", d.plan),
        "/reports".to_owned(),
        "/cities".to_owned(),
    ] {
        assert_unauthenticated(app.get(&path, None).await).await;
    }
}

#[tokio::test]
async fn reports_narrow_to_a_period_a_country_a_body_and_a_perspective() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    let c = |name: &str| d.cities[name].clone();
    // 1.1.b serves T1 (productive integration) and names the international cooperation unit
    // as responsible;
    // 1.1.a does neither.
    let fields = json!({"serves": ["T1.1"], "responsible_bodies": ["UT-CI"]});
    d.edit_activity(&app, "1.1.b", fields).await;
    d.start(&app).await;
    report(&app, &d, "1.1.a", json!({"reported_on": "2012-03-01", "execution": "yes", "participants": {"cities": [c("Montevideo")]}}), true).await;
    report(&app, &d, "1.1.b", json!({"reported_on": "2012-09-01", "execution": "no", "participants": {"cities": [c("Porto Alegre")]}}), true).await;

    let execution = |query: &'static str| {
        let app = &app;
        let plan = d.plan.clone();
        async move {
            app.get_json(
                &format!("/plans/{plan}/execution-report?{query}"),
                Some(&app.observer.token),
            )
            .await
        }
    };
    let totals = |v: &Value| {
        [
            v["total"]["activities"].as_u64(),
            v["total"]["by_execution"]["yes"].as_u64(),
            v["total"]["by_execution"]["no"].as_u64(),
        ]
    };
    // Activities, executed, not executed.
    for (query, expected, why) in [
        ("", [19, 1, 1], "the whole plan"),
        ("from=2012-06-01", [19, 0, 1], "reported from June"),
        ("until=2012-06-01", [19, 1, 0], "reported until June"),
        ("country=BR", [19, 0, 1], "with a Brazilian city"),
        ("serves=T1", [1, 0, 1], "serving the perspective"),
        ("serves=T1.1", [1, 0, 1], "serving the goal"),
        (
            "body=SE",
            [19, 1, 1],
            "the owner's body covers the whole plan",
        ),
        ("body=UT-DS", [0, 0, 0], "a body answering for nothing"),
        ("body=UT-CI", [1, 0, 1], "the body responsible for 1.1.b"),
    ] {
        assert_eq!(
            totals(&execution(query).await),
            expected.map(Some),
            "{query}: {why}"
        );
    }
    // Per responsible body: the cooperation unit answers for 1.1.b, not executed.
    let by_body = execution("").await["by_body"].clone();
    assert_eq!(by_body.as_array().map(Vec::len), Some(1), "{by_body}");
    assert_eq!(
        (
            by_body[0]["code"].as_str(),
            by_body[0]["kind"].as_str(),
            by_body[0]["activities"].as_u64(),
            by_body[0]["by_execution"]["no"].as_u64(),
            by_body[0]["executed_share"].as_f64(),
        ),
        (Some("UT-CI"), Some("body"), Some(1), Some(1), Some(0.0))
    );
    let unit = app
        .get_json(
            &format!(
                "/bodies/{}",
                by_body[0]["body_id"].as_str().unwrap_or_default()
            ),
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(unit["acronym"], "UT-CI", "{by_body}");
    assert!(
        by_body[0]["title"]["es"]
            .as_str()
            .is_some_and(|t| t.contains("Cooperación Internacional")),
        "{by_body}"
    );
    let annual = app
        .get_text(
            &format!("/plans/{}/annual-report?lang=pt", d.plan),
            Some(&app.observer.token),
        )
        .await;
    assert!(
        annual.contains("Execução por instância responsável")
            && annual
                .contains("<td>UT-CI</td><td>Unidade Temática de Cooperação Internacional</td>"),
        "{annual}"
    );
    let participation = app
        .get_json(
            &format!("/plans/{}/participation-report?country=UY", d.plan),
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(participation["countries"], json!(["UY"]));
    // Narrowed to the activities serving T1 (only 1.1.b), the cities of 1.1.a do not count.
    let participation = app
        .get_json(
            &format!("/plans/{}/participation-report?serves=T1", d.plan),
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(
        (
            &participation["countries"],
            &participation["cities"],
            &participation["by_country"]
        ),
        (
            &json!(["BR"]),
            &json!(1),
            &json!([{"country": "BR", "activities": 1, "cities": 1}])
        )
    );
    assert_eq!(
        participation["rows"]
            .as_array()
            .map(|rows| rows.iter().map(|r| r["code"].clone()).collect::<Vec<_>>()),
        Some(vec![json!("1.1.b")])
    );
    for (query, field) in [
        ("from=2012-06-01&until=2012-01-01", "until"),
        ("country=Brasil", "country"),
        ("serves=T9", "serves"),
        ("body=NADA", "body"),
        ("from=ayer", "from"),
        ("colour=red", "colour"),
    ] {
        assert_invalid(
            app.get(
                &format!("/plans/{}/execution-report?{query}", d.plan),
                Some(&app.observer.token),
            )
            .await,
            &[field],
        )
        .await;
    }
}

#[tokio::test]
async fn the_annual_report_is_a_printable_document_in_spanish_and_portuguese() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    let c = |name: &str| d.cities[name].clone();
    // A title with markup is shown as text.
    let change = json!({"title": {"es": "Plan <b>2011</b> & 2012", "pt": "Plano 2011–2012"}, "starts_on": "2011-12-02", "ends_on": "2012-12-06"});
    let plan = format!("/plans/{}", d.plan);
    let staff = Some(app.staff.token.as_str());
    let res = app.put(&plan, staff, Some("\"1\""), &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    d.start(&app).await;
    report(&app, &d, "1.1.a", json!({"reported_on": "2012-05-10", "execution": "yes", "participants": {"cities": [c("Montevideo"), c("Rosario")]}, "results": [{"kind": "project", "stage": "funded"}]}), true).await;
    report(
        &app,
        &d,
        "2.2.c",
        json!({"reported_on": "2012-11-28", "execution": "partially"}),
        true,
    )
    .await;

    let res = app
        .get(
            &format!("/plans/{}/annual-report", d.plan),
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(&res, "content-type").starts_with("text/html"));
    assert!(header(&res, "content-security-policy").contains("style-src 'unsafe-inline'"));
    let es = res.text().await.unwrap_or_default();
    assert!(es.contains("<html lang=\"es\">") && es.contains("Informe anual de ejecución"));
    assert!(es.contains("Plan &lt;b&gt;2011&lt;/b&gt; &amp; 2012") && !es.contains("<b>2011</b>"));
    // 19 activities, 1 executed, 1 partially, 17 without an approved report: 5,3 % and 10,5 %.
    assert!(es.contains("<td class=\"n\">19</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">17</td><td class=\"n\">5,3</td><td class=\"n\">10,5</td>"), "{es}");
    assert!(es.contains("2 (AR, UY)"));
    let pt = app
        .get_text(
            &format!("/plans/{}/annual-report?lang=pt", d.plan),
            Some(&app.observer.token),
        )
        .await;
    assert!(
        pt.contains("<html lang=\"pt\">")
            && pt.contains("Relatório anual de execução")
            && pt.contains("Plano 2011–2012")
    );
    assert!(
        pt.contains("<td>Projeto</td><td class=\"n\">1</td><td>1.1.a</td>"),
        "{pt}"
    );
    assert_invalid(
        app.get(
            &format!("/plans/{}/annual-report?lang=fr", d.plan),
            Some(&app.observer.token),
        )
        .await,
        &["lang"],
    )
    .await;
    assert_unauthenticated(
        app.get(&format!("/plans/{}/annual-report", d.plan), None)
            .await,
    )
    .await;
}

#[tokio::test]
async fn indicators_roll_up_with_their_formula_and_refuse_impossible_values() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    let staff = app.staff.token.as_str();
    let path = |code: &str| format!("/plans/{}/nodes/{}/indicators", d.plan, d.nodes[code]);
    let pct = |n: f64, dd: f64| json!({"numerator": n, "denominator": dd});
    let share_of_cities = |actual: Value| {
        json!({
            "title": {"es": "Ciudades que participan"}, "measure": "percentage",
            "baseline": {"year": 2011, "value": pct(10.0, 100.0)},
            "periods": [
                {"starts_on": "2011-12-02", "ends_on": "2012-06-30", "target": pct(30.0, 100.0)},
                {"starts_on": "2012-07-01", "ends_on": "2012-12-06", "target": pct(50.0, 100.0), "actual": actual,
                 "disaggregations": [{"dimension": "country", "value": "UY", "actual": pct(1.0, 4.0)}]}
            ]
        })
    };
    // Two percentage indicators under policy 1.1: 1 of 4 and 9 of 16 give 10 of 20 = 50 %.
    let res = app
        .post_if_match(&path("1.1.a"), staff, None, &share_of_cities(pct(1.0, 4.0)))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let first = body(res).await;
    assert_eq!(first["node_code"], "1.1.a");
    assert_eq!(
        app.post_if_match(
            &path("1.1.O"),
            staff,
            None,
            &share_of_cities(pct(9.0, 16.0))
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let meeting = json!({"title": {"es": "Reunión realizada"}, "measure": "yes_no", "periods": [{"starts_on": "2012-01-01", "ends_on": "2012-12-31", "actual": {"reached": true}}]});
    assert_eq!(
        app.post_if_match(&path("1.2.a"), staff, None, &meeting)
            .await
            .status(),
        StatusCode::CREATED
    );

    let all = app
        .get_json(
            &format!("/plans/{}/indicators", d.plan),
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(all["indicators"].as_array().map(Vec::len), Some(3));
    let level = |level: &str, code: &str| {
        all["roll_ups"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| r["level"] == level && r["code"] == code)
            .cloned()
            .unwrap_or_default()
    };
    let policy = level("policy", "1.1");
    assert_eq!(policy["measures"][0]["measure"], "percentage");
    assert_eq!(policy["measures"][0]["actual"], 50.0);
    assert_eq!(policy["measures"][0]["target"], 50.0);
    assert_eq!(policy["measures"][0]["weights"], json!([4.0, 16.0]));
    assert!(
        policy["measures"][0]["formula"]
            .as_str()
            .is_some_and(|f| f.contains("numerators"))
    );
    assert_eq!(level("objective", "1.1.O")["measures"][0]["indicators"], 2);
    let plan = level("plan", "");
    assert_eq!(plan["measures"].as_array().map(Vec::len), Some(2));
    assert_eq!(plan["measures"][1]["measure"], "yes_no");
    assert_eq!(plan["measures"][1]["actual"], 100.0);

    // Impossible values are refused, naming their place; nothing is written.
    let before = app.audit_count().await;
    let mut over = share_of_cities(pct(140.0, 100.0));
    let cases = [
        (over.clone(), "periods[1].actual.numerator"),
        (
            {
                over["periods"][0]["ends_on"] = json!("2011-01-01");
                over["periods"][1]["actual"] = pct(1.0, 2.0);
                over.clone()
            },
            "periods[0].ends_on",
        ),
        (
            json!({"title": {"es": "x"}, "measure": "percent"}),
            "measure",
        ),
        (json!({"title": {}, "measure": "unit"}), "title"),
        (
            json!({"title": {"es": "x"}, "measure": "unit", "periods": [{"starts_on": "2012-01-01", "ends_on": "2012-02-01", "actual": {"value": -3}}]}),
            "periods[0].actual.value",
        ),
        (
            json!({"title": {"es": "x"}, "measure": "unit", "periods": [{"starts_on": "2012-01-01", "ends_on": "2012-02-01", "actual": {"reached": true}}]}),
            "periods[0].actual.value",
        ),
        (
            json!({"title": {"es": "x"}, "measure": "unit", "weight": 3}),
            "weight",
        ),
    ];
    for (input, field) in cases {
        assert_invalid(
            app.post_if_match(&path("1.1.b"), staff, None, &input).await,
            &[field],
        )
        .await;
    }
    assert_invalid(
        app.post_if_match(&path("1.1"), staff, None, &meeting).await,
        &["node_id"],
    )
    .await;
    assert_eq!(app.audit_count().await, before);

    // Versions, permissions, and a node with indicators keeps them.
    let indicator = format!("/indicators/{}", first["id"].as_str().unwrap_or_default());
    let update = share_of_cities(pct(2.0, 4.0));
    assert_precondition_required(app.put(&indicator, Some(staff), None, &update).await).await;
    assert_eq!(
        app.put(&indicator, Some(staff), Some("\"1\""), &update)
            .await
            .status(),
        StatusCode::OK
    );
    let read = app.get_json(&indicator, Some(&app.observer.token)).await;
    assert_eq!(read["periods"][1]["actual"]["numerator"], 2.0);
    assert_precondition_failed(
        app.put(&indicator, Some(staff), Some("\"1\""), &update)
            .await,
    )
    .await;
    for actor in [&app.focal, &app.coordinator, &app.observer] {
        assert_forbidden(
            app.post_if_match(&path("1.1.b"), &actor.token, None, &meeting)
                .await,
        )
        .await;
        assert_forbidden(
            app.delete(&indicator, Some(&actor.token), Some("\"2\""))
                .await,
        )
        .await;
    }
    d.assert_activity_kept(&app, "1.1.a").await;
    assert_eq!(
        app.delete(&indicator, Some(staff), Some("\"2\""))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_not_found(app.get(&indicator, Some(staff)).await).await;
}

#[tokio::test]
async fn report_queries_do_not_grow_with_the_reports() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    d.start(&app).await;
    let c = |name: &str| d.cities[name].clone();
    let queries = || {
        let app = &app;
        let plan = d.plan.clone();
        async move {
            let mut counts = Vec::new();
            for report in [
                "execution-report",
                "participation-report",
                "results-report",
                "annual-report",
            ] {
                let before = app.store.query_count();
                let res = app
                    .get(
                        &format!("/plans/{plan}/{report}"),
                        Some(&app.observer.token),
                    )
                    .await;
                assert_eq!(res.status(), StatusCode::OK, "{report}");
                counts.push((report, app.store.query_count() - before));
            }
            counts
        }
    };
    report(&app, &d, "1.1.a", json!({"reported_on": "2012-05-10", "execution": "yes", "participants": {"cities": [c("Montevideo")]}}), true).await;
    let few = queries().await;
    for (i, code) in [
        "1.1.b", "1.2.a", "1.2.b", "1.3.a", "2.1.a", "2.2.a", "2.3.a",
    ]
    .iter()
    .enumerate()
    {
        report(&app, &d, code, json!({"reported_on": format!("2012-0{}-01", i + 1), "execution": "partially", "participants": {"cities": [c("Rosario"), c("Asunción"), c("Santiago")], "organizations": [format!("Org {i}")], "specific_groups": ["Jóvenes"]}, "results": [{"kind": "project", "stage": "agreed"}]}), true).await;
    }
    assert_eq!(queries().await, few, "the same queries for 1 and 8 reports");
}

/// An `Idempotency-Key` names one request: sent again with the same request it replays the
/// first answer; with another body, or on another activity, it is refused and nothing is
/// written; sent twice at the same time, one report is written.
#[tokio::test]
async fn an_idempotency_key_is_bound_to_its_request() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    d.start(&app).await;
    let input = json!({"reported_on": "2012-11-28", "execution": "yes"});
    let send = |path: String, key: &'static str, input: Value| {
        app.request(Method::POST, &path, Some(&app.staff.token))
            .header("idempotency-key", key)
            .json(&input)
            .send()
    };
    let first = send(d.reports_path("2.2.c"), "k-1", input.clone())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.status(), StatusCode::CREATED);
    let first = body(first).await;
    // The same fields in another order, with other spacing, are the same request.
    let reordered = json!({"execution": "yes", "reported_on": "2012-11-28"});
    let again = send(d.reports_path("2.2.c"), "k-1", reordered)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(body(again).await["id"], first["id"]);
    let audited = app.audit_count().await;
    let other_body = json!({"reported_on": "2012-11-28", "execution": "no"});
    for (path, input) in [
        (d.reports_path("2.2.c"), other_body),
        (d.reports_path("1.2.d"), input.clone()),
    ] {
        let res = send(path.clone(), "k-1", input)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let problem = assert_invalid(res, &["Idempotency-Key"]).await;
        assert_eq!(problem["errors"][0]["code"], "key_reused", "{path}");
    }
    assert_eq!(app.audit_count().await, audited, "nothing written");
    // Two requests with one key at the same time: one report, and no server error.
    let (a, b) = tokio::join!(
        send(d.reports_path("1.3.a"), "k-2", input.clone()),
        send(d.reports_path("1.3.a"), "k-2", input.clone())
    );
    let statuses = [
        a.unwrap_or_else(|e| panic!("{e}")).status(),
        b.unwrap_or_else(|e| panic!("{e}")).status(),
    ];
    assert!(statuses.contains(&StatusCode::CREATED), "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| [StatusCode::CREATED, StatusCode::OK, StatusCode::CONFLICT].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(
        app.get_json(
            &format!("/reports?node_id={}", d.nodes["1.3.a"]),
            Some(&app.observer.token)
        )
        .await["total"],
        1
    );
}

/// Progress reports wait for the plan's approval: on a draft the answer is 409
/// `plan_not_approved`, in the reader's language, and nothing is written; approved, the plan
/// takes them; closed, it no longer does.
#[tokio::test]
async fn reports_are_written_only_on_an_approved_plan() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    let path = d.reports_path("1.1.a");
    let input = json!({"reported_on": "2012-05-10", "execution": "yes", "participants": {"cities": [d.cities["Montevideo"]]}});
    let before = app.audit_count().await;
    for (lang, title, draft) in [
        ("es", "El plan no está aprobado", "borrador"),
        ("pt", "O plano não está aprovado", "rascunho"),
        ("en", "The plan is not approved", "draft"),
    ] {
        let res = app
            .request(Method::POST, &path, Some(&app.staff.token))
            .header("accept-language", lang)
            .json(&input)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let problem = assert_problem(res, StatusCode::CONFLICT, "plan_not_approved", &[]).await;
        assert_eq!(problem["title"], title, "{lang}");
        assert!(
            problem["detail"]
                .as_str()
                .is_some_and(|d| d.contains(draft) && d.contains("/approve")),
            "{lang}: {problem}"
        );
    }
    assert_eq!(app.audit_count().await, before, "nothing written");
    let reports = format!("/reports?plan_id={}", d.plan);
    assert_eq!(
        app.get_json(&reports, Some(&app.observer.token)).await["total"],
        0
    );

    // Approved, before it is put in execution, the plan takes reports.
    let plan = format!("/plans/{}", d.plan);
    let tag = etag(&app.get(&plan, Some(&app.admin.token)).await);
    let approval =
        json!({"meeting": "XVI Cumbre de Mercociudades, Montevideo", "approved_on": "2011-12-02"});
    let res = app
        .post_if_match(
            &format!("{plan}/approve"),
            &app.admin.token,
            Some(&tag),
            &approval,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.post_if_match(&path, &app.staff.token, None, &input)
            .await
            .status(),
        StatusCode::CREATED
    );

    // Closed, it takes no more.
    let res = app
        .post_if_match(
            &format!("{plan}/close"),
            &app.admin.token,
            Some(&etag(&res)),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_plan_frozen(
        app.post_if_match(&path, &app.staff.token, None, &input)
            .await,
    )
    .await;
    assert_eq!(
        app.get_json(&reports, Some(&app.observer.token)).await["total"],
        1
    );
}

/// Approving a report leaves its activity's status as it is, unless the reviewer says where the
/// activity stands now (`activity_status`): then the activity moves in the same transaction,
/// through its legal transitions, audited as a change of the activity. A status that is not
/// one, or that the activity cannot reach, is refused naming the field, and nothing is
/// approved. The answer says where the activity stands.
#[tokio::test]
async fn approving_a_report_may_move_its_activity_on() {
    let app = spawn_app().await;
    let d = demo(&app).await;
    d.start(&app).await;
    let admin = app.admin.token.as_str();
    let node = async || {
        app.get_json(&d.node_path("1.1.a"), Some(&app.observer.token))
            .await
    };
    let approve = async |id: &str, input: Option<Value>| {
        let mut req = app
            .request(Method::POST, &format!("/reports/{id}/approve"), Some(admin))
            .header("if-match", "\"2\"");
        if let Some(input) = input {
            req = req.json(&input);
        }
        req.send().await.unwrap_or_else(|e| panic!("{e}"))
    };
    let input = |on: &str| json!({"reported_on": on, "execution": "partially"});

    // Without a body (as a client that offers no choice sends it), or with JSON's null, the
    // activity stays planned.
    let first = report(&app, &d, "1.1.a", input("2012-05-10"), false).await;
    let before = (node().await, app.audit_count().await);
    let res = approve(&first, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let approved = body(res).await;
    assert_eq!(
        (
            approved["status"].as_str(),
            approved["activity_status"].as_str()
        ),
        (Some("approved"), Some("planned"))
    );
    let after = node().await;
    assert_eq!(
        after["version"], before.0["version"],
        "the activity is untouched"
    );
    assert_eq!(
        app.audit_count().await,
        before.1 + 1,
        "only the report changed"
    );
    let other = report(&app, &d, "1.1.a", input("2012-06-10"), false).await;
    let res = approve(&other, Some(Value::Null)).await;
    assert_eq!(body(res).await["activity_status"], "planned");
    assert_eq!(node().await["version"], before.0["version"]);

    // Bad values name the field, and leave the report submitted and the activity planned.
    let second = report(&app, &d, "1.1.a", input("2012-09-10"), false).await;
    let before = app.audit_count().await;
    for (case, input, field) in [
        (
            "not a status",
            json!({"activity_status": "finished"}),
            "activity_status",
        ),
        (
            "unreachable from planned",
            json!({"activity_status": "done"}),
            "activity_status",
        ),
        (
            "not a text",
            json!({"activity_status": 3}),
            "activity_status",
        ),
        ("unknown field", json!({"status": "in_progress"}), "status"),
    ] {
        let res = approve(&second, Some(input)).await;
        crate::helpers::assert_invalid_for(case, res, &[field]).await;
    }
    let res = app
        .request(
            Method::POST,
            &format!("/reports/{second}/approve"),
            Some(admin),
        )
        .header("if-match", "\"2\"")
        .header("content-type", "text/plain")
        .body("activity_status=done")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(app.audit_count().await, before, "nothing written");
    let seen = app
        .get_json(&format!("/reports/{second}"), Some(&app.observer.token))
        .await;
    assert_eq!(
        (seen["status"].as_str(), seen["activity_status"].as_str()),
        (Some("submitted"), Some("planned"))
    );

    // With a status it can reach: approved, and the activity in progress, in one change.
    let res = approve(&second, Some(json!({"activity_status": "in_progress"}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let approved = body(res).await;
    assert_eq!(
        (
            approved["status"].as_str(),
            approved["activity_status"].as_str()
        ),
        (Some("approved"), Some("in_progress"))
    );
    let moved = node().await;
    assert_eq!(moved["status"], "in_progress");
    assert_eq!(
        moved["version"].as_i64(),
        after["version"].as_i64().map(|v| v + 1)
    );
    assert_eq!(
        app.audit_count().await,
        before + 2,
        "the report and the activity"
    );
    let audited = app
        .get_json(
            &format!(
                "/audit?record_type=plan_node&record_id={}",
                d.nodes["1.1.a"]
            ),
            Some(admin),
        )
        .await;
    assert!(
        audited["items"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["after"]["details"]
                .as_str()
                .is_some_and(|t| t.contains("in_progress"))
                && e["actor_id"] == app.admin.id.0.to_string()),
        "{audited}"
    );
    // Every report says where its activity stands now.
    let first = app
        .get_json(&format!("/reports/{first}"), Some(&app.observer.token))
        .await;
    assert_eq!(first["activity_status"], "in_progress");

    // A third report, and the activity done.
    let third = report(&app, &d, "1.1.a", input("2012-11-10"), false).await;
    let res = approve(&third, Some(json!({"activity_status": "done"}))).await;
    assert_eq!(body(res).await["activity_status"], "done");
    assert_eq!(node().await["status"], "done");
}
