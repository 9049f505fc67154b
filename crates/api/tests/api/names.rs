//! Names as people type them: kept composed (NFC), refused when they hold invisible or control
//! characters.

use crate::helpers::{TestApp, assert_invalid_for, body, spawn_app};
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
