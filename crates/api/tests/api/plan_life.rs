//! A plan's life: edits while a draft, approval, execution, revisions and their differences.

use crate::helpers::{
    TestApp, assert_forbidden, assert_invalid, assert_invalid_for, assert_not_found,
    assert_plan_frozen, assert_precondition_failed, assert_precondition_required, assert_problem,
    body, etag, item_with, spawn_app,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A draft of the 2011–2012 plan of the test's own, with its tree.
async fn draft(app: &TestApp) -> (String, Value) {
    let id = app.draft_plan().await;
    let tree = app
        .get_json(&format!("/plans/{id}"), Some(&app.admin.token))
        .await;
    (id, tree)
}

fn find<'a>(nodes: &'a Value, code: &str) -> Option<&'a Value> {
    nodes.as_array()?.iter().find_map(|n| {
        if n["code"] == code {
            Some(n)
        } else {
            find(&n["children"], code)
        }
    })
}

#[tokio::test]
async fn edit_approve_revise_and_diff() {
    let app = spawn_app().await;
    let (id, tree) = draft(&app).await;
    let staff = app.staff.token.as_str();
    let objective = find(&tree["nodes"], "2.3.O").cloned().unwrap_or_default();
    let objective_id = objective["id"].as_str().unwrap_or_default();
    let children = format!("/plans/{id}/nodes/{objective_id}/children");
    let plan = format!("/plans/{id}");

    // While a draft, the secretariat's staff edit the structure.
    let activity = json!({"kind": "activity", "code": "2.3.d", "title": {"es": "Informe financiero anual"}, "serves": ["T3.4"], "budget": {"amount_minor": 250000, "currency": "USD"}, "responsible_bodies": ["SE"], "responsible_cities": ["Montevideo (UY)"]});
    let res = app.post_if_match(&children, staff, None, &activity).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created = body(res).await;
    assert_eq!(created["budget"]["amount_minor"], 250000);
    assert_problem(
        app.post_if_match(&children, staff, None, &activity).await,
        StatusCode::CONFLICT,
        "duplicate",
        &["code"],
    )
    .await;
    let dimension_child = json!({"kind": "activity", "code": "9.z", "title": {"es": "x"}});
    let dimension_id = find(&tree["nodes"], "2")
        .and_then(|n| n["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    assert_invalid(
        app.post_if_match(
            &format!("/plans/{id}/nodes/{dimension_id}/children"),
            staff,
            None,
            &dimension_child,
        )
        .await,
        &["kind"],
    )
    .await;
    let unknown = json!({"kind": "activity", "code": "2.3.e", "title": {"es": "x"}, "responsible_bodies": ["UT-NADA"], "responsible_cities": ["Atlantis (UY)"], "serves": ["T9"]});
    assert_invalid(
        app.post_if_match(&children, staff, None, &unknown).await,
        &["serves[0]"],
    )
    .await;
    let unknown = json!({"kind": "activity", "code": "2.3.e", "title": {"es": "x"}, "responsible_bodies": ["UT-NADA"], "responsible_cities": ["Atlantis (UY)"]});
    assert_invalid(
        app.post_if_match(&children, staff, None, &unknown).await,
        &["responsible_bodies[0]", "responsible_cities[0]"],
    )
    .await;
    // Neither a coordinator of another unit nor a focal point edits the SE plan.
    for actor in [&app.coordinator, &app.focal, &app.observer] {
        assert_forbidden(
            app.post_if_match(
                &children,
                &actor.token,
                None,
                &json!({"kind": "activity", "code": "2.3.f", "title": {"es": "x"}}),
            )
            .await,
        )
        .await;
    }

    let node_path = format!(
        "/plans/{id}/nodes/{}",
        created["id"].as_str().unwrap_or_default()
    );
    let change = json!({"kind": "activity", "code": "2.3.d", "title": {"es": "Informe financiero anual a la Cumbre"}});
    assert_precondition_required(app.put(&node_path, Some(staff), None, &change).await).await;
    let res = app
        .put(&node_path, Some(staff), Some("\"1\""), &change)
        .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap_or_default()
    );
    assert_eq!(etag(&res), "\"2\"");
    assert_precondition_failed(
        app.put(&node_path, Some(staff), Some("\"1\""), &change)
            .await,
    )
    .await;
    // A content edit cannot move the status around its transitions.
    let skip =
        json!({"kind": "activity", "code": "2.3.d", "title": {"es": "Informe"}, "status": "done"});
    assert_invalid(
        app.put(&node_path, Some(staff), Some("\"2\""), &skip).await,
        &["status"],
    )
    .await;
    let removable = find(&tree["nodes"], "2.3.c").cloned().unwrap_or_default();
    let removable_path = format!(
        "/plans/{id}/nodes/{}",
        removable["id"].as_str().unwrap_or_default()
    );
    assert_eq!(
        app.delete(&removable_path, Some(staff), Some("\"1\""))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );

    // Only a secretariat admin approves, recording the meeting.
    let move_plan = async |action: &str, token: &str, tag: Option<&str>, input: &Value| {
        let path = format!("{plan}/{action}");
        app.post_if_match(&path, token, tag, input).await
    };
    let tag = etag(&app.get(&plan, Some(staff)).await);
    let approval =
        json!({"meeting": "XVI Cumbre de Mercociudades, Montevideo", "approved_on": "2011-12-02"});
    assert_forbidden(move_plan("approve", staff, Some(&tag), &approval).await).await;
    assert_invalid(
        move_plan(
            "approve",
            &app.admin.token,
            Some(&tag),
            &json!({"meeting": "XVI Cumbre"}),
        )
        .await,
        &["approved_on"],
    )
    .await;
    assert_precondition_required(move_plan("approve", &app.admin.token, None, &approval).await)
        .await;
    let res = move_plan("approve", &app.admin.token, Some(&tag), &approval).await;
    assert_eq!(res.status(), StatusCode::OK);
    let tag = etag(&res);
    let approved = body(res).await;
    assert_eq!(
        (
            approved["status"].as_str(),
            approved["approved_on"].as_str()
        ),
        (Some("approved"), Some("2011-12-02"))
    );

    // Approved, the structure is frozen, and the problem names the revision workflow.
    let problem = assert_plan_frozen(
        app.put(&node_path, Some(staff), Some("\"2\""), &change)
            .await,
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("revision")),
        "{problem}"
    );
    assert_plan_frozen(
        app.post_if_match(
            &children,
            staff,
            None,
            &json!({"kind": "activity", "code": "2.3.x", "title": {"es": "x"}}),
        )
        .await,
    )
    .await;
    assert_plan_frozen(app.delete(&node_path, Some(staff), Some("\"2\"")).await).await;
    // Execution is recorded all the same, through legal transitions only.
    let status_path = format!("{node_path}/status");
    let set_status = async |status: &str, tag: &str| {
        let change = json!({"status": status});
        app.put(&status_path, Some(staff), Some(tag), &change).await
    };
    for status in ["done", "finished"] {
        let res = set_status(status, "\"2\"").await;
        assert_invalid_for(status, res, &["status"]).await;
    }
    assert_eq!(
        set_status("in_progress", "\"2\"").await.status(),
        StatusCode::OK
    );
    assert_precondition_failed(set_status("done", "\"2\"").await).await;

    // A new revision, edited and approved again; the difference lists exactly the change.
    assert_forbidden(move_plan("revisions", staff, Some(&tag), &json!({})).await).await;
    let res = move_plan("revisions", &app.admin.token, Some(&tag), &json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["revision"], 2);
    let renamed = json!({"kind": "activity", "code": "2.3.d", "title": {"es": "Informe financiero anual a la Cumbre y al Consejo"}});
    assert_eq!(
        app.put(&node_path, Some(staff), Some("\"3\""), &renamed)
            .await
            .status(),
        StatusCode::OK
    );
    let new_activity =
        json!({"kind": "activity", "code": "2.3.e", "title": {"es": "Auditoría externa"}});
    assert_eq!(
        app.post_if_match(&children, staff, None, &new_activity)
            .await
            .status(),
        StatusCode::CREATED
    );
    let current = etag(&app.get(&plan, Some(staff)).await);
    let approval = json!({"meeting": "Consejo de Dirección, Quilmes", "approved_on": "2012-06-15"});
    assert_eq!(
        move_plan("approve", &app.admin.token, Some(&current), &approval)
            .await
            .status(),
        StatusCode::OK
    );

    let kept = app
        .get_json(&format!("{plan}/revisions"), Some(&app.observer.token))
        .await;
    assert_eq!(kept.as_array().map(Vec::len), Some(2));
    assert_eq!(
        kept[1]["approved_by_meeting"],
        "Consejo de Dirección, Quilmes"
    );
    let diff = app
        .get_json(
            &format!("/plans/{id}/revisions/1/diff/2"),
            Some(&app.observer.token),
        )
        .await;
    let codes = |list: &Value| {
        list.as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n["code"].as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&diff["diff"]["added"]), ["2.3.e"]);
    assert_eq!(codes(&diff["diff"]["removed"]), Vec::<String>::new());
    assert_eq!(codes(&diff["diff"]["changed"]), ["2.3.d"]);
    assert_eq!(
        diff["diff"]["changed"][0]["fields"],
        json!(["title", "status"])
    );
    let since_draft = app
        .get_json(
            &format!("/plans/{id}/revisions/1/diff/current"),
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(codes(&since_draft["diff"]["added"]), ["2.3.e"]);
    assert_not_found(
        app.get(
            &format!("/plans/{id}/revisions/1/diff/7"),
            Some(&app.observer.token),
        )
        .await,
    )
    .await;

    // Into execution, then closed; a closed plan takes no more changes.
    let current = etag(&app.get(&plan, Some(staff)).await);
    let res = move_plan("start", &app.admin.token, Some(&current), &json!({})).await;
    assert_eq!(body(res).await["status"], "in_execution");
    let current = etag(&app.get(&plan, Some(staff)).await);
    assert_invalid(
        move_plan("approve", &app.admin.token, Some(&current), &approval).await,
        &["status"],
    )
    .await;
    let res = move_plan("close", &app.admin.token, Some(&current), &json!({})).await;
    assert_eq!(body(res).await["status"], "closed");
    let node = app.get_json(&plan, Some(staff)).await;
    let version = find(&node["nodes"], "2.3.d")
        .map(|n| n["version"].to_string())
        .unwrap_or_default();
    assert_plan_frozen(set_status("done", &format!("\"{version}\"")).await).await;
}

#[tokio::test]
async fn coverage_shows_what_serves_each_goal_and_axis() {
    let app = spawn_app().await;
    let (id, tree) = draft(&app).await;
    let objective_id = find(&tree["nodes"], "1.1.O")
        .and_then(|n| n["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let children = format!("/plans/{id}/nodes/{objective_id}/children");
    let activity = json!({"kind": "activity", "code": "1.1.c", "title": {"es": "Jornada de integración fronteriza"}, "serves": ["T2.1"]});
    assert_eq!(
        app.post_if_match(&children, &app.staff.token, None, &activity)
            .await
            .status(),
        StatusCode::CREATED
    );

    // A Thematic Unit's plan whose activity contributes to an axis of the SE plan.
    let ut = json!({
        "format": "mercociudades-plan", "format_version": 1,
        "work_plan": {"title": {"es": "Plan de trabajo UT Cultura 2012"}, "owner": {"kind": "thematic_unit", "acronym": "UTC"}, "starts_on": "2012-01-01", "ends_on": "2012-12-31",
            "nodes": [{"kind": "dimension", "code": "1", "title": {"es": "Cultura"}, "children": [{"kind": "policy", "code": "1.1", "title": {"es": "Circulación cultural"}, "children": [
                {"kind": "objective", "code": "1.1.O", "title": {"es": "Circular artistas"}, "children": [
                    {"kind": "activity", "code": "1.1.a", "title": {"es": "Festival de las ciudades"}, "contributes_to": ["1.2.1"]}
                ]}
            ]}]}]}
    });
    // The test's own unit on Culture stands for the demo's, whose acronym the demo gave it.
    let coordinator = mercociudades_api::demo::USERS
        .iter()
        .find(|u| u.email.starts_with("coordinator"))
        .map(|u| (u.email, u.password))
        .unwrap_or_default();
    let session = app.sign_in(coordinator.0, coordinator.1).await;
    let document = serde_json::to_vec(&ut).unwrap_or_default();
    let res = app
        .import_plan(&session.access, "application/json", document)
        .await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap_or_default()
    );

    let coverage = app
        .get_json(&format!("/plans/{id}/coverage"), Some(&app.observer.token))
        .await;
    let item = |list: &str, code: &str| item_with(&coverage[list], "code", code);
    assert_eq!(item("goals", "T2.1")["activities"][0]["code"], "1.1.c");
    assert_eq!(item("perspectives", "T2")["activities"][0]["code"], "1.1.c");
    assert_eq!(item("perspectives", "T1")["activities"], json!([]));
    let uncovered: Vec<&str> = coverage["uncovered_goals"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        uncovered,
        ["T1.1", "T1.2", "T2.2", "T3.1", "T3.2", "T3.3", "T3.4"]
    );
    assert_eq!(
        item("axes", "1.2.1")["activities"][0]["title"]["es"],
        "Festival de las ciudades"
    );
    assert_eq!(item("axes", "1.1.1")["activities"], json!([]));
}
