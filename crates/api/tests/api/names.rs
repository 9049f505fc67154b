//! Names as people type them: kept composed (NFC), refused when they hold invisible or control
//! characters.

use crate::helpers::{TestApp, assert_invalid_for, assert_problem_for, body, spawn_app, string_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Sends `input` to `path` as admin, asking for `lang`.
async fn post_in(app: &TestApp, lang: &str, path: &str, input: &Value) -> reqwest::Response {
    app.request(Method::POST, path, Some(&app.admin.token))
        .header("accept-language", lang)
        .json(input)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The characters a name may not hold, as the issue found them accepted.
const INVISIBLE: [(&str, &str); 4] = [
    ("zero-width space", "\u{200B}"),
    ("soft hyphen", "\u{AD}"),
    ("bidi override", "\u{202E}"),
    ("NUL", "\u{0}"),
];

#[tokio::test]
async fn invisible_and_control_characters_are_refused_by_name_in_every_language() {
    let app = spawn_app().await;
    let before = app.audit_count().await;
    for (what, c) in INVISIBLE {
        let cases: [(&str, Value, &str); 4] = [
            (
                "/cities",
                json!({"name": format!("Monte{c}video"), "country": "UY"}),
                "name",
            ),
            (
                "/bodies",
                json!({"kind": "thematic_unit", "name": {"es": "Unidad Temática de Ciencia"}, "acronym": format!("UT{c}CT")}),
                "acronym",
            ),
            (
                "/bodies",
                json!({"kind": "thematic_unit", "name": {"es": format!("Unidad Temática{c} de Ciencia")}}),
                "name.es",
            ),
            (
                "/users",
                json!({"email": format!("ana{c}@stpm.example.org"), "display_name": "Ana", "password": crate::helpers::PASSWORD}),
                "email",
            ),
        ];
        for (path, input, field) in cases {
            let case = format!("{what} in {path} {field}");
            let mut messages = Vec::new();
            for lang in ["es", "en"] {
                let res = post_in(&app, lang, path, &input).await;
                let problem = assert_invalid_for(&case, res, &[field]).await;
                let error = problem["errors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|e| e["field"] == field)
                    .cloned()
                    .unwrap_or_default();
                assert_eq!(error["code"], "invisible_character", "{case}: {problem}");
                let message = error["message"].as_str().unwrap_or_default().to_owned();
                assert!(
                    !message.is_empty() && !message.contains('{') && message.contains("U+"),
                    "{case} ({lang}): {message}"
                );
                messages.push(message);
            }
            assert_ne!(messages[0], messages[1], "{case}: es and en say the same");
        }
    }
    assert_eq!(app.audit_count().await, before, "nothing was written");
}

/// The first page of `list` (`/cities`, `/bodies`) searched for `query`, as an observer.
async fn search(app: &TestApp, list: &str, query: &str) -> Value {
    let mut url = reqwest::Url::parse(&app.url(list)).unwrap_or_else(|e| panic!("{e}"));
    url.query_pairs_mut().append_pair("q", query);
    let res = app
        .client
        .get(url)
        .bearer_auth(&app.observer.token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "searching {list} for {query:?}"
    );
    body(res).await
}

#[tokio::test]
async fn a_name_typed_decomposed_is_stored_composed_and_found_either_way() {
    let app = spawn_app().await;
    let composed = "Paysandú";
    let decomposed = "Paysandu\u{301}";
    assert_ne!(composed, decomposed);
    let created = app.create_city(decomposed, "UY").await;
    assert_eq!(created["name"], composed, "stored in NFC");
    for query in [composed, decomposed, "paysandu", "PAYSANDÚ"] {
        let page = search(&app, "/cities", query).await;
        assert_eq!(page["total"], 1, "{query:?}: {page}");
        assert_eq!(page["items"][0]["id"], created["id"], "{query:?}");
    }
}

/// Asserts a 409 `duplicate` naming `field` and the record `existing_id`, whose name holds
/// `existing_name`; returns the problem.
async fn assert_duplicate_of(
    case: &str,
    res: reqwest::Response,
    field: &str,
    existing_id: &str,
    existing_name: &str,
) -> Value {
    let problem = assert_problem_for(case, res, StatusCode::CONFLICT, "duplicate", &[field]).await;
    assert_eq!(problem["existing"]["id"], existing_id, "{case}: {problem}");
    assert!(
        problem["existing"]["name"]
            .as_str()
            .is_some_and(|n| n.contains(existing_name)),
        "{case}: {problem}"
    );
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains(existing_name) && detail.contains(existing_id) && !detail.contains('{'),
        "{case}: {detail}"
    );
    problem
}

#[tokio::test]
async fn a_city_with_the_name_of_another_in_its_country_is_refused_naming_it() {
    let app = spawn_app().await;
    let montevideo = app.city_b.to_string();
    let before = app.audit_count().await;
    for name in [
        "Montevideo",
        " montevideo ",
        "MONTEVIDEO",
        "Montevídeo",
        "Monte\u{301}video",
        // Cyrillic о and е.
        "M\u{43E}nt\u{435}vide\u{43E}",
    ] {
        let res = app
            .post(
                "/cities",
                Some(&app.staff.token),
                &json!({"name": name, "country": "uy"}),
            )
            .await;
        assert_duplicate_of(name, res, "name", &montevideo, "Montevideo (UY)").await;
    }
    assert_eq!(app.audit_count().await, before, "nothing was written");

    // The same name in another country is another city.
    let other = app.create_city("Montevideo", "AR").await;
    assert_eq!(other["country"], "AR");

    // Renaming a city to the name of another of its country is refused too.
    let rosario = format!("/cities/{}", app.city_a);
    let res = app
        .put(
            &rosario,
            Some(&app.staff.token),
            Some("\"1\""),
            &json!({"name": "MONTEVIDEO", "country": "AR"}),
        )
        .await;
    assert_duplicate_of(
        "renamed in AR",
        res,
        "name",
        &string_of(&other["id"]),
        "Montevideo (AR)",
    )
    .await;

    // A city keeps its own name, whatever the case it is written in now.
    let res = app
        .put(
            &format!("/cities/{montevideo}"),
            Some(&app.staff.token),
            Some("\"1\""),
            &json!({"name": "MONTEVIDEO", "country": "UY"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["name"], "MONTEVIDEO");
}

#[tokio::test]
async fn the_same_city_added_at_once_by_many_is_added_once() {
    let app = spawn_app().await;
    let input = json!({"name": "Salto", "country": "UY"});
    let sends = (0..6).map(|_| app.post("/cities", Some(&app.staff.token), &input));
    let answers = futures_util::future::join_all(sends).await;
    let statuses: Vec<StatusCode> = answers.iter().map(|r| r.status()).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let page = search(&app, "/cities", "salto").await;
    assert_eq!(page["total"], 1, "{page}");
    let salto = string_of(&page["items"][0]["id"]);
    for res in answers {
        if res.status() == StatusCode::CONFLICT {
            assert_duplicate_of("at once", res, "name", &salto, "Salto (UY)").await;
        }
    }
}

#[tokio::test]
async fn a_body_with_the_acronym_of_another_is_refused_naming_it() {
    let app = spawn_app().await;
    let culture = json!({"es": "Unidad Temática de Cultura"});
    app.give_acronym(app.body_x, &culture, "UTC").await;
    let body_x = app.body_x.to_string();
    for acronym in ["UTC", "utc", " Utc ", "ÚTC", "U\u{422}\u{421}"] {
        let res = app
            .post(
                "/bodies",
                Some(&app.admin.token),
                &json!({"kind": "thematic_unit", "name": {"es": "Unidad Temática de Ciencia"}, "acronym": acronym}),
            )
            .await;
        assert_duplicate_of(acronym, res, "acronym", &body_x, "(UTC)").await;
    }
    let res = app
        .put(
            &format!("/bodies/{}", app.body_y),
            Some(&app.admin.token),
            Some("\"1\""),
            &json!({"kind": "thematic_unit", "name": {"es": "Unidad Temática de Turismo"}, "acronym": "utc"}),
        )
        .await;
    assert_duplicate_of("body_y renamed", res, "acronym", &body_x, "Cultura").await;
    // A body keeps its own acronym.
    let res = app
        .put(
            &format!("/bodies/{body_x}"),
            Some(&app.admin.token),
            Some("\"2\""),
            &json!({"kind": "thematic_unit", "name": culture, "acronym": "utc"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // Bodies without an acronym are many.
    let res = app
        .post(
            "/bodies",
            Some(&app.admin.token),
            &json!({"kind": "working_group", "name": {"es": "Grupo de trabajo"}}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn an_e_mail_that_looks_like_another_users_is_refused_naming_it() {
    let app = spawn_app().await;
    let admin = app.admin.id.to_string();
    let before = app.audit_count().await;
    for email in [
        "admin@test.example.org",
        "ADMIN@Test.Example.ORG",
        // Cyrillic а and е.
        "\u{430}dmin@t\u{435}st.example.org",
    ] {
        let res = app
            .post(
                "/users",
                Some(&app.admin.token),
                &json!({"email": email, "display_name": "Ana", "password": crate::helpers::PASSWORD}),
            )
            .await;
        assert_duplicate_of(email, res, "email", &admin, "admin@test.example.org").await;
    }
    assert_eq!(app.audit_count().await, before, "nothing was written");

    let observer = format!("/users/{}", app.observer.id);
    let current = body(app.get(&observer, Some(&app.admin.token)).await).await;
    let mut change = json!({
        "email": "\u{430}dmin@test.example.org",
        "display_name": current["display_name"],
        "language": current["language"],
        "active": true,
        "roles": current["roles"],
    });
    let res = app
        .put(&observer, Some(&app.admin.token), Some("\"1\""), &change)
        .await;
    assert_duplicate_of("observer renamed", res, "email", &admin, "admin@").await;
    // A user keeps their own address, in whatever case it is written.
    change["email"] = json!("OBSERVER@test.example.org");
    let res = app
        .put(&observer, Some(&app.admin.token), Some("\"1\""), &change)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["email"], "observer@test.example.org");
}
