//! What the schema enforces by itself, whatever the application does: the audit log is
//! append-only. Runs on SQLite, or on PostgreSQL when `TEST_DATABASE_URL` is set.

use chrono::NaiveDate;
use mercociudades_domain::registry::{City, Contact, CountryCode, MembershipStatus};
use mercociudades_persistence::Store;
use mercociudades_persistence::audit::Who;
use sea_orm::ConnectionTrait;
use support::fresh;

mod support;

/// Stores an active member city through the repository, as the platform would.
async fn add_city(store: &Store, name: &str, country: &str) {
    let city = City {
        name: name.to_owned(),
        country: CountryCode::parse("country", country).unwrap_or_else(|e| panic!("{e}")),
        population: None,
        membership_status: MembershipStatus::Active,
        joined_on: None,
        contact: Contact::default(),
        location: None,
    };
    let day = NaiveDate::from_ymd_opt(2011, 12, 2).unwrap_or_default();
    store
        .create_city(&Who::system(), &city, day)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed_or_emptied() {
    let (_dir, store) = fresh().await;
    add_city(&store, "Rosario", "AR").await;
    let db = store.connection();
    assert!(
        db.execute_unprepared("UPDATE audit_log SET action = 'forged'")
            .await
            .is_err(),
        "update allowed"
    );
    assert!(
        db.execute_unprepared("DELETE FROM audit_log")
            .await
            .is_err(),
        "delete allowed"
    );
    let page = store
        .list_audit(
            &Default::default(),
            mercociudades_domain::listing::PageRequest::first(10),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].action, "create");
}

#[tokio::test]
async fn migrations_run_twice_and_ship_the_countries() {
    let (_dir, store) = fresh().await;
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let uy = store
        .get_country(&CountryCode::parse("code", "UY").unwrap_or_else(|e| panic!("{e}")))
        .await;
    assert_eq!(
        uy.map(|c| c.value.name.pt().map(str::to_owned))
            .ok()
            .flatten()
            .as_deref(),
        Some("Uruguai")
    );
}

#[tokio::test]
async fn cities_stored_before_their_search_key_get_one_when_the_platform_starts() {
    use sea_orm::{ConnectionTrait, Statement};
    let (_dir, store) = fresh().await;
    add_city(&store, "Águas de Lindóia", "BR").await;
    let db = store.connection();
    let key = || async {
        db.query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT name_key, version FROM cities",
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|row| {
            (
                row.try_get::<Option<String>>("", "name_key")
                    .unwrap_or_default(),
                row.try_get::<i32>("", "version").unwrap_or_default(),
            )
        })
    };
    assert_eq!(key().await, Some((Some("aguas de lindoia".to_owned()), 1)));
    // As a database migrated from before the key existed would have it.
    db.execute_unprepared("UPDATE cities SET name_key = NULL")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        key().await,
        Some((Some("aguas de lindoia".to_owned()), 1)),
        "filled, and the record's version is untouched"
    );
}

#[tokio::test]
async fn bodies_stored_before_their_search_keys_get_them_when_the_platform_starts() {
    use mercociudades_domain::registry::{Body, BodyKind};
    use mercociudades_domain::text::LocalizedText;
    use sea_orm::{ConnectionTrait, Statement};
    let (_dir, store) = fresh().await;
    let body = Body {
        kind: BodyKind::ThematicUnit,
        name: LocalizedText::parse(None, Some("Unidade Temática de Gênero"), None, 200)
            .unwrap_or_else(|e| panic!("{e}")),
        acronym: Some("UTG".to_owned()),
        description: None,
    };
    store
        .create_body(&Who::system(), &body)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let db = store.connection();
    let keys = || async {
        db.query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT name_key, search_text, version FROM bodies",
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|row| {
            (
                row.try_get::<Option<String>>("", "name_key")
                    .unwrap_or_default(),
                row.try_get::<Option<String>>("", "search_text")
                    .unwrap_or_default(),
                row.try_get::<i32>("", "version").unwrap_or_default(),
            )
        })
    };
    let expected = Some((
        Some("unidade tematica de genero".to_owned()),
        Some("unidade tematica de genero\nutg".to_owned()),
        1,
    ));
    assert_eq!(keys().await, expected);
    // As a database migrated from before the keys existed would have them.
    db.execute_unprepared("UPDATE bodies SET name_key = NULL, search_text = NULL")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        keys().await,
        expected,
        "filled, and the record's version is untouched"
    );
}

/// The keys of the cities, as stored: (name, identity key, its capitals form), by name.
async fn city_keys(store: &Store) -> Vec<(String, Option<String>, Option<String>)> {
    use sea_orm::Statement;
    let db = store.connection();
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT name, identity_key, identity_key_caps FROM cities ORDER BY created_at, id",
    ))
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .into_iter()
    .map(|row| {
        (
            row.try_get::<String>("", "name").unwrap_or_default(),
            row.try_get::<Option<String>>("", "identity_key")
                .unwrap_or_default(),
            row.try_get::<Option<String>>("", "identity_key_caps")
                .unwrap_or_default(),
        )
    })
    .collect()
}

#[tokio::test]
async fn the_database_refuses_two_cities_of_a_country_with_the_same_name_key() {
    let (_dir, store) = fresh().await;
    add_city(&store, "Salto", "UY").await;
    add_city(&store, "Rivera", "UY").await;
    add_city(&store, "Salta", "AR").await;
    let db = store.connection();
    for column in ["identity_key", "identity_key_caps"] {
        let copied = format!(
            "UPDATE cities SET {column} = (SELECT {column} FROM cities WHERE name = 'Salto') \
             WHERE name = 'Rivera'"
        );
        assert!(
            db.execute_unprepared(&copied).await.is_err(),
            "{column} taken twice in one country"
        );
        let other_country = format!(
            "UPDATE cities SET {column} = (SELECT {column} FROM cities WHERE name = 'Salto') \
             WHERE name = 'Salta'"
        );
        db.execute_unprepared(&other_country)
            .await
            .unwrap_or_else(|e| panic!("{column} in another country: {e}"));
    }
}

#[tokio::test]
async fn keys_stored_before_are_filled_when_the_platform_starts_and_duplicates_are_left_out() {
    use mercociudades_domain::registry::City;
    use mercociudades_persistence::StoreError;
    let (_dir, store) = fresh().await;
    add_city(&store, "Salto", "UY").await;
    add_city(&store, "Rivera", "UY").await;
    let filled = city_keys(&store).await;
    assert!(filled.iter().all(|(_, k, c)| k.is_some() && c.is_some()));
    // As a database from before the keys would have them: no keys, and a city stored twice.
    let db = store.connection();
    db.execute_unprepared(
        "UPDATE cities SET identity_key = NULL, identity_key_caps = NULL; \
         UPDATE cities SET name = 'SALTO' WHERE name = 'Rivera'",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let keys = city_keys(&store).await;
    assert_eq!(keys[0].0, "Salto");
    assert_eq!((&keys[0].1, &keys[0].2), (&filled[0].1, &filled[0].2));
    assert_eq!(
        (keys[1].0.as_str(), &keys[1].1, &keys[1].2),
        ("SALTO", &None, &None),
        "the second one is left without keys"
    );

    // The city stored twice can still be edited under its name, and gets keys once renamed.
    let page = store
        .list_cities(
            &Default::default(),
            mercociudades_domain::listing::Sort::ascending(
                mercociudades_persistence::repositories::CitySort::Name,
            ),
            mercociudades_domain::listing::PageRequest::first(10),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let twice = page
        .items
        .iter()
        .find(|c| c.value.name == "SALTO")
        .cloned()
        .unwrap_or_else(|| panic!("no SALTO"));
    let day = NaiveDate::from_ymd_opt(2011, 12, 2).unwrap_or_default();
    let edited = City {
        population: mercociudades_domain::registry::Population::parse("population", 5).ok(),
        ..twice.value.clone()
    };
    let saved = store
        .update_city(&Who::system(), twice.id, 1, &edited, day)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(city_keys(&store).await[1].1, None);
    let renamed = City {
        name: "Rivera".to_owned(),
        ..edited.clone()
    };
    store
        .update_city(&Who::system(), twice.id, saved.version, &renamed, day)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(city_keys(&store).await[1].1.is_some());
    // And a new one with the name of the first is refused, naming it.
    let again = City {
        name: "salto".to_owned(),
        ..edited
    };
    match store.create_city(&Who::system(), &again, day).await {
        Err(StoreError::Duplicate {
            field: "name",
            existing: Some(existing),
        }) => assert_eq!(existing.name, "Salto (UY)"),
        other => panic!("{other:?}"),
    }
}
