use crate::helpers::{
    assert_forbidden, assert_in_use_by, assert_invalid, assert_malformed,
    assert_needs_current_version, assert_not_found, assert_precondition_failed, assert_problem,
    assert_unauthenticated, body, column, etag, header, pairs, spawn_app, string_of,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn rosario_page_city(app: &crate::helpers::TestApp) -> String {
    format!("/cities/{}", app.city_a)
}

#[tokio::test]
async fn create_and_read_a_city() {
    let app = spawn_app().await;
    let input = json!({
        "name": " Quilmes ",
        "country": "ar",
        "population": 582943,
        "membership_status": "active",
        "joined_on": "2000-11-30",
        "contact": {"email": "Relaciones@Quilmes.gov.ar", "website": "https://quilmes.gov.ar", "phone": "+54 11 4200 0000"}
    });
    let res = app.post("/cities", Some(&app.staff.token), &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let location = header(&res, "location");
    let created = body(res).await;
    assert_eq!(created["name"], "Quilmes");
    assert_eq!(created["country"], "AR");
    assert_eq!(created["contact"]["email"], "relaciones@quilmes.gov.ar");
    assert_eq!(created["version"], 1);
    assert_eq!(
        location,
        format!(
            "/api/v1/cities/{}",
            created["id"].as_str().unwrap_or_default()
        )
    );

    let res = app
        .get(
            location.trim_start_matches("/api/v1"),
            Some(&app.observer.token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"1\"");
    let detail = body(res).await;
    assert_eq!(detail["population"], 582943);
    assert_eq!(
        detail["membership_history"],
        json!([{"status": "active", "since": today(), "recorded_at": detail["membership_history"][0]["recorded_at"]}])
    );
    assert_eq!(detail["posts"], json!([]));
    assert_eq!(detail["bodies"], json!([]));
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

#[tokio::test]
async fn bad_input_gets_a_problem_naming_the_field_and_writes_nothing() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let before = app.audit_count().await;
    let cases: Vec<(Value, &str)> = vec![
        (json!({"name": "", "country": "AR"}), "name"),
        (json!({"name": "   ", "country": "AR"}), "name"),
        (json!({"country": "AR"}), "name"),
        (json!({"name": "X", "country": "ZZ"}), "country"),
        (json!({"name": "X", "country": "Argentina"}), "country"),
        (json!({"name": "X"}), "country"),
        (
            json!({"name": "X", "country": "AR", "population": -5}),
            "population",
        ),
        (
            json!({"name": "X", "country": "AR", "population": "many"}),
            "population",
        ),
        (
            json!({"name": "X", "country": "AR", "population": 1.5}),
            "population",
        ),
        (json!({"name": 42, "country": "AR"}), "name"),
        (json!({"name": "X", "country": "AR", "mayor": "Y"}), "mayor"),
        (
            json!({"name": "X", "country": "AR", "membership_status": "sleeping"}),
            "membership_status",
        ),
        (
            json!({"name": "X", "country": "AR", "joined_on": "30/11/2000"}),
            "joined_on",
        ),
        (
            json!({"name": "X", "country": "AR", "contact": {"email": "not-an-email"}}),
            "contact.email",
        ),
        (
            json!({"name": "X", "country": "AR", "contact": {"website": "quilmes.gov.ar"}}),
            "contact.website",
        ),
        (
            json!({"name": "X", "country": "AR", "contact": {"fax": "1"}}),
            "contact.fax",
        ),
        (json!({"name": "x".repeat(201), "country": "AR"}), "name"),
        (json!([1, 2]), ""),
    ];
    for (input, field) in cases {
        let res = app.post("/cities", admin, &input).await;
        assert_invalid(res, &[field]).await;
    }
    // Malformed JSON, a wrong content type, invalid UTF-8, an empty body.
    for raw in [
        &b"{\"name\": \"X\","[..],
        b"{'name': 'X'}",
        b"",
        b"{\"name\":\"\xff\xfe\",\"country\":\"AR\"}",
    ] {
        let res = app
            .request(Method::POST, "/cities", admin)
            .header("content-type", "application/json")
            .body(raw.to_vec())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_malformed(res).await;
    }
    let res = app
        .request(Method::POST, "/cities", admin)
        .header("content-type", "text/plain")
        .body("name=X")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_problem(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        &[],
    )
    .await;
    // A 10 MB body.
    let huge = json!({"name": "x".repeat(10 * 1024 * 1024), "country": "AR"});
    let res = app.post("/cities", admin, &huge).await;
    assert_problem(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", &[]).await;

    assert_eq!(app.audit_count().await, before, "nothing may be written");
    let page = app.get_json("/cities", admin).await;
    assert_eq!(page["total"], 2);
}

#[tokio::test]
async fn problems_speak_the_callers_language() {
    let app = spawn_app().await;
    let res = app
        .request(Method::POST, "/cities", Some(&app.admin.token))
        .header("accept-language", "pt-BR,pt;q=0.9")
        .json(&json!({"name": "X", "country": "AR", "population": -5}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let problem = assert_invalid(res, &["population"]).await;
    assert_eq!(problem["title"], "Dados inválidos");
    assert_eq!(
        problem["errors"][0]["message"],
        "Deve estar entre 0 e 400000000."
    );
    assert_eq!(problem["errors"][0]["code"], "out_of_range");
}

#[tokio::test]
async fn list_filters_sorts_and_pages() {
    let app = spawn_app().await;
    for (name, country) in [
        ("Asunción", "PY"),
        ("Córdoba", "AR"),
        ("La Plata", "AR"),
        ("Porto Alegre", "BR"),
    ] {
        app.create_city(name, country).await;
    }
    let token = Some(app.observer.token.as_str());
    let names = |page: &Value| column(page, "name");
    let page = app.get_json("/cities", token).await;
    assert_eq!(
        names(&page),
        [
            "Asunción",
            "Córdoba",
            "La Plata",
            "Montevideo",
            "Porto Alegre",
            "Rosario"
        ]
    );
    assert_eq!(page["total"], 6);
    let page = app.get_json("/cities?country=ar&sort=-name", token).await;
    assert_eq!(names(&page), ["Rosario", "La Plata", "Córdoba"]);
    let page = app.get_json("/cities?q=PLAT", token).await;
    assert_eq!(names(&page), ["La Plata"]);
    let page = app.get_json("/cities?q=100%25", token).await;
    assert_eq!(
        page["total"], 0,
        "a % in the search is a character, not a wildcard"
    );
    let page = app.get_json("/cities?per_page=2&page=3", token).await;
    assert_eq!(names(&page), ["Porto Alegre", "Rosario"]);
    let page = app.get_json("/cities?per_page=200&page=2", token).await;
    assert_eq!(page["items"], json!([]));

    // Membership in a body.
    let admin = Some(app.admin.token.as_str());
    let res = app
        .post(
            &format!("/bodies/{}/members", app.body_x),
            admin,
            &json!({"city_id": app.city_b.to_string()}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let page = app
        .get_json(&format!("/cities?body_id={}", app.body_x), token)
        .await;
    assert_eq!(names(&page), ["Montevideo"]);

    // Incremental sync.
    let cutoff = chrono::Utc::now();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    app.create_city("Canelones", "UY").await;
    let since = cutoff.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let page = app
        .get_json(
            &format!("/cities?updated_since={}", since.replace('+', "%2B")),
            token,
        )
        .await;
    assert_eq!(names(&page), ["Canelones"]);

    let page = app
        .get_json("/cities?membership_status=suspended", token)
        .await;
    assert_eq!(page["total"], 0);
    for (query, field) in [
        ("per_page=100000", "per_page"),
        ("page=0", "page"),
        ("sort=-mayor", "sort"),
        ("country=Argentina", "country"),
        ("membership_status=asleep", "membership_status"),
        ("body_id=12", "body_id"),
        ("updated_since=2012-13-01", "updated_since"),
        ("citi=Rosario", "citi"),
    ] {
        assert_invalid(app.get(&format!("/cities?{query}"), token).await, &[field]).await;
    }
}

#[tokio::test]
async fn update_needs_the_current_version() {
    let app = spawn_app().await;
    let path = rosario_page_city(&app);
    let admin = Some(app.admin.token.as_str());
    let change = json!({"name": "Rosario", "country": "AR", "population": 948312, "membership_status": "suspended", "status_since": "2012-03-01"});
    let update = async |tag: Option<&str>| app.put(&path, admin, tag, &change).await;
    assert_needs_current_version(update, "\"7\"").await;
    assert_precondition_failed(app.put(&path, admin, Some("soon"), &change).await).await;
    let res = app.put(&path, admin, Some("\"1\""), &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(etag(&res), "\"2\"");
    let detail = app.get_json(&path, admin).await;
    assert_eq!(detail["membership_status"], "suspended");
    let history = pairs(&detail["membership_history"], "status", "since");
    assert_eq!(
        history,
        [("active", "2011-12-02"), ("suspended", "2012-03-01")]
    );
    // The losing writer of a race.
    assert_precondition_failed(app.put(&path, admin, Some("\"1\""), &change).await).await;
    assert_not_found(
        app.put(
            "/cities/00000000-0000-0000-0000-000000000000",
            admin,
            Some("\"1\""),
            &change,
        )
        .await,
    )
    .await;
    assert_not_found(app.get("/cities/not-a-uuid", admin).await).await;
}

#[tokio::test]
async fn a_focal_point_edits_only_their_own_city() {
    let app = spawn_app().await;
    let focal = Some(app.focal.token.as_str());
    let own = format!("/cities/{}", app.city_a);
    let change =
        json!({"name": "Rosario", "country": "AR", "contact": {"phone": "+54 341 480 2000"}});
    let res = app.put(&own, focal, Some("\"1\""), &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["contact"]["phone"], "+54 341 480 2000");
    let other = json!({"name": "Montevideo", "country": "UY"});
    let another = format!("/cities/{}", app.city_b);
    assert_forbidden(app.put(&another, focal, Some("\"1\""), &other).await).await;
    assert_forbidden(app.post("/cities", focal, &other).await).await;
    assert_forbidden(app.delete(&own, focal, Some("\"2\"")).await).await;
    for actor in [&app.observer, &app.finance, &app.coordinator] {
        let token = Some(actor.token.as_str());
        assert_forbidden(app.put(&own, token, Some("\"2\""), &change).await).await;
    }
    for (method, path) in [
        (Method::POST, "/cities".to_owned()),
        (Method::PUT, format!("/cities/{}", app.city_a)),
        (Method::DELETE, format!("/cities/{}", app.city_a)),
    ] {
        let res = app
            .request(method, &path, None)
            .header("if-match", "\"2\"")
            .json(&change)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_unauthenticated(res).await;
    }
}

#[tokio::test]
async fn deleting_a_city_in_use_is_refused_with_the_reason() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    // In a body.
    let city = app.create_city("Tandil", "AR").await;
    let id = string_of(&city["id"]);
    app.post(
        &format!("/bodies/{}/members", app.body_y),
        admin,
        &json!({"city_id": id}),
    )
    .await;
    assert_in_use_by(
        app.delete(&format!("/cities/{id}"), admin, Some("\"1\""))
            .await,
        "member",
    )
    .await;
    // Holding a post.
    let city = app.create_city("Maldonado", "UY").await;
    let id2 = string_of(&city["id"]);
    let term = json!({"body_id": app.body_x.to_string(), "city_id": id2, "role": "coordinator", "starts_on": "2011-12-02", "ends_on": "2012-12-06"});
    assert_eq!(
        app.post("/terms", admin, &term).await.status(),
        StatusCode::CREATED
    );
    assert_in_use_by(
        app.delete(&format!("/cities/{id2}"), admin, Some("\"1\""))
            .await,
        "terms",
    )
    .await;
    // With a focal point.
    assert_in_use_by(
        app.delete(&format!("/cities/{}", app.city_a), admin, Some("\"1\""))
            .await,
        "Users",
    )
    .await;
    // Nothing was cascaded.
    assert_eq!(
        app.get(&format!("/cities/{id}"), admin).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get_json(&format!("/bodies/{}/members", app.body_y), admin)
            .await["total"],
        1
    );
    // A city in use by nothing goes.
    let city = app.create_city("Pergamino", "AR").await;
    let id3 = string_of(&city["id"]);
    assert_eq!(
        app.delete(&format!("/cities/{id3}"), admin, Some("\"1\""))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_not_found(app.get(&format!("/cities/{id3}"), admin).await).await;
    assert_not_found(
        app.delete(&format!("/cities/{id3}"), admin, Some("\"1\""))
            .await,
    )
    .await;
}

#[tokio::test]
async fn a_city_page_lists_its_posts_and_bodies() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let city = app.city_b.to_string();
    app.post(
        &format!("/bodies/{}/members", app.body_x),
        admin,
        &json!({"city_id": city, "since": "2005-12-01"}),
    )
    .await;
    for (role, starts, ends) in [
        ("coordinator", "2011-12-02", "2012-12-06"),
        ("sub_coordinator", "2012-12-07", "2013-12-01"),
    ] {
        let term = json!({"body_id": app.body_x.to_string(), "city_id": city, "role": role, "starts_on": starts, "ends_on": ends});
        assert_eq!(
            app.post("/terms", admin, &term).await.status(),
            StatusCode::CREATED
        );
    }
    let detail = app
        .get_json(&format!("/cities/{city}?as_of=2012-06-30"), admin)
        .await;
    assert_eq!(detail["as_of"], "2012-06-30");
    assert_eq!(detail["posts"].as_array().map(Vec::len), Some(1));
    assert_eq!(detail["posts"][0]["role"], "coordinator");
    assert_eq!(
        detail["posts"][0]["body"]["name"]["es"],
        "Unidad Temática de Cultura"
    );
    assert_eq!(detail["bodies"][0]["id"], app.body_x.to_string());
    let detail = app
        .get_json(&format!("/cities/{city}?as_of=2013-01-01"), admin)
        .await;
    assert_eq!(detail["posts"][0]["role"], "sub_coordinator");
    let detail = app.get_json(&format!("/cities/{city}"), admin).await;
    assert_eq!(detail["posts"], json!([]), "no post is current today");
    assert_invalid(
        app.get(&format!("/cities/{city}?as_of=2012-02-30"), admin)
            .await,
        &["as_of"],
    )
    .await;
}

#[tokio::test]
async fn history_of_a_city() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let path = format!("/cities/{}", app.city_a);
    app.put(
        &path,
        admin,
        Some("\"1\""),
        &json!({"name": "Rosario", "country": "AR", "population": 948312}),
    )
    .await;
    let history = app
        .get_json(&format!("{path}/history"), Some(&app.observer.token))
        .await;
    assert_eq!(history["total"], 2);
    assert_eq!(history["items"][0]["action"], "update");
    assert_eq!(history["items"][0]["actor_id"], app.admin.id.to_string());
    assert_eq!(history["items"][0]["before"]["population"], 1_000_000);
    assert_eq!(history["items"][0]["after"]["population"], 948312);
    assert_eq!(history["items"][1]["action"], "create");
    assert_eq!(history["items"][1]["actor_kind"], "system");
    assert_unauthenticated(app.get(&format!("{path}/history"), None).await).await;
}

#[tokio::test]
async fn names_are_searched_and_sorted_without_regard_to_accents_or_case() {
    let app = spawn_app().await;
    let token = Some(app.observer.token.as_str());
    for (name, country) in [
        ("Ñemby", "PY"),
        ("Curitiba", "BR"),
        ("Águas de Lindóia", "BR"),
        ("Córdoba", "AR"),
        ("Asunción", "PY"),
        ("Maldonado", "UY"),
    ] {
        app.create_city(name, country).await;
    }
    let names = |page: Value| column(&page, "name");
    let sorted = names(app.get_json("/cities?country=BR&sort=name", token).await);
    let at = |n: &str| sorted.iter().position(|x| x == n);
    assert!(at("Águas de Lindóia") < at("Curitiba"), "{sorted:?}");
    let mut all = names(app.get_json("/cities?sort=name&per_page=200", token).await);
    all.retain(|n| {
        [
            "Ñemby",
            "Curitiba",
            "Águas de Lindóia",
            "Córdoba",
            "Asunción",
            "Maldonado",
        ]
        .contains(&n.as_str())
    });
    assert_eq!(
        all,
        [
            "Águas de Lindóia",
            "Asunción",
            "Córdoba",
            "Curitiba",
            "Maldonado",
            "Ñemby"
        ],
        "accents sort with their letter, on every database"
    );
    for (q, expected) in [
        ("cordoba", "Córdoba"),
        ("CÓRDOBA", "Córdoba"),
        ("aguas", "Águas de Lindóia"),
        ("lindoia", "Águas de Lindóia"),
        ("nemby", "Ñemby"),
        ("asuncion", "Asunción"),
    ] {
        let found = names(app.get_json(&format!("/cities?q={q}"), token).await);
        assert_eq!(found, vec![expected.to_owned()], "q={q}");
    }
}
