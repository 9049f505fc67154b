use crate::helpers::{
    TestApp, assert_forbidden, assert_invalid, assert_problem, body, header, spawn_app,
};
use reqwest::StatusCode;

async fn csv(app: &TestApp, id: &str) -> String {
    let res = app
        .get_as(
            &format!("/plans/{id}/activities"),
            &app.observer.token,
            "text/csv",
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(header(&res, "content-type").starts_with("text/csv"));
    let text = res.text().await.unwrap_or_default();
    // The byte-order mark first, for spreadsheet programs to read the accents.
    text.strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("no byte-order mark: {}", &text[..text.len().min(40)]))
        .to_owned()
}

async fn import(app: &TestApp, id: &str, token: &str, text: String) -> reqwest::Response {
    let path = format!("/plans/{id}/activities/import");
    app.post_raw(&path, Some(token), "text/csv", text).await
}

#[tokio::test]
async fn csv_and_json_list_the_same_activities_and_import_round_trips() {
    let app = spawn_app().await;
    let id = app.draft_plan().await;
    let text = csv(&app, &id).await;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        mercociudades_api::routes::activities::COLUMNS.join(",")
    );
    assert_eq!(lines.len(), 1 + 22, "19 activities and 3 sub-activities");
    assert!(
        lines[1].starts_with("1.1.a,activity,1.1.O,"),
        "{}",
        lines[1]
    );
    assert!(text.contains("1.2.a.1,sub_activity,1.2.a,"));

    let json = app
        .get_json(
            &format!("/plans/{id}/activities"),
            Some(&app.observer.token),
        )
        .await;
    let rows = json.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 22);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (record, row) in reader.records().zip(&rows) {
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        for (i, column) in mercociudades_api::routes::activities::COLUMNS
            .iter()
            .enumerate()
        {
            assert_eq!(row["columns"][column].as_str(), record.get(i), "{column}");
        }
    }

    // The export imports back as it is, with its byte-order mark.
    let res = import(&app, &id, &app.staff.token, format!("\u{feff}{text}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        body(res).await,
        serde_json::json!({"created": 0, "updated": 0, "unchanged": 22})
    );

    // One changed row and one new row.
    let changed = text.replacen(
        "Definición de prioridades",
        "Definición de prioridades 2012",
        1,
    ) + "2.3.d,activity,2.3.O,Informe financiero,,,,,,,2012-01-01,2012-06-30,SE,Montevideo (UY),,T3.4,,150000,USD,Fondos propios,\n";
    let before = app.audit_count().await;
    let res = import(&app, &id, &app.staff.token, changed).await;
    assert_eq!(
        body(res).await,
        serde_json::json!({"created": 1, "updated": 1, "unchanged": 21})
    );
    assert_eq!(app.audit_count().await, before + 2);
    let after = csv(&app, &id).await;
    assert!(after.contains("2.3.d,activity,2.3.O,Informe financiero,,,,,,,2012-01-01,2012-06-30,SE,Montevideo (UY),,T3.4,,150000,USD,Fondos propios"), "{after}");
}

#[tokio::test]
async fn a_wrong_csv_is_reported_row_by_row_and_changes_nothing() {
    let app = spawn_app().await;
    let id = app.draft_plan().await;
    // A file without the version column is read too.
    let columns = mercociudades_api::routes::activities::COLUMNS;
    let header = columns[..columns.len() - 1].join(",");
    let rows = [
        "2.3.d,activity,2.3.O,Buena,,,,,,,,,,,,,,,,",
        "2.3.e,activity,9.9.O,Padre desconocido,,,,,,,,,,,,,,,,",
        "2.3.f,activity,2.3.O,Fecha mala,,,,,,,2012-13-01,,,,,,,,,",
        "2.3.g,activity,2.3.O,Sin moneda,,,,,,,,,,,,,,100,,",
        "2.3.d,activity,2.3.O,Código repetido,,,,,,,,,,,,,,,,",
        "2.3.h,policy,2.3.O,Tipo malo,,,,,,,,,,,,,,,,",
        "2.3.i,activity,2.3.O,,,,,,,,,,,,,,,,,",
        "2.3.j,activity,2.3.O,Desconocidos,,,,,,,,,UT-NADA,,,,,,,",
        "2.3.a,activity,2.3.O,Definición de prioridades,,,,,,done,,,,,,,,,,",
    ];
    let text = format!("{header}\n{}\n", rows.join("\n"));
    let before = app.audit_count().await;
    let res = import(&app, &id, &app.staff.token, text).await;
    let problem = assert_invalid(
        res,
        &[
            "rows[3].parent_code",
            "rows[4].starts_on",
            "rows[5].budget_currency",
            "rows[6].code",
            "rows[7].kind",
            "rows[8].title",
            "rows[9].responsible_bodies[0]",
            "rows[10].status",
        ],
    )
    .await;
    assert!(
        !problem.to_string().contains("rows[2]"),
        "the right row is not reported: {problem}"
    );
    assert_eq!(app.audit_count().await, before);
    assert!(
        !csv(&app, &id).await.contains("2.3.d"),
        "nothing was written"
    );

    assert_invalid(
        import(&app, &id, &app.staff.token, "code,title\n1,x\n".to_owned()).await,
        &["columns"],
    )
    .await;

    // Checking the bodies and cities that rows name takes the same queries for 5 rows as
    // for 60: none per row.
    let queries_for = |n: usize| {
        let app = &app;
        let id = id.clone();
        let header = header.clone();
        async move {
            let rows: Vec<String> = (0..n)
                .map(|i| format!("9.{i},activity,2.3.O,Fila {i},,,,,,,,,SE; UT-NADA,Montevideo (UY); Atlantis (UY),,,,,,"))
                .collect();
            let before = app.store.query_count();
            let res = import(
                app,
                &id,
                &app.staff.token,
                format!("{header}\n{}\n", rows.join("\n")),
            )
            .await;
            let problem = body(res).await;
            let fields: Vec<String> = problem["errors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect();
            assert_eq!(fields.len(), 2 * n, "{problem}");
            assert!(
                fields.contains(&format!("rows[{}].responsible_cities[1]", n + 1)),
                "{fields:?}"
            );
            app.store.query_count() - before
        }
    };
    assert_eq!(queries_for(5).await, queries_for(60).await);
    let res = app
        .post_raw(
            &format!("/plans/{id}/activities/import"),
            Some(&app.staff.token),
            "application/json",
            "{}",
        )
        .await;
    let problem = assert_problem(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        &[],
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("text/csv")),
        "{problem}"
    );
    for actor in [&app.coordinator, &app.focal, &app.observer] {
        assert_forbidden(import(&app, &id, &actor.token, format!("{header}\n")).await).await;
    }
}

#[tokio::test]
async fn a_row_whose_activity_changed_since_the_export_is_refused() {
    let app = spawn_app().await;
    let id = app.draft_plan().await;
    let exported = csv(&app, &id).await;
    assert!(
        exported.lines().nth(1).is_some_and(|l| l.ends_with(",1")),
        "the export carries each activity's version: {exported}"
    );
    // Meanwhile someone edits 1.1.a.
    let rows = app
        .get_json(&format!("/plans/{id}/activities"), Some(&app.staff.token))
        .await;
    let node = rows
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["columns"]["code"] == "1.1.a")
        .cloned()
        .unwrap_or_default();
    assert!(node["id"].is_string(), "{rows}");
    let edited =
        serde_json::json!({"kind": "activity", "code": "1.1.a", "title": {"es": "Título nuevo"}});
    let res = app
        .put(
            &format!(
                "/plans/{id}/nodes/{}",
                node["id"].as_str().unwrap_or_default()
            ),
            Some(&app.staff.token),
            Some("\"1\""),
            &edited,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // The old export (one change elsewhere) would undo that edit with its row for 1.1.a:
    // refused, and nothing is written.
    let stale = exported.replacen("Definición de prioridades", "Otra cosa", 1);
    let before = app.audit_count().await;
    let problem = assert_invalid(
        import(&app, &id, &app.staff.token, stale).await,
        &["rows[2].version"],
    )
    .await;
    assert!(problem.to_string().contains("changed_since"), "{problem}");
    assert_eq!(app.audit_count().await, before);
    // A version for an activity that does not exist is refused too.
    let header = mercociudades_api::routes::activities::COLUMNS.join(",");
    let ghost = format!("{header}\n9.9.z,activity,2.3.O,Fantasma,,,,,,,,,,,,,,,,,4\n");
    assert_invalid(
        import(&app, &id, &app.staff.token, ghost).await,
        &["rows[2].version"],
    )
    .await;
    // A fresh export imports as it is.
    let fresh = csv(&app, &id).await;
    assert_eq!(
        body(import(&app, &id, &app.staff.token, fresh).await).await["unchanged"],
        22
    );
}
