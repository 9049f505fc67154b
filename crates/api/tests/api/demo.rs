//! The demo tells the 2011–2012 story: the Executive Secretariat's plan approved at the XVI
//! Summit and in execution, its activities with who answers for them and when, progress
//! reports across 2012, indicators, and work left for the Culture coordinator.

use crate::helpers::{TestApp, body, etag, spawn_app, string_of};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Every node of a tree, children after their parent.
fn nodes(tree: &Value) -> Vec<Value> {
    fn walk(nodes: &Value, out: &mut Vec<Value>) {
        for n in nodes.as_array().into_iter().flatten() {
            out.push(n.clone());
            walk(&n["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&tree["nodes"], &mut out);
    out
}

fn texts(list: &Value) -> Vec<&str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

async fn demo(app: &TestApp) -> (String, Value) {
    let id = app.load_demo_plan(&app.observer).await;
    let tree = app
        .get_json(&format!("/plans/{id}"), Some(&app.observer.token))
        .await;
    (id, tree)
}

#[tokio::test]
async fn the_plan_was_approved_at_the_xvi_summit_and_is_in_execution() {
    let app = spawn_app().await;
    let (id, tree) = demo(&app).await;
    assert_eq!(tree["status"], "in_execution");
    assert_eq!(
        tree["approved_by_meeting"],
        "XVI Cumbre de Mercociudades, Montevideo"
    );
    assert_eq!(tree["approved_on"], "2011-12-02");
    let revisions = app
        .get_json(&format!("/plans/{id}/revisions"), Some(&app.observer.token))
        .await;
    assert_eq!(revisions.as_array().map(Vec::len), Some(1), "{revisions}");

    // Every activity and sub-activity names who answers for it, where, and when in 2012.
    let all = nodes(&tree);
    let activities: Vec<&Value> = all
        .iter()
        .filter(|n| n["kind"] == "activity" || n["kind"] == "sub_activity")
        .collect();
    assert_eq!(activities.len(), 22);
    for a in &activities {
        let code = a["code"].as_str().unwrap_or_default();
        assert!(!texts(&a["responsible_bodies"]).is_empty(), "{code}: {a}");
        assert!(!texts(&a["responsible_cities"]).is_empty(), "{code}: {a}");
        for date in ["starts_on", "ends_on"] {
            assert!(
                a[date].as_str().is_some_and(|d| d.starts_with("2012-")),
                "{code} {date}: {a}"
            );
        }
    }
    let node = |code: &str| {
        all.iter()
            .find(|n| n["code"] == code)
            .cloned()
            .unwrap_or_default()
    };
    // The partners the source names.
    assert_eq!(
        texts(&node("1.2.a")["partners"]),
        ["FAMSÍ", "ICLEI", "FNP", "AUGM"]
    );
    assert_eq!(texts(&node("1.2.a.1")["partners"]), ["CGLU", "FAMSÍ"]);
    assert_eq!(texts(&node("1.2.d")["partners"]), ["UNASUR"]);
    assert_eq!(texts(&node("1.3.c")["partners"]), ["CCMAS"]);
    // The Executive Secretariat in Montevideo, the STPM and the Thematic Units answer.
    let answer = |acronym: &str| {
        activities
            .iter()
            .filter(|a| texts(&a["responsible_bodies"]).contains(&acronym))
            .count()
    };
    assert!(answer("SE") >= 10 && answer("STPM") >= 5);
    for unit in ["UTC", "UT-DS", "UT-CI", "UT-ADS"] {
        assert!(answer(unit) >= 1, "{unit}");
    }
    assert!(
        answer("UTC") >= 3,
        "several activities for the Culture unit"
    );
    // Put in progress, done, or still planned (an activity without a status).
    let statuses: Vec<&str> = activities
        .iter()
        .map(|a| a["status"].as_str().unwrap_or("planned"))
        .collect();
    for status in ["planned", "in_progress", "done"] {
        assert!(statuses.contains(&status), "{status}: {statuses:?}");
    }
}

#[tokio::test]
async fn the_plans_reports_show_2012_as_it_went() {
    let app = spawn_app().await;
    let (id, _) = demo(&app).await;
    let reader = Some(app.observer.token.as_str());
    let execution = app
        .get_json(&format!("/plans/{id}/execution-report"), reader)
        .await;
    let total = &execution["total"];
    assert!(
        total["executed_share"].as_f64().is_some_and(|s| s > 0.0),
        "{total}"
    );
    assert!(
        total["by_execution"]["not_reported"]
            .as_u64()
            .is_some_and(|n| n > 0),
        "some activities are not reported: {total}"
    );
    assert!(
        execution["by_body"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|b| b["code"] == "UTC"),
        "{execution}"
    );

    let participation = app
        .get_json(&format!("/plans/{id}/participation-report"), reader)
        .await;
    let countries = texts(&participation["countries"]);
    assert!(countries.len() >= 5, "{countries:?}");
    assert!(
        participation["activities_by_band"]["5+"]
            .as_u64()
            .is_some_and(|n| n >= 1),
        "{participation}"
    );

    let results = app
        .get_json(&format!("/plans/{id}/results-report"), reader)
        .await;
    let kinds: Vec<&str> = results["kinds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|k| k["total"].as_u64().is_some_and(|n| n > 0))
        .filter_map(|k| k["kind"].as_str())
        .collect();
    assert!(kinds.len() >= 3, "{kinds:?}");

    // Reports across 2012, by the demo's users; one returned with its reason, one waiting for
    // review.
    let reports = app
        .get_json(&format!("/reports?plan_id={id}&per_page=200"), reader)
        .await;
    let items = reports["items"].as_array().cloned().unwrap_or_default();
    assert!(items.len() >= 8, "{reports}");
    assert!(
        items.iter().all(|r| r["reported_on"]
            .as_str()
            .is_some_and(|d| d.starts_with("2012-"))
            && r["author_kind"] == "user"),
        "{reports}"
    );
    let returned = app
        .get_json(&format!("/reports?plan_id={id}&status=returned"), reader)
        .await;
    assert_eq!(returned["total"], 1, "{returned}");
    assert!(
        returned["items"][0]["return_reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty()),
        "{returned}"
    );
    let waiting = app
        .get_json(&format!("/reports?plan_id={id}&status=submitted"), reader)
        .await;
    assert_eq!(waiting["total"], 1, "{waiting}");

    // Indicators with baselines and targets, some with values reached.
    let indicators = app
        .get_json(&format!("/plans/{id}/indicators"), reader)
        .await;
    let list = indicators["indicators"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(list.len() >= 3, "{indicators}");
    for i in &list {
        assert!(i["baseline"]["year"] == 2011, "{i}");
        assert!(!i["periods"][0]["target"].is_null(), "{i}");
    }
    assert!(
        list.iter().any(|i| !i["periods"][0]["actual"].is_null()),
        "{indicators}"
    );
    assert!(
        list.iter().any(|i| i["periods"][0]["actual"].is_null()),
        "{indicators}"
    );
}

/// The Culture coordinator, signed in with the demo password the README gives, has an
/// activity of the unit not reported yet, and reports on it with no admin step.
#[tokio::test]
async fn the_culture_coordinator_has_an_activity_to_report_on() {
    let app = spawn_app().await;
    let (id, tree) = demo(&app).await;
    let session = app
        .sign_in(
            "coordinator@demo.mercociudades.org",
            "demo-coordinator-cultura",
        )
        .await;
    assert!(!session.access.is_empty(), "{}", session.answer);
    let token = session.access.as_str();

    // The unit's activities, and those nobody reported on yet.
    let culture: Vec<Value> = nodes(&tree)
        .into_iter()
        .filter(|n| texts(&n["responsible_bodies"]).contains(&"UTC"))
        .collect();
    assert!(culture.len() >= 3, "{culture:?}");
    let mut unreported = Vec::new();
    for a in &culture {
        let node = string_of(&a["id"]);
        let reports = app
            .get_json(&format!("/reports?node_id={node}"), Some(token))
            .await;
        if reports["total"] == 0 {
            unreported.push(node);
        }
    }
    assert!(!unreported.is_empty(), "every Culture activity is reported");
    // The coordinator's own report returned with a reason is there to mend, too.
    let me = app.get_json("/auth/me", Some(token)).await;
    let returned = app
        .get_json(
            &format!("/reports?plan_id={id}&status=returned"),
            Some(token),
        )
        .await;
    assert_eq!(returned["items"][0]["author_id"], me["id"], "{returned}");
    // The coordinator's inbox lists the same: those activities, and that report with its reason.
    let inbox = app.get_json("/inbox", Some(token)).await;
    let listed = |kind: &str, field: &str| -> Vec<String> {
        let mut ids: Vec<String> = inbox["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|i| i["kind"] == kind)
            .map(|i| string_of(&i[field]))
            .collect();
        ids.sort();
        ids
    };
    let mut expected = unreported.clone();
    expected.sort();
    assert_eq!(
        listed("activity_unreported", "activity_id"),
        expected,
        "{inbox}"
    );
    assert_eq!(
        listed("report_returned", "report_id"),
        [string_of(&returned["items"][0]["id"])],
        "{inbox}"
    );

    let node = &unreported[0];
    let input = json!({
        "reported_on": "2012-11-16",
        "execution": "partially",
        "narrative": {"es": "Primeros contactos con medios regionales."},
        "participants": {"cities": []}
    });
    let res = app
        .post_if_match(
            &format!("/plans/{id}/nodes/{node}/reports"),
            token,
            None,
            &input,
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let tag = etag(&res);
    let created = body(res).await;
    let res = app
        .post_if_match(
            &format!("/reports/{}/submit", string_of(&created["id"])),
            token,
            Some(&tag),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["status"], "submitted");
}

/// The words of a text, lower case, with the markup and the style sheet left out.
fn words(text: &str) -> std::collections::BTreeSet<String> {
    let text = match (text.find("<style"), text.find("</style>")) {
        (Some(start), Some(end)) if start < end => format!("{}{}", &text[..start], &text[end..]),
        _ => text.to_owned(),
    };
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 2)
        .map(str::to_lowercase)
        .collect()
}

#[tokio::test]
async fn the_annual_report_in_spanish_or_portuguese_holds_no_english_word() {
    let app = spawn_app().await;
    let (id, tree) = demo(&app).await;
    let report = |lang: &str| {
        let path = format!("/plans/{id}/annual-report?lang={lang}");
        let app = &app;
        async move { app.get_text(&path, Some(&app.observer.token)).await }
    };
    let (en, es, pt) = (report("en").await, report("es").await, report("pt").await);
    // The English words: those of the English report that neither the plan's own data (kept in
    // the language it was written in) nor the other two languages' reports hold.
    let bodies = app
        .get_json("/bodies?per_page=200", Some(&app.observer.token))
        .await;
    let data = words(&format!("{tree} {bodies}"));
    let (es_words, pt_words) = (words(&es), words(&pt));
    let english: Vec<String> = words(&en)
        .into_iter()
        .filter(|w| !data.contains(w))
        .collect();
    assert!(
        english.len() > 20,
        "the English report has its own words: {english:?}"
    );
    for (lang, found) in [("es", &es_words), ("pt", &pt_words)] {
        let leaked: Vec<&String> = english
            .iter()
            .filter(|w| found.contains(*w) && !shared_by_the_languages(w))
            .collect();
        assert!(
            leaked.is_empty(),
            "English words in the {lang} report: {leaked:?}"
        );
    }
}

/// Words English writes as Spanish or Portuguese do (a total, a plan, a country code).
fn shared_by_the_languages(word: &str) -> bool {
    [
        "total",
        "plan",
        "mercociudades",
        "urbal",
        "uruguay",
        "argentina",
        "brasil",
        "paraguay",
    ]
    .contains(&word)
}

#[tokio::test]
async fn the_events_of_2011_2012_count_who_came() {
    let app = spawn_app().await;
    let (plan, _) = demo(&app).await;
    // Loading again adds nothing.
    let again = mercociudades_api::demo::load(&app.store)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(again.events, 0);
    let events = app
        .get_json("/events?per_page=50", Some(&app.observer.token))
        .await;
    assert_eq!(events["total"], 7, "{events}");
    let summit = &events["items"][0];
    assert_eq!(summit["title"]["es"], "XVI Cumbre de Mercociudades");
    assert_eq!(summit["status"], "held");
    assert_eq!(summit["local_starts_at"], "2011-11-30T09:00:00");
    assert_eq!(summit["host_city"]["name"], "Montevideo");
    let quilmes = &events["items"][6];
    assert_eq!(quilmes["status"], "planned");
    assert_eq!(quilmes["host_city"]["name"], "Quilmes");
    assert_eq!(quilmes["activities"][0]["code"], "2.2.c");

    // La Paz registered for the Summit and did not come.
    let id = string_of(&summit["id"]);
    let delegations = app
        .get_json(
            &format!("/events/{id}/delegations"),
            Some(&app.observer.token),
        )
        .await;
    let status_of = |name: &str| {
        delegations["items"]
            .as_array()
            .and_then(|l| l.iter().find(|d| d["city"]["name"] == name))
            .map(|d| d["status"].clone())
            .unwrap_or_default()
    };
    assert_eq!(status_of("Montevideo"), "attended");
    assert_eq!(status_of("La Paz"), "no_show");

    // The three jornadas carry out 1.1.a: their cities count once each for it.
    let report = app
        .get_json(
            &format!("/plans/{plan}/participation-report"),
            Some(&app.observer.token),
        )
        .await;
    let row = report["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["code"] == "1.1.a"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["events"], 3, "{row}");
    // Rosario, Córdoba, Santa Fe, Canoas and Montevideo came to the first (Valparaíso did
    // not); six cities to the second, Montevideo again; six to the third.
    assert!(
        row["cities_attended"].as_u64().unwrap_or_default() >= 15,
        "{row}"
    );
    for country in ["AR", "BO", "BR", "PY", "UY"] {
        assert!(
            texts(&row["countries"]).contains(&country),
            "{country} in {row}"
        );
    }

    // Rosario's focal point is invited to Quilmes and has not answered.
    let inbox = app.get_json("/inbox", Some(&focal_token(&app).await)).await;
    let waiting = &inbox["invitations"];
    assert_eq!(waiting[0]["city_name"], "Rosario", "{inbox}");
    assert_eq!(waiting[0]["event_id"], quilmes["id"]);
}

/// A signed-in session of the demo's focal point (of Rosario).
async fn focal_token(app: &TestApp) -> String {
    let session = app
        .sign_in("focal@demo.mercociudades.org", focal_password())
        .await;
    session.access
}

fn focal_password() -> &'static str {
    mercociudades_api::demo::USERS
        .iter()
        .find(|u| u.email == "focal@demo.mercociudades.org")
        .map(|u| u.password)
        .unwrap_or_default()
}
