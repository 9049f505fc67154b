//! Where member cities are, for a map: a city's `location` (latitude and longitude in decimal
//! degrees, WGS 84) is given with the city, read back exactly, checked, audited, and part of
//! the profile a focal point keeps; the demo places every one of its cities.

use crate::helpers::{
    assert_forbidden, assert_invalid, assert_invalid_for, body, etag, item_with, spawn_app,
    string_of,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// South America, with its islands: the box every member city lies in.
const LATITUDES: std::ops::RangeInclusive<f64> = -56.0..=13.0;
const LONGITUDES: std::ops::RangeInclusive<f64> = -82.0..=-34.0;

#[tokio::test]
async fn a_location_is_read_back_exactly_as_sent() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let input = json!({
        "name": "Canelones",
        "country": "UY",
        "location": {"latitude": -34.522801, "longitude": -56.277756}
    });
    let res = app.post("/cities", admin, &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let path = crate::helpers::header(&res, "location");
    let path = path.trim_start_matches("/api/v1").to_owned();
    let text = res.text().await.unwrap_or_default();
    assert!(
        text.contains(r#""location":{"latitude":-34.522801,"longitude":-56.277756}"#),
        "{text}"
    );
    let detail = app.get_json(&path, Some(&app.observer.token)).await;
    assert_eq!(
        detail["location"],
        json!({"latitude": -34.522801, "longitude": -56.277756})
    );
    // The list holds it too, and every city is in one page of 200.
    let list = app
        .get_json("/cities?per_page=200", Some(&app.observer.token))
        .await;
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        list["total"].as_u64().and_then(|n| usize::try_from(n).ok())
    );
    assert_eq!(
        item_with(&list, "name", "Canelones")["location"],
        detail["location"]
    );
    assert_eq!(item_with(&list, "name", "Rosario")["location"], Value::Null);

    // Replaced, including the extremes of each coordinate and integers.
    let id = string_of(&detail["id"]);
    let mut version = 1;
    for (latitude, longitude) in [
        (json!(-32.944211), json!(-60.650599)),
        (json!(90), json!(-180)),
        (json!(-90.0), json!(180.0)),
        (json!(10.506_1), json!(-66.914_6)),
        (json!(0.000_001), json!(-0.000_001)),
    ] {
        let change = json!({
            "name": "Canelones",
            "country": "UY",
            "location": {"latitude": latitude, "longitude": longitude}
        });
        let res = app
            .put(&path, admin, Some(&format!("\"{version}\"")), &change)
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{change}");
        version += 1;
        let read = app.get_json(&path, admin).await;
        let as_f64 = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
        assert_eq!(as_f64(&read["location"]["latitude"]), as_f64(&latitude));
        assert_eq!(as_f64(&read["location"]["longitude"]), as_f64(&longitude));
    }
    // More than six decimals are rounded to six.
    let change = json!({
        "name": "Canelones",
        "country": "UY",
        "location": {"latitude": -34.522_800_6, "longitude": -56.277_755_4}
    });
    let res = app
        .put(&path, admin, Some(&format!("\"{version}\"")), &change)
        .await;
    assert_eq!(
        body(res).await["location"],
        json!({"latitude": -34.522801, "longitude": -56.277755})
    );
    version += 1;

    // Each change is audited with the coordinates before and after.
    let history = app.get_json(&format!("/cities/{id}/history"), admin).await;
    assert_eq!(history["items"][0]["before"]["latitude"], 0.000_001);
    assert_eq!(history["items"][0]["after"]["latitude"], -34.522801);
    assert_eq!(history["items"][0]["after"]["longitude"], -56.277755);

    // A replacement without a location, or with `null`, leaves the city without one.
    for change in [
        json!({"name": "Canelones", "country": "UY"}),
        json!({"name": "Canelones", "country": "UY", "location": null}),
    ] {
        let res = app
            .put(&path, admin, Some(&format!("\"{version}\"")), &change)
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(body(res).await["location"], Value::Null);
        version += 1;
    }
    let history = app.get_json(&format!("/cities/{id}/history"), admin).await;
    assert_eq!(history["items"][1]["after"]["latitude"], Value::Null);
}

#[tokio::test]
async fn a_wrong_location_is_refused_naming_the_coordinate() {
    let app = spawn_app().await;
    let admin = Some(app.admin.token.as_str());
    let before = app.audit_count().await;
    let city = |location: Value| json!({"name": "Salto", "country": "UY", "location": location});
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"latitude": 91, "longitude": -57.9}),
            "location.latitude",
            "out_of_range",
        ),
        (
            json!({"latitude": -90.000_001, "longitude": -57.9}),
            "location.latitude",
            "out_of_range",
        ),
        (
            json!({"latitude": -31.4, "longitude": -181}),
            "location.longitude",
            "out_of_range",
        ),
        (
            json!({"latitude": -31.4, "longitude": 180.5}),
            "location.longitude",
            "out_of_range",
        ),
        (json!({"latitude": -31.4}), "location.longitude", "required"),
        (json!({"longitude": -57.9}), "location.latitude", "required"),
        (
            json!({"latitude": -31.4, "longitude": null}),
            "location.longitude",
            "required",
        ),
        (
            json!({"latitude": "-31.4", "longitude": -57.9}),
            "location.latitude",
            "invalid_type",
        ),
        (
            json!({"latitude": -31.4, "longitude": true}),
            "location.longitude",
            "invalid_type",
        ),
        (json!("-31.4,-57.9"), "location", "invalid_type"),
        (json!([-31.4, -57.9]), "location", "invalid_type"),
        (
            json!({"latitude": -31.4, "longitude": -57.9, "altitude": 40}),
            "location.altitude",
            "unknown_field",
        ),
    ];
    for (location, field, code) in cases {
        let case = location.to_string();
        let res = app.post("/cities", admin, &city(location)).await;
        let problem = assert_invalid_for(&case, res, &[field]).await;
        assert_eq!(problem["errors"][0]["code"], code, "{case}: {problem}");
    }
    // Both missing are both named.
    let res = app.post("/cities", admin, &city(json!({}))).await;
    assert_invalid(res, &["location.latitude", "location.longitude"]).await;

    // On a replacement too.
    let path = format!("/cities/{}", app.city_b);
    let change = json!({"name": "Montevideo", "country": "UY", "location": {"latitude": -34.9, "longitude": -200}});
    assert_invalid(
        app.put(&path, admin, Some("\"1\""), &change).await,
        &["location.longitude"],
    )
    .await;
    assert_eq!(app.audit_count().await, before, "nothing may be written");
    let res = app.get(&path, admin).await;
    assert_eq!(etag(&res), "\"1\"");
}

#[tokio::test]
async fn location_problems_speak_the_callers_language() {
    let app = spawn_app().await;
    let send = async |lang: &str, location: Value| {
        let res = app
            .request(Method::POST, "/cities", Some(&app.admin.token))
            .header("accept-language", lang)
            .json(&json!({"name": "Salto", "country": "UY", "location": location}))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_invalid(res, &[]).await["errors"][0]["message"].clone()
    };
    let out_of_range = json!({"latitude": 91, "longitude": -57.9});
    let missing = json!({"latitude": -31.4});
    let text = json!({"latitude": "-31.4", "longitude": -57.9});
    for (lang, range, required, number) in [
        (
            "es",
            "Debe estar entre -90 y 90.",
            "Este campo es obligatorio.",
            "Tipo no válido; se espera un número.",
        ),
        (
            "pt-BR",
            "Deve estar entre -90 e 90.",
            "Este campo é obrigatório.",
            "Tipo inválido; espera-se um número.",
        ),
        (
            "en",
            "Must be between -90 and 90.",
            "This field is required.",
            "Wrong type; expected a number.",
        ),
    ] {
        assert_eq!(send(lang, out_of_range.clone()).await, range, "{lang}");
        assert_eq!(send(lang, missing.clone()).await, required, "{lang}");
        assert_eq!(send(lang, text.clone()).await, number, "{lang}");
    }
    let longitude = send("en", json!({"latitude": 0, "longitude": -181})).await;
    assert_eq!(longitude, "Must be between -180 and 180.");
}

#[tokio::test]
async fn a_focal_point_places_their_own_city_but_not_another() {
    let app = spawn_app().await;
    let focal = Some(app.focal.token.as_str());
    let own = format!("/cities/{}", app.city_a);
    // The location is profile, not membership: the focal point of Rosario changes it.
    let change = json!({
        "name": "Rosario",
        "country": "AR",
        "population": 1_000_000,
        "location": {"latitude": -32.9442, "longitude": -60.6505}
    });
    let res = app.put(&own, focal, Some("\"1\""), &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        body(res).await["location"],
        json!({"latitude": -32.9442, "longitude": -60.6505})
    );
    let moved = json!({
        "name": "Rosario",
        "country": "AR",
        "population": 1_000_000,
        "location": {"latitude": -32.9468, "longitude": -60.6393}
    });
    let res = app.put(&own, focal, Some("\"2\""), &moved).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await["location"]["longitude"], -60.6393);
    // With a change of membership, the refusal names the membership only.
    let suspended = json!({
        "name": "Rosario",
        "country": "AR",
        "membership_status": "suspended",
        "location": {"latitude": -33.0, "longitude": -60.0}
    });
    let problem = assert_forbidden(app.put(&own, focal, Some("\"3\""), &suspended).await).await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(fields, ["membership_status"], "{problem}");
    // Another city is not theirs to place.
    let another = format!("/cities/{}", app.city_b);
    let montevideo = json!({
        "name": "Montevideo",
        "country": "UY",
        "location": {"latitude": -34.9011, "longitude": -56.1645}
    });
    assert_forbidden(app.put(&another, focal, Some("\"1\""), &montevideo).await).await;
    let read = app.get_json(&another, focal).await;
    assert_eq!(read["location"], Value::Null);
}

#[test]
fn every_city_of_the_demo_network_has_a_place_in_south_america() {
    let network: Value = serde_json::from_str(include_str!("../../demo/network.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let cities = network["cities"].as_array().cloned().unwrap_or_default();
    assert_eq!(cities.len(), 50);
    for city in &cities {
        let latitude = city["latitude"].as_f64().unwrap_or(f64::NAN);
        let longitude = city["longitude"].as_f64().unwrap_or(f64::NAN);
        assert!(LATITUDES.contains(&latitude), "{city}");
        assert!(LONGITUDES.contains(&longitude), "{city}");
    }
}

#[tokio::test]
async fn the_demo_places_every_city_it_adds() {
    let app = spawn_app().await;
    app.load_demo_plan(&app.observer).await;
    let token = Some(app.observer.token.as_str());
    let list = app.get_json("/cities?per_page=200", token).await;
    let cities = list["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(list["total"], 50);
    assert_eq!(cities.len(), 50, "the whole network in one page");
    // Rosario and Montevideo were in the registry before the demo: it finds them and leaves
    // them as they are.
    let existing = [app.city_a.to_string(), app.city_b.to_string()];
    for city in &cities {
        let location = &city["location"];
        if existing.contains(&string_of(&city["id"])) {
            assert_eq!(*location, Value::Null, "{city}");
            continue;
        }
        let latitude = location["latitude"].as_f64().unwrap_or(f64::NAN);
        let longitude = location["longitude"].as_f64().unwrap_or(f64::NAN);
        assert!(LATITUDES.contains(&latitude), "{city}");
        assert!(LONGITUDES.contains(&longitude), "{city}");
    }
    let place = |name: &str| item_with(&list, "name", name)["location"].clone();
    assert_eq!(
        place("Asunción"),
        json!({"latitude": -25.2637, "longitude": -57.5759})
    );
    assert_eq!(
        place("Porto Alegre"),
        json!({"latitude": -30.0346, "longitude": -51.2177})
    );
    assert_eq!(
        place("Caracas")["latitude"]
            .as_f64()
            .map(f64::is_sign_positive),
        Some(true),
        "north of the equator"
    );
    // Loading it again changes nothing.
    let audited = app.audit_count().await;
    mercociudades_api::demo::load(&app.store)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(app.audit_count().await, audited);
    assert_eq!(app.get_json("/cities?per_page=200", token).await, list);
}
