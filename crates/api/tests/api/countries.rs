use crate::helpers::{
    assert_forbidden, assert_in_use_by, assert_invalid, assert_invalid_for, assert_not_found,
    assert_precondition_failed, assert_precondition_required, assert_problem,
    assert_unauthenticated, body, column, etag, spawn_app,
};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn every_south_american_country_is_shipped() {
    let app = spawn_app().await;
    let res = app
        .get("/countries?per_page=200", Some(&app.observer.token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = body(res).await;
    assert_eq!(page["total"], 12);
    assert_eq!(
        column(&page, "code"),
        [
            "AR", "BO", "BR", "CL", "CO", "EC", "GY", "PE", "PY", "SR", "UY", "VE"
        ]
    );
    let uy = &page["items"][10];
    assert_eq!(
        uy["name"],
        json!({"es": "Uruguay", "pt": "Uruguai", "en": "Uruguay"})
    );
    assert_eq!(uy["mercosur_status"], "state_party");
}

#[tokio::test]
async fn filters_sort_and_pages() {
    let app = spawn_app().await;
    let token = Some(app.observer.token.as_str());
    let page = app
        .get_json("/countries?mercosur_status=state_party", token)
        .await;
    assert_eq!(page["total"], 4);
    let page = app.get_json("/countries?q=bra", token).await;
    assert_eq!(page["items"][0]["code"], "BR");
    assert_eq!(page["total"], 1);
    let page = app
        .get_json("/countries?sort=-code&per_page=2&page=2", token)
        .await;
    assert_eq!(column(&page, "code"), ["SR", "PY"]);
    assert_eq!(
        (
            page["page"].as_u64(),
            page["per_page"].as_u64(),
            page["total"].as_u64()
        ),
        (Some(2), Some(2), Some(12))
    );
    let page = app.get_json("/countries?page=99", token).await;
    assert_eq!(page["items"], json!([]));
    assert_eq!(page["total"], 12);

    for (query, field) in [
        ("per_page=0", "per_page"),
        ("per_page=201", "per_page"),
        ("page=-1", "page"),
        ("sort=secret", "sort"),
        ("mercosur_status=member", "mercosur_status"),
        ("updated_since=yesterday", "updated_since"),
        ("colour=blue", "colour"),
    ] {
        let res = app.get(&format!("/countries?{query}"), token).await;
        assert_invalid_for(query, res, &[field]).await;
    }
}

#[tokio::test]
async fn create_update_delete_with_versions() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let input = json!({"code": "gf", "name": {"es": "Guayana Francesa", "pt": "Guiana Francesa", "en": "French Guiana"}, "mercosur_status": "other"});
    let res = app.post("/countries", admin, &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["location"], "/api/v1/countries/GF");
    assert_eq!(etag(&res), "\"1\"");
    assert_eq!(body(res).await["code"], "GF");

    assert_problem(
        app.post("/countries", admin, &input).await,
        StatusCode::CONFLICT,
        "duplicate",
        &["code"],
    )
    .await;

    let change = json!({"name": {"es": "Guayana Francesa", "pt": "Guiana Francesa", "en": "French Guiana (FR)"}, "mercosur_status": "other"});
    assert_precondition_required(app.put("/countries/GF", admin, None, &change).await).await;
    let res = app
        .put("/countries/GF", admin, Some("\"1\""), &change)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"2\"");
    let problem = assert_precondition_failed(
        app.put("/countries/GF", admin, Some("\"1\""), &change)
            .await,
    )
    .await;
    assert_eq!(problem["current_version"], 2);
    assert_eq!(
        app.get_json("/countries/gf", admin).await["name"]["en"],
        "French Guiana (FR)"
    );

    assert_precondition_failed(app.delete("/countries/GF", admin, Some("\"1\"")).await).await;
    assert_precondition_required(app.delete("/countries/GF", admin, None).await).await;
    assert_eq!(
        app.delete("/countries/GF", admin, Some("\"2\""))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_not_found(app.get("/countries/GF", admin).await).await;
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_written() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let before = app.audit_count().await;
    let cases = [
        (
            json!({"code": "GFF", "name": {"es": "a", "pt": "b", "en": "c"}, "mercosur_status": "other"}),
            "code",
        ),
        (
            json!({"code": "GF", "name": {"es": "a", "en": "c"}, "mercosur_status": "other"}),
            "name.pt",
        ),
        (
            json!({"code": "GF", "name": {"es": "a", "pt": "b", "en": "c"}, "mercosur_status": "member"}),
            "mercosur_status",
        ),
        (
            json!({"code": "GF", "name": {"es": "a", "pt": "b", "en": "c"}}),
            "mercosur_status",
        ),
        (
            json!({"code": "GF", "name": {"es": "a", "pt": "b", "en": "c", "fr": "d"}, "mercosur_status": "other"}),
            "name.fr",
        ),
        (
            json!({"code": 12, "name": {"es": "a", "pt": "b", "en": "c"}, "mercosur_status": "other"}),
            "code",
        ),
    ];
    for (input, field) in cases {
        assert_invalid(app.post("/countries", admin, &input).await, &[field]).await;
    }
    let change = json!({"code": "AR", "name": {"es": "a", "pt": "b", "en": "c"}, "mercosur_status": "other"});
    assert_invalid(
        app.put("/countries/UY", admin, Some("\"1\""), &change)
            .await,
        &["code"],
    )
    .await;
    assert_not_found(app.get("/countries/XX", admin).await).await;
    assert_not_found(app.get("/countries/not-a-code", admin).await).await;
    assert_eq!(app.audit_count().await, before);
    assert_eq!(app.get_json("/countries", admin).await["total"], 12);
}

#[tokio::test]
async fn a_country_with_cities_cannot_be_deleted() {
    let app = spawn_app().await;
    assert_in_use_by(
        app.delete("/countries/AR", Some(&app.admin.token), Some("\"1\""))
            .await,
        "cities",
    )
    .await;
    assert_eq!(
        app.get("/countries/AR", Some(&app.admin.token))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn only_the_secretariat_writes_countries() {
    let app = spawn_app().await;
    let input = json!({"code": "GF", "name": {"es": "a", "pt": "b", "en": "c"}, "mercosur_status": "other"});
    assert_unauthenticated(app.post("/countries", None, &input).await).await;
    assert_unauthenticated(app.get("/countries", None).await).await;
    for actor in [&app.observer, &app.finance, &app.coordinator, &app.focal] {
        assert_forbidden(app.post("/countries", Some(&actor.token), &input).await).await;
        assert_forbidden(
            app.put("/countries/UY", Some(&actor.token), Some("\"1\""), &input)
                .await,
        )
        .await;
        assert_forbidden(
            app.delete("/countries/UY", Some(&actor.token), Some("\"1\""))
                .await,
        )
        .await;
    }
    assert_eq!(
        app.post("/countries", Some(&app.staff.token), &input)
            .await
            .status(),
        StatusCode::CREATED
    );
}
