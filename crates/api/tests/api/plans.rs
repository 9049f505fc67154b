use crate::helpers::{
    TestApp, assert_forbidden, assert_in_use, assert_invalid, assert_malformed, assert_not_found,
    assert_plan_frozen, assert_precondition_failed, assert_precondition_required, assert_problem,
    assert_unauthenticated, body, spawn_app, string_of,
};
use mercociudades_api::demo::SE_PLAN_2011_2012;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn export(app: &TestApp, id: &str, accept: &str) -> String {
    let res = app
        .get_as(
            &format!("/plans/{id}/document"),
            &app.observer.token,
            accept,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap_or_default()
}

/// Every node of `tree` with its parent's code, in tree order.
fn flatten(nodes: &Value, parent: &str, out: &mut Vec<(String, String, String, String)>) {
    for node in nodes.as_array().into_iter().flatten() {
        let code = string_of(&node["code"]);
        out.push((
            parent.to_owned(),
            code.clone(),
            string_of(&node["kind"]),
            string_of(&node["title"]["es"]),
        ));
        flatten(&node["children"], &code, out);
    }
}

#[tokio::test]
async fn the_demo_holds_the_2011_2012_plan_whole() {
    let app = spawn_app().await;
    let id = app.load_demo_plan(&app.observer).await;
    let path = format!("/plans/{id}");
    let tree = app.get_json(&path, Some(&app.focal.token)).await;
    assert_eq!(tree["status"], "in_execution");
    assert_eq!(tree["owner"]["kind"], "executive_secretariat");
    assert_eq!(
        tree["strategic_plan"]["vision"]["es"],
        "Ciudades integradas, inclusivas y participativas."
    );
    let shipped: Value = serde_json::from_str(SE_PLAN_2011_2012).unwrap_or_default();
    let (mut loaded, mut expected) = (Vec::new(), Vec::new());
    flatten(&tree["nodes"], "", &mut loaded);
    flatten(&shipped["work_plan"]["nodes"], "", &mut expected);
    assert_eq!(loaded, expected);
    assert_eq!(loaded.len(), 46);

    // Loading the demo again changes nothing: no record is written.
    let reports = format!("/reports?plan_id={id}&per_page=200");
    let indicators = format!("{path}/indicators");
    let before = (
        app.audit_count().await,
        app.get_text(&path, Some(&app.observer.token)).await,
        app.get_text(&reports, Some(&app.observer.token)).await,
        app.get_text(&indicators, Some(&app.observer.token)).await,
    );
    mercociudades_api::demo::load(&app.store)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let after = (
        app.audit_count().await,
        app.get_text(&path, Some(&app.observer.token)).await,
        app.get_text(&reports, Some(&app.observer.token)).await,
        app.get_text(&indicators, Some(&app.observer.token)).await,
    );
    assert_eq!(after, before);
    assert_eq!(
        app.get_json("/plans", Some(&app.observer.token)).await["total"],
        1
    );

    // The shipped document itself, imported, exports byte for byte; and the demo, loaded once
    // more beside that copy, still finds its own plan.
    let copy = app
        .import_plan(
            &app.staff.token,
            "application/json",
            SE_PLAN_2011_2012.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(copy.status(), StatusCode::CREATED);
    let copy = string_of(&body(copy).await["id"]);
    assert_eq!(
        export(&app, &copy, "application/json").await,
        SE_PLAN_2011_2012
    );
    let audited = app.audit_count().await;
    mercociudades_api::demo::load(&app.store)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(app.audit_count().await, audited);
    let copy = app
        .get_json(&format!("/plans/{copy}"), Some(&app.observer.token))
        .await;
    assert_eq!(copy["status"], "draft");
}

#[test]
fn the_shipped_document_has_every_policy_axis_and_activity_of_the_source() {
    let source =
        include_str!("../../../../plans/sources/plan-de-trabajo-se-mercociudades-2011-2012.txt");
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    let starts = |l: &&str, pattern: fn(&[u8]) -> bool| pattern(l.as_bytes());
    let digit = |b: u8| b.is_ascii_digit();
    let letter = |b: u8| b.is_ascii_lowercase();
    // "2.1.3.- ET: …": work axes.
    let axes = lines
        .iter()
        .filter(|l| {
            starts(l, |b| {
                b.len() > 7
                    && b[0].is_ascii_digit()
                    && b[1] == b'.'
                    && b[2].is_ascii_digit()
                    && b[3] == b'.'
                    && b[4].is_ascii_digit()
                    && b[5] == b'.'
            })
        })
        .count();
    // "1.2.- …": policies, named in the list and again as headings; count the distinct codes.
    let mut policies: Vec<&str> = lines
        .iter()
        .filter(|l| {
            let b = l.as_bytes();
            b.len() > 5
                && digit(b[0])
                && b[1] == b'.'
                && digit(b[2])
                && b[3] == b'.'
                && b[4] == b'-'
        })
        .map(|l| &l[..3])
        .collect();
    policies.sort_unstable();
    policies.dedup();
    // "a.- …" or "- a.- …": activities; "a.1. …" or "b.1.- …": sub-activities.
    let strip = |l: &str| l.trim_start_matches("- ").to_owned();
    let activities = lines
        .iter()
        .map(|l| strip(l))
        .filter(|l| {
            let b = l.as_bytes();
            b.len() > 3 && letter(b[0]) && b[1] == b'.' && b[2] == b'-'
        })
        .count();
    let sub_activities = lines
        .iter()
        .filter(|l| {
            let b = l.as_bytes();
            b.len() > 4 && letter(b[0]) && b[1] == b'.' && digit(b[2]) && b[3] == b'.'
        })
        .count();

    let document: Value = serde_json::from_str(SE_PLAN_2011_2012).unwrap_or_default();
    let mut nodes = Vec::new();
    flatten(&document["work_plan"]["nodes"], "", &mut nodes);
    let count = |kind: &str| nodes.iter().filter(|n| n.2 == kind).count();
    assert_eq!(
        (
            count("policy"),
            count("axis"),
            count("activity"),
            count("sub_activity")
        ),
        (policies.len(), axes, activities, sub_activities)
    );
    assert_eq!(
        (policies.len(), axes, activities, sub_activities),
        (6, 10, 19, 3)
    );
    assert_eq!((count("dimension"), count("objective")), (2, 6));
    // Every text is the source's own.
    let flat_source = source.split_whitespace().collect::<Vec<_>>().join(" ");
    for node in &nodes {
        let flat = node.3.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat_source.contains(&flat),
            "{} is not in the source: {flat}",
            node.1
        );
    }
}

#[tokio::test]
async fn export_import_export_is_identical_in_json_and_yaml() {
    let app = spawn_app().await;
    let id = app.load_demo_plan(&app.observer).await;
    let staff = app.staff.token.clone();
    for (content_type, accept) in [
        ("application/json", "application/json"),
        ("application/yaml", "application/yaml"),
    ] {
        let first = export(&app, &id, accept).await;
        let res = app
            .import_plan(&staff, content_type, first.clone().into_bytes())
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "{content_type}");
        let copy = string_of(&body(res).await["id"]);
        let second = export(&app, &copy, accept).await;
        assert_eq!(first, second, "{content_type}");
    }
    let yaml = export(&app, &id, "application/yaml").await;
    assert!(
        yaml.contains("format: mercociudades-plan") && yaml.contains("code: 1.2.a.1")
            || yaml.contains("code: '1.2.a.1'"),
        "{}",
        &yaml[..300.min(yaml.len())]
    );
}

fn minimal(nodes: Value) -> Value {
    json!({
        "format": "mercociudades-plan",
        "format_version": 1,
        "work_plan": {"title": {"es": "Plan de la UT"}, "owner": {"kind": "thematic_unit"}, "starts_on": "2012-01-01", "ends_on": "2012-12-31", "nodes": nodes}
    })
}

#[tokio::test]
async fn bad_documents_are_refused_naming_the_place_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = app.admin.token.clone();
    let before = app.audit_count().await;
    let ut = |acronym: &str| json!({"kind": "thematic_unit", "acronym": acronym});
    let mut one_owner = minimal(json!([]));
    one_owner["work_plan"]["owner"] = ut("UT-X");
    let cases: Vec<(Value, &str)> = vec![
        (
            minimal(
                json!([{"kind": "dimension", "code": "1", "title": {"es": "A"}}, {"kind": "dimension", "code": "1", "title": {"es": "B"}}]),
            ),
            "work_plan.nodes[1].code",
        ),
        (
            minimal(
                json!([{"kind": "dimension", "code": "1", "title": {"es": "A"}, "children": [{"kind": "activity", "code": "1.a", "title": {"es": "x"}}]}]),
            ),
            "work_plan.nodes[0].children[0].kind",
        ),
        (
            minimal(json!([{"kind": "dimension", "code": "1", "title": {"es": " "}}])),
            "work_plan.nodes[0].title",
        ),
        (
            minimal(json!([{"kind": "dimension", "code": "1"}])),
            "work_plan.nodes[0].title",
        ),
        (
            minimal(
                json!([{"kind": "dimension", "code": "1", "title": {"es": "A"}, "colour": "red"}]),
            ),
            "work_plan.nodes[0].colour",
        ),
        (
            minimal(json!([{"kind": "chapter", "code": "1", "title": {"es": "A"}}])),
            "work_plan.nodes[0].kind",
        ),
        (
            minimal(json!([{"kind": "dimension", "code": "1 2", "title": {"es": "A"}}])),
            "work_plan.nodes[0].code",
        ),
        (one_owner, "work_plan.owner"),
        (minimal(json!([])), "work_plan.owner.acronym"),
    ];
    for (document, field) in cases {
        let res = app
            .import_plan(
                &admin,
                "application/json",
                serde_json::to_vec(&document).unwrap_or_default(),
            )
            .await;
        assert_invalid(res, &[field]).await;
    }
    let invalid_utf8 = b"{\"format\": \"mercociudades-plan\", \"x\": \"\xff\xfe\"}".to_vec();
    assert_malformed(
        app.import_plan(&admin, "application/json", invalid_utf8.clone())
            .await,
    )
    .await;
    assert_malformed(
        app.import_plan(&admin, "application/yaml", invalid_utf8)
            .await,
    )
    .await;
    // Nested past any plan's depth, in either format: refused before it is parsed.
    for (content_type, deep) in [
        (
            "application/yaml",
            format!("format: {}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "application/json",
            format!(
                "{{\"format\": {}{}}}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
    ] {
        let problem = assert_malformed(
            app.import_plan(&admin, content_type, deep.into_bytes())
                .await,
        )
        .await;
        assert!(
            problem["detail"].as_str().is_some_and(|d| d.contains("64")),
            "{content_type}: {problem}"
        );
    }
    let problem = assert_malformed(
        app.import_plan(&admin, "application/yaml", b"format: [unclosed".to_vec())
            .await,
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("line") && d.contains("YAML") && !d.contains("JSON")),
        "{problem}"
    );
    let huge = vec![b' '; 20 * 1024 * 1024];
    assert_problem(
        app.import_plan(&admin, "application/json", huge).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        &[],
    )
    .await;
    assert_problem(
        app.import_plan(&admin, "text/csv", b"a,b".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        &[],
    )
    .await;
    assert_eq!(app.audit_count().await, before, "nothing may be written");
    assert_eq!(app.get_json("/plans", Some(&admin)).await["total"], 0);
}

#[tokio::test]
async fn who_may_import_which_plan() {
    let app = spawn_app().await;
    let mut document =
        minimal(json!([{"kind": "dimension", "code": "1", "title": {"es": "Cultura"}}]));
    // The coordinator's own Thematic Unit is "Unidad Temática de Cultura" (no acronym): give
    // both test units acronyms so that the owner can be named.
    for (id, acronym) in [(app.body_x, "UTC"), (app.body_y, "UTT")] {
        let current = app
            .get_json(&format!("/bodies/{id}"), Some(&app.admin.token))
            .await;
        app.give_acronym(id, &current["name"], acronym).await;
    }
    document["work_plan"]["owner"]["acronym"] = json!("UTC");
    let own = serde_json::to_vec(&document).unwrap_or_default();
    document["work_plan"]["owner"]["acronym"] = json!("UTT");
    let other = serde_json::to_vec(&document).unwrap_or_default();
    assert_eq!(
        app.import_plan(&app.coordinator.token, "application/json", own.clone())
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_forbidden(
        app.import_plan(&app.coordinator.token, "application/json", other.clone())
            .await,
    )
    .await;
    assert_forbidden(
        app.import_plan(&app.staff.token, "application/json", other.clone())
            .await,
    )
    .await;
    for actor in [&app.focal, &app.observer, &app.finance] {
        assert_forbidden(
            app.import_plan(&actor.token, "application/json", own.clone())
                .await,
        )
        .await;
    }
    let res = app
        .post_raw("/plans/import", None, "application/json", own)
        .await;
    assert_unauthenticated(res).await;
    assert_not_found(
        app.get(
            "/plans/00000000-0000-0000-0000-000000000000",
            Some(&app.admin.token),
        )
        .await,
    )
    .await;
    assert_invalid(
        app.get("/plans?status=finished", Some(&app.admin.token))
            .await,
        &["status"],
    )
    .await;
    assert_eq!(
        app.get_json(
            &format!("/plans?owner_body_id={}", app.body_x),
            Some(&app.admin.token)
        )
        .await["total"],
        1
    );
}

#[tokio::test]
async fn the_tree_of_a_large_plan_is_read_in_a_bounded_number_of_queries() {
    let app = spawn_app().await;
    let culture = json!({"es": "Unidad Temática de Cultura"});
    app.give_acronym(app.body_x, &culture, "UTC").await;
    let document = mercociudades_api::demo::synthetic_plan(
        mercociudades_domain::registry::BodyKind::ThematicUnit,
        "UTC",
        2000,
    );
    let res = app
        .import_plan(
            &app.admin.token,
            "application/json",
            document.to_json().into_bytes(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = string_of(&body(res).await["id"]);
    let before = app.store.query_count();
    let res = app
        .get(&format!("/plans/{id}"), Some(&app.observer.token))
        .await;
    let queries = app.store.query_count() - before;
    assert_eq!(res.status(), StatusCode::OK);
    let tree = body(res).await;
    let mut nodes = Vec::new();
    flatten(&tree["nodes"], "", &mut nodes);
    assert_eq!(nodes.iter().filter(|n| n.2 == "activity").count(), 2000);
    assert!(queries <= 5, "{queries} queries");
}

#[tokio::test]
async fn a_draft_plans_title_and_period_change_and_an_unapproved_draft_is_deleted() {
    let app = spawn_app().await;
    let id = app.draft_plan().await;
    let path = format!("/plans/{id}");
    let staff = Some(app.staff.token.as_str());
    let tree = app.get_json(&path, staff).await;
    assert_eq!(
        tree["strategic_plan"]["approved_by_meeting"],
        "Asamblea General de la 16ª Cumbre de Mercociudades, Montevideo"
    );
    let change = json!({"title": {"es": "Plan de Trabajo SE 2011–2012", "pt": "Plano de Trabalho SE 2011–2012"}, "starts_on": "2011-12-02", "ends_on": "2012-12-07"});
    assert_precondition_required(app.put(&path, staff, None, &change).await).await;
    let res = app.put(&path, staff, Some("\"1\""), &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        body(res).await["title"]["pt"],
        "Plano de Trabalho SE 2011–2012"
    );
    assert_precondition_failed(app.put(&path, staff, Some("\"1\""), &change).await).await;
    for (input, field) in [
        (
            json!({"title": {"es": "x"}, "starts_on": "2012-01-01", "ends_on": "2011-01-01"}),
            "ends_on",
        ),
        (
            json!({"starts_on": "2012-01-01", "ends_on": "2012-02-01"}),
            "title",
        ),
        (
            json!({"title": {"es": "x"}, "starts_on": "hoy", "ends_on": "2012-02-01"}),
            "starts_on",
        ),
    ] {
        assert_invalid(app.put(&path, staff, Some("\"2\""), &input).await, &[field]).await;
    }
    for actor in [&app.coordinator, &app.focal, &app.observer] {
        assert_forbidden(
            app.put(&path, Some(&actor.token), Some("\"2\""), &change)
                .await,
        )
        .await;
        assert_forbidden(app.delete(&path, Some(&actor.token), Some("\"2\"")).await).await;
    }

    // Approved, it is frozen; once approved, it is never deleted.
    let approval = json!({"meeting": "XVI Cumbre", "approved_on": "2011-12-02"});
    let res = app
        .post_if_match(
            &format!("{path}/approve"),
            &app.admin.token,
            Some("\"2\""),
            &approval,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_plan_frozen(app.put(&path, staff, Some("\"3\""), &change).await).await;
    assert_plan_frozen(app.delete(&path, staff, Some("\"3\"")).await).await;
    let res = app
        .request(
            Method::POST,
            &format!("{path}/revisions"),
            Some(&app.admin.token),
        )
        .header("if-match", "\"3\"")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(res.status(), StatusCode::OK);
    assert_in_use(app.delete(&path, staff, Some("\"4\"")).await).await;

    // A draft never approved goes, with its tree.
    let copy = app
        .import_plan(
            &app.staff.token,
            "application/json",
            SE_PLAN_2011_2012.as_bytes().to_vec(),
        )
        .await;
    let copy = string_of(&body(copy).await["id"]);
    let before = app.audit_count().await;
    assert_eq!(
        app.delete(&format!("/plans/{copy}"), staff, Some("\"1\""))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.audit_count().await, before + 1);
    assert_not_found(app.get(&format!("/plans/{copy}"), staff).await).await;
}
