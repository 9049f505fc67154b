use crate::helpers::{
    assert_forbidden, assert_in_use_by, assert_invalid, assert_invalid_for,
    assert_needs_current_version, assert_not_found, assert_precondition_failed,
    assert_precondition_required, assert_problem, assert_unauthenticated, body, etag, pairs,
    spawn_app,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn ut(name: &str) -> Value {
    json!({"kind": "thematic_unit", "name": {"es": name, "pt": format!("{name} (pt)")}, "acronym": "UT-X"})
}

#[tokio::test]
async fn create_read_update_delete() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let res = app
        .post("/bodies", admin, &ut("Unidad Temática de Juventud"))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created = body(res).await;
    let path = format!("/bodies/{}", created["id"].as_str().unwrap_or_default());
    assert_eq!(
        created["name"],
        json!({"es": "Unidad Temática de Juventud", "pt": "Unidad Temática de Juventud (pt)"})
    );
    assert_eq!(created["kind"], "thematic_unit");

    let res = app.get(&path, Some(&app.observer.token)).await;
    assert_eq!(etag(&res), "\"1\"");
    let detail = body(res).await;
    assert_eq!(detail["member_count"], 0);
    assert_eq!(detail["posts"], json!([]));

    let change = json!({"kind": "thematic_unit", "name": {"es": "UT de Juventud"}, "description": {"es": "Políticas de juventud"}});
    assert_precondition_required(app.put(&path, admin, None, &change).await).await;
    let res = app.put(&path, admin, Some("\"1\""), &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    let updated = body(res).await;
    assert_eq!(updated["description"]["es"], "Políticas de juventud");
    assert_eq!(updated["acronym"], Value::Null);
    assert_precondition_failed(app.put(&path, admin, Some("\"1\""), &change).await).await;
    assert_precondition_failed(app.delete(&path, admin, Some("\"1\"")).await).await;
    assert_eq!(
        app.delete(&path, admin, Some("\"2\"")).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_not_found(app.get(&path, admin).await).await;
}

#[tokio::test]
async fn bad_bodies_are_refused() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let before = app.audit_count().await;
    for (input, field) in [
        (json!({"kind": "club", "name": {"es": "X"}}), "kind"),
        (json!({"name": {"es": "X"}}), "kind"),
        (json!({"kind": "commission", "name": {}}), "name"),
        (
            json!({"kind": "commission", "name": {"es": " ", "pt": ""}}),
            "name",
        ),
        (json!({"kind": "commission"}), "name"),
        (
            json!({"kind": "commission", "name": {"es": "X", "de": "Y"}}),
            "name.de",
        ),
        (
            json!({"kind": "commission", "name": {"es": "X"}, "acronym": "A".repeat(33)}),
            "acronym",
        ),
        (json!({"kind": "commission", "name": "Comisión"}), "name"),
    ] {
        assert_invalid(app.post("/bodies", admin, &input).await, &[field]).await;
    }
    assert_eq!(app.audit_count().await, before);
}

#[tokio::test]
async fn members_are_added_listed_and_removed() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let members = format!("/bodies/{}/members", app.body_x);
    let rosario = format!("{members}/{}", app.city_a);
    for city in [app.city_a, app.city_b] {
        let res = app
            .post(
                &members,
                admin,
                &json!({"city_id": city.to_string(), "since": "2011-12-02"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(res.headers()["etag"], "\"1\"");
        assert_eq!(
            res.headers()["location"],
            format!("/api/v1{members}/{city}").as_str()
        );
        let added = body(res).await;
        assert_eq!(added["city"]["id"], city.to_string());
        assert_eq!(added["version"], 1);
    }
    // In name order, page after page: Montevideo before Rosario.
    let page = app.get_json(&members, Some(&app.observer.token)).await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["items"][0]["city"]["name"], "Montevideo");
    assert_eq!(page["items"][1]["since"], "2011-12-02");
    assert_eq!(page["items"][1]["version"], 1);
    for (n, name) in [(1, "Montevideo"), (2, "Rosario")] {
        let page = app
            .get_json(&format!("{members}?per_page=1&page={n}"), admin)
            .await;
        assert_eq!(page["items"][0]["city"]["name"], name, "page {n}");
    }
    assert_eq!(
        app.get_json(&format!("/bodies/{}", app.body_x), admin)
            .await["member_count"],
        2
    );
    let page = app
        .get_json(&format!("/bodies?city_id={}", app.city_a), admin)
        .await;
    assert_eq!(page["total"], 1);

    // One membership, with its ETag.
    let res = app.get(&rosario, Some(&app.focal.token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"1\"");
    assert_eq!(body(res).await["city"]["name"], "Rosario");
    assert_not_found(
        app.get(
            &format!("{members}/00000000-0000-0000-0000-000000000001"),
            admin,
        )
        .await,
    )
    .await;
    assert_unauthenticated(app.get(&rosario, None).await).await;

    // Its date is corrected with If-Match.
    let audited = app.audit_count().await;
    let correction = json!({"since": "2012-01-01"});
    let correct = async |tag: Option<&str>| app.put(&rosario, admin, tag, &correction).await;
    assert_needs_current_version(correct, "\"7\"").await;
    for (input, field) in [
        (json!({"since": "2012-13-01"}), "since"),
        (json!({"since": 2012}), "since"),
        (json!({"city_id": app.city_b.to_string()}), "city_id"),
    ] {
        assert_invalid(
            app.put(&rosario, admin, Some("\"1\""), &input).await,
            &[field],
        )
        .await;
    }
    assert_eq!(app.audit_count().await, audited, "nothing was written");
    let res = app.put(&rosario, admin, Some("\"1\""), &correction).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let changed = body(res).await;
    assert_eq!(changed["since"], "2012-01-01");
    assert_eq!(changed["version"], 2);
    let res = app
        .put(&rosario, admin, Some("\"2\""), &json!({"since": null}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body(res).await["since"].is_null());

    assert_problem(
        app.post(&members, admin, &json!({"city_id": app.city_a.to_string()}))
            .await,
        StatusCode::CONFLICT,
        "duplicate",
        &["city_id"],
    )
    .await;
    for (input, field) in [
        (
            json!({"city_id": "00000000-0000-0000-0000-000000000000"}),
            "city_id",
        ),
        (json!({"city_id": "Rosario"}), "city_id"),
        (
            json!({"city_id": app.city_a.to_string(), "since": "yesterday"}),
            "since",
        ),
        (json!({}), "city_id"),
    ] {
        let res = app.post(&members, admin, &input).await;
        assert_invalid_for(&input.to_string(), res, &[field]).await;
    }
    assert_not_found(
        app.post(
            "/bodies/00000000-0000-0000-0000-000000000000/members",
            admin,
            &json!({"city_id": app.city_a.to_string()}),
        )
        .await,
    )
    .await;
    assert_invalid(
        app.get(&format!("{members}?per_page=500"), admin).await,
        &["per_page"],
    )
    .await;

    // A body with members is not deleted.
    assert_in_use_by(
        app.delete(&format!("/bodies/{}", app.body_x), admin, Some("\"1\""))
            .await,
        "member",
    )
    .await;

    // Removing takes the membership's current ETag.
    let audited = app.audit_count().await;
    let remove = async |tag: Option<&str>| app.delete(&rosario, admin, tag).await;
    assert_needs_current_version(remove, "\"2\"").await;
    assert_eq!(app.audit_count().await, audited, "nothing was written");
    let res = app.delete(&rosario, admin, Some("\"3\"")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_not_found(app.delete(&rosario, admin, Some("\"3\"")).await).await;
    assert_eq!(app.get_json(&members, admin).await["total"], 1);
}

#[tokio::test]
async fn a_coordinator_keeps_only_their_own_body() {
    let app = spawn_app().await;
    let coordinator = Some(app.coordinator.token.as_str());
    let own = format!("/bodies/{}", app.body_x);
    let other = format!("/bodies/{}", app.body_y);
    // Rosario's membership of the coordinator's own body.
    let link = format!("{own}/members/{}", app.city_a);
    let unset = json!({"since": null});
    let change = json!({"kind": "thematic_unit", "name": {"es": "Unidad Temática de Cultura"}, "description": {"pt": "Cultura"}});
    assert_eq!(
        app.put(&own, coordinator, Some("\"1\""), &change)
            .await
            .status(),
        StatusCode::OK
    );
    assert_forbidden(app.put(&other, coordinator, Some("\"1\""), &change).await).await;
    // The kind decides how the policy sees the body's plans: a coordinator cannot change it.
    let audited = app.audit_count().await;
    let promoted =
        json!({"kind": "executive_secretariat", "name": {"es": "Unidad Temática de Cultura"}});
    assert_forbidden(app.put(&own, coordinator, Some("\"2\""), &promoted).await).await;
    assert_eq!(app.audit_count().await, audited, "nothing was written");
    assert_eq!(
        app.get_json(&own, coordinator).await["kind"],
        "thematic_unit"
    );
    let member = json!({"city_id": app.city_a.to_string()});
    assert_eq!(
        app.post(&format!("{own}/members"), coordinator, &member)
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.put(
            &link,
            coordinator,
            Some("\"1\""),
            &json!({"since": "2012-03-01"})
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_forbidden(
        app.post(&format!("{other}/members"), coordinator, &member)
            .await,
    )
    .await;
    assert_forbidden(app.post("/bodies", coordinator, &ut("Nueva")).await).await;
    assert_forbidden(app.delete(&own, coordinator, Some("\"2\"")).await).await;
    // Only admins create bodies; staff manage members.
    assert_forbidden(
        app.post("/bodies", Some(&app.staff.token), &ut("Nueva"))
            .await,
    )
    .await;
    assert_eq!(
        app.post(&format!("{other}/members"), Some(&app.staff.token), &member)
            .await
            .status(),
        StatusCode::CREATED
    );
    // A coordinator cannot touch another unit's members.
    let others = format!("{other}/members/{}", app.city_a);
    assert_forbidden(app.put(&others, coordinator, Some("\"1\""), &unset).await).await;
    assert_forbidden(app.delete(&others, coordinator, Some("\"1\"")).await).await;
    for actor in [&app.observer, &app.finance, &app.focal] {
        assert_forbidden(
            app.put(&own, Some(&actor.token), Some("\"2\""), &change)
                .await,
        )
        .await;
        assert_forbidden(app.delete(&link, Some(&actor.token), Some("\"2\"")).await).await;
        assert_forbidden(
            app.put(&link, Some(&actor.token), Some("\"2\""), &unset)
                .await,
        )
        .await;
    }
    assert_unauthenticated(app.put(&link, None, Some("\"2\""), &unset).await).await;
    assert_unauthenticated(app.post("/bodies", None, &ut("Nueva")).await).await;
}

#[tokio::test]
async fn list_filters_and_sorts() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    app.post("/bodies", admin, &json!({"kind": "executive_secretariat", "name": {"es": "Secretaría Ejecutiva"}, "acronym": "SE"})).await;
    let page = app.get_json("/bodies", admin).await;
    let names: Vec<&str> = page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["name"]["es"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Secretaría Ejecutiva",
            "Unidad Temática de Cultura",
            "Unidad Temática de Turismo"
        ]
    );
    assert_eq!(
        app.get_json("/bodies?kind=thematic_unit", admin).await["total"],
        2
    );
    assert_eq!(
        app.get_json("/bodies?q=se", admin).await["items"][0]["acronym"],
        "SE"
    );
    // Search and sort ignore accents and case, in every language of the name.
    for q in ["tematica", "TEMÁTICA", "Temática"] {
        assert_eq!(
            app.get_json(&format!("/bodies?q={q}"), admin).await["total"],
            2,
            "{q}"
        );
    }
    app.post(
        "/bodies",
        admin,
        &json!({"kind": "working_group", "name": {"pt": "Grupo de Trabalho de Gênero"}}),
    )
    .await;
    let page = app.get_json("/bodies?q=genero", admin).await;
    assert_eq!(page["total"], 1);
    assert_eq!(
        page["items"][0]["name"]["pt"],
        "Grupo de Trabalho de Gênero"
    );
    let page = app.get_json("/bodies?sort=name", admin).await;
    let first: Vec<String> = page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| {
            let name = &b["name"];
            name["es"]
                .as_str()
                .or(name["pt"].as_str())
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(
        first,
        [
            "Grupo de Trabalho de Gênero",
            "Secretaría Ejecutiva",
            "Unidad Temática de Cultura",
            "Unidad Temática de Turismo"
        ]
    );
    let page = app.get_json("/bodies?sort=-name&per_page=1", admin).await;
    assert_eq!(page["items"][0]["name"]["es"], "Unidad Temática de Turismo");
    assert_invalid(app.get("/bodies?kind=club", admin).await, &["kind"]).await;
    assert_invalid(
        app.get("/bodies?per_page=100000", admin).await,
        &["per_page"],
    )
    .await;
}

#[tokio::test]
async fn the_history_of_a_body_and_of_a_city_holds_their_memberships() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let rosario = app.city_a.to_string();
    let x = format!("/bodies/{}", app.body_x);
    let y = format!("/bodies/{}", app.body_y);
    for body in [&x, &y] {
        let res = app
            .post(
                &format!("{body}/members"),
                admin,
                &json!({"city_id": rosario}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let link = format!("{x}/members/{rosario}");
    app.put(&link, admin, Some("\"1\""), &json!({"since": "2012-03-01"}))
        .await;
    assert_eq!(
        app.delete(&link, admin, Some("\"2\"")).await.status(),
        StatusCode::NO_CONTENT
    );

    let history = app
        .get_json(&format!("{x}/history"), Some(&app.observer.token))
        .await;
    let entries = pairs(&history, "record_type", "action");
    assert_eq!(
        entries,
        [
            ("body_member", "delete"),
            ("body_member", "update"),
            ("body_member", "create"),
            ("body", "create")
        ],
        "newest first, and not the other body's membership"
    );
    let update = &history["items"][1];
    assert_eq!(update["record_id"], format!("{}/{rosario}", app.body_x));
    assert_eq!(update["after"]["city_name"], "Rosario");
    assert_eq!(
        update["after"]["body_name"]["es"],
        "Unidad Temática de Cultura"
    );
    assert_eq!(update["before"]["since"], Value::Null);
    assert_eq!(update["after"]["since"], "2012-03-01");

    // The city's history holds its memberships of both bodies.
    let history = app
        .get_json(&format!("/cities/{rosario}/history"), admin)
        .await;
    let memberships = history["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["record_type"] == "body_member")
        .count();
    assert_eq!(memberships, 4);
    // Another city's history holds none of them.
    let history = app
        .get_json(&format!("/cities/{}/history", app.city_b), admin)
        .await;
    assert!(
        history["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["record_type"] == "city")
    );
}
