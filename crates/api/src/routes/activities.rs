//! A plan's activities as a flat list: JSON or CSV for spreadsheets (one row per activity,
//! with its full code), and a CSV import that changes nothing unless every row is right.

use super::{GetErrors, check};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Ids, declared_length, read_body};
use crate::formats::{self, Cell, Format, Table};
use crate::guard::{Guard, OnPlan, perm};
use crate::problem::ProblemCode;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use mercociudades_domain::FieldError;
use mercociudades_domain::ids::{NodeId, PlanId};
use mercociudades_domain::plan::{Money, NodeDoc, NodeKind, Text};
use mercociudades_domain::plan::{PlanNode, PlanTree};
use mercociudades_domain::validation::codes;
use mercociudades_macros::guarded;
use mercociudades_persistence::repositories::ActivityRow;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// The columns of the activity CSV, in order.
pub const COLUMNS: [&str; 21] = [
    "code",
    "kind",
    "parent_code",
    "title_es",
    "title_pt",
    "title_en",
    "text_es",
    "text_pt",
    "text_en",
    "status",
    "starts_on",
    "ends_on",
    "responsible_bodies",
    "responsible_cities",
    "partners",
    "serves",
    "contributes_to",
    "budget_amount_minor",
    "budget_currency",
    "funding_source",
    // The activity's version when exported: an import refuses a row whose activity changed
    // since. Optional: a file without this column, or a row with it blank, is not checked.
    "version",
];

/// Separator of the items of a list column.
const LIST_SEPARATOR: &str = "; ";
/// Largest CSV accepted, in bytes.
const CSV_LIMIT: usize = 10 * 1024 * 1024;

/// One activity, flat: a row of the activity CSV.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityRowOut {
    pub id: Uuid,
    /// One value per column of the CSV, by column name.
    #[schema(value_type = std::collections::BTreeMap<String, String>)]
    pub columns: std::collections::BTreeMap<&'static str, String>,
}

/// What an activity import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityImportOut {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

fn text_cell(t: &Option<String>) -> String {
    t.clone().unwrap_or_default()
}

fn row(node: &PlanNode, parent_code: &str) -> [String; 21] {
    let d = &node.details;
    let text = node.text.clone().unwrap_or_default();
    [
        node.code.clone(),
        node.kind.as_str().to_owned(),
        parent_code.to_owned(),
        text_cell(&node.title.es),
        text_cell(&node.title.pt),
        text_cell(&node.title.en),
        text_cell(&text.es),
        text_cell(&text.pt),
        text_cell(&text.en),
        d.status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        d.starts_on.map(|x| x.to_string()).unwrap_or_default(),
        d.ends_on.map(|x| x.to_string()).unwrap_or_default(),
        d.responsible_bodies.join(LIST_SEPARATOR),
        d.responsible_cities.join(LIST_SEPARATOR),
        d.partners.join(LIST_SEPARATOR),
        d.serves.join(LIST_SEPARATOR),
        d.contributes_to.join(LIST_SEPARATOR),
        d.budget
            .as_ref()
            .map(|b| b.amount_minor.to_string())
            .unwrap_or_default(),
        d.budget
            .as_ref()
            .map(|b| b.currency.clone())
            .unwrap_or_default(),
        d.funding_source.clone().unwrap_or_default(),
        node.version.to_string(),
    ]
}

fn activity_rows(tree: &PlanTree) -> Vec<(Uuid, [String; 21])> {
    tree.nodes
        .iter()
        .filter(|n| n.kind.is_activity())
        .map(|n| {
            let parent = n
                .parent
                .and_then(|p| tree.nodes.iter().find(|x| x.id == p))
                .map(|p| p.code.as_str())
                .unwrap_or_default();
            (n.id.0, row(n, parent))
        })
        .collect()
}

/// The activities of a plan, one row each: JSON, or CSV or XLSX for spreadsheets; the CSV is
/// the one the activity import takes back.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The activities: JSON, or the same rows as CSV (`Accept: text/csv`) or an XLSX workbook (`Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`)", content(
            (Vec<ActivityRowOut> = "application/json"),
            (String = "text/csv"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        GetErrors
    ),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/activities")]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    req: HttpRequest,
    Ids(id): Ids<PlanId>,
) -> ApiResult<HttpResponse> {
    let tree = state.store.plan_tree(id).await?;
    let rows = activity_rows(&tree);
    let spreadsheet = [Format::Xlsx, Format::Csv]
        .into_iter()
        .find(|f| formats::accepts(&req, *f));
    if let Some(format) = spreadsheet {
        let mut table = Table::new(COLUMNS);
        table.rows = rows
            .iter()
            .map(|(_, cells)| {
                COLUMNS
                    .iter()
                    .zip(cells)
                    .map(|(c, v)| typed(c, v))
                    .collect()
            })
            .collect();
        return match format {
            Format::Xlsx => formats::xlsx(&table, "activities"),
            _ => formats::csv(&table, "activities"),
        };
    }
    let out: Vec<ActivityRowOut> = rows
        .into_iter()
        .map(|(id, cells)| ActivityRowOut {
            id,
            columns: COLUMNS.iter().copied().zip(cells).collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// A cell of the activity table, typed for spreadsheets: dates as dates, amounts and versions
/// as numbers.
fn typed(column: &str, value: &str) -> Cell {
    if value.is_empty() {
        return Cell::Empty;
    }
    let date = column
        .ends_with("_on")
        .then(|| chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
        .flatten();
    let number = matches!(column, "budget_amount_minor" | "version")
        .then(|| value.parse::<i64>().ok())
        .flatten();
    match (date, number) {
        (Some(d), _) => Cell::Date(d),
        (_, Some(n)) => Cell::Integer(n),
        _ => value.into(),
    }
}

fn optional(cell: &str) -> Option<String> {
    let t = cell.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn list_cell(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Turns one CSV record into a node; cell errors name their column.
fn parse_record(
    record: &csv::StringRecord,
    errors: &mut Vec<FieldError>,
) -> (Option<String>, NodeDoc) {
    let cell = |name: &str| {
        COLUMNS
            .iter()
            .position(|c| *c == name)
            .and_then(|i| record.get(i))
            .unwrap_or_default()
    };
    let mut date = |name: &'static str| match optional(cell(name)) {
        None => None,
        Some(d) => mercociudades_domain::listing::parse_date(name, &d)
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let starts_on = date("starts_on");
    let ends_on = date("ends_on");
    let budget = match (
        optional(cell("budget_amount_minor")),
        optional(cell("budget_currency")),
    ) {
        (None, None) => None,
        (Some(amount), Some(currency)) => match amount.parse::<i64>() {
            Ok(amount_minor) => Some(Money {
                amount_minor,
                currency,
            }),
            Err(_) => {
                errors.push(
                    FieldError::new("budget_amount_minor", codes::INVALID_TYPE)
                        .with("expected", "an integer number of cents"),
                );
                None
            }
        },
        (Some(_), None) => {
            errors.push(FieldError::new("budget_currency", codes::REQUIRED));
            None
        }
        (None, Some(_)) => {
            errors.push(FieldError::new("budget_amount_minor", codes::REQUIRED));
            None
        }
    };
    let text = Text {
        es: optional(cell("text_es")),
        pt: optional(cell("text_pt")),
        en: optional(cell("text_en")),
    };
    let node = NodeDoc {
        kind: cell("kind").trim().to_owned(),
        code: cell("code").trim().to_owned(),
        title: Text {
            es: optional(cell("title_es")),
            pt: optional(cell("title_pt")),
            en: optional(cell("title_en")),
        },
        text: (!text.is_empty()).then_some(text),
        status: optional(cell("status")),
        starts_on,
        ends_on,
        responsible_bodies: list_cell(cell("responsible_bodies")),
        responsible_cities: list_cell(cell("responsible_cities")),
        partners: list_cell(cell("partners")),
        serves: list_cell(cell("serves")),
        contributes_to: list_cell(cell("contributes_to")),
        expected_results: None,
        budget,
        funding_source: optional(cell("funding_source")),
        children: Vec::new(),
    };
    (optional(cell("parent_code")), node)
}

/// Imports activities from CSV into a draft plan (the columns of the export, header first;
/// the last one, `version`, may be left out): a row whose code exists updates that activity
/// (its status stays, see the status operation), another one is added under `parent_code`. A
/// row whose `version` is not the activity's current one is refused (`changed_since`), so an
/// old export cannot undo later edits. The answer lists every wrong cell as
/// `rows[<line>].<column>`; nothing is written unless every row is right.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path)),
    request_body(content = String, content_type = "text/csv", description = "The activity CSV"),
    responses((status = 200, body = ActivityImportOut), super::CreateErrors, (status = 404, description = "No such plan")),
    security(("bearer" = [])),
)]
#[post("/plans/{id}/activities/import")]
pub async fn import(
    state: web::Data<AppState>,
    auth: Guard<perm::PlanEdit, OnPlan>,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let plan = auth.target.0.id;
    let tree = state.store.plan_tree(plan).await?;
    if formats::sent(&req) != Some(Format::Csv) {
        return Err(ApiError::new(
            ProblemCode::UnsupportedMediaType,
            "unsupported_media_type_csv",
        ));
    }
    let bytes = read_body(payload, declared_length(&req), CSV_LIMIT).await?;
    // A file saved by a spreadsheet program may start with the byte-order mark, as ours do.
    let bytes = bytes.strip_prefix(formats::BOM).unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ApiError::unreadable("CSV", format!("invalid UTF-8: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ApiError::unreadable("CSV", e))?
        .clone();
    let found: Vec<&str> = headers.iter().map(str::trim).collect();
    if found != COLUMNS && found != COLUMNS[..COLUMNS.len() - 1] {
        return Err(FieldError::new("columns", codes::UNKNOWN_VALUE)
            .with("allowed", COLUMNS.join(","))
            .into());
    }
    let strategic = tree
        .strategic_plan
        .as_ref()
        .map(|s| s.codes())
        .unwrap_or_default();
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    // The line of each row, for the problems found when storing them.
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| ApiError::unreadable("CSV", e))?;
        let line = record.position().map_or(0, |p| p.line());
        let at = |e: FieldError| e.under(&format!("rows[{line}]"));
        let mut cell_errors = Vec::new();
        let (parent_code, node) = parse_record(&record, &mut cell_errors);
        errors.extend(cell_errors.into_iter().map(at));
        if !seen.insert(node.code.clone()) {
            errors.push(at(
                FieldError::new("code", codes::DUPLICATE).with("value", &node.code)
            ));
            continue;
        }
        let existing = tree.nodes.iter().find(|n| n.code == node.code);
        let version = match record.get(COLUMNS.len() - 1).map(str::trim) {
            None | Some("") => None,
            Some(v) => match v.parse::<i32>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errors
                        .push(at(FieldError::new("version", codes::INVALID_FORMAT)
                            .with("format", "integer")));
                    None
                }
            },
        };
        match (version, existing) {
            (Some(v), Some(n)) if v != n.version => {
                errors.push(at(
                    FieldError::new("version", codes::CHANGED_SINCE).with("current", n.version)
                ))
            }
            (Some(_), None) => errors.push(at(
                FieldError::new("version", codes::NOT_FOUND).with("value", &node.code)
            )),
            _ => {}
        }
        let parent_kind = match (existing, &parent_code) {
            (Some(n), _) => n
                .parent
                .and_then(|p| tree.nodes.iter().find(|x| x.id == p))
                .map(|p| p.kind),
            (None, Some(code)) => match tree.nodes.iter().find(|n| &n.code == code) {
                Some(p) => Some(p.kind),
                None => {
                    errors.push(at(
                        FieldError::new("parent_code", codes::NOT_FOUND).with("value", code)
                    ));
                    continue;
                }
            },
            (None, None) => {
                errors.push(at(FieldError::new("parent_code", codes::REQUIRED)));
                continue;
            }
        };
        let kind_ok = NodeKind::parse("kind", &node.kind).is_ok_and(NodeKind::is_activity);
        if !kind_ok {
            errors.push(at(FieldError::new("kind", codes::UNKNOWN_VALUE)
                .with("allowed", "activity, sub_activity")));
            continue;
        }
        if let Some(n) = existing
            && node.status.is_some()
            && node.status.as_deref() != n.details.status.map(|s| s.as_str())
        {
            errors.push(at(FieldError::new("status", codes::NOT_ALLOWED)));
        }
        match mercociudades_domain::plan::validate_node(node, parent_kind, &strategic) {
            Ok(node) => {
                rows.push(ActivityRow {
                    parent_code,
                    node,
                    version,
                });
                lines.push(line);
            }
            Err(e) => errors.extend(e.0.into_iter().map(at)),
        }
    }
    let named: Vec<(String, &mercociudades_domain::plan::NodeDoc)> = rows
        .iter()
        .zip(&lines)
        .map(|(row, line)| (format!("rows[{line}]."), &row.node))
        .collect();
    errors.extend(super::plans::reference_errors(&state.store, &named).await?);
    check(errors)?;
    let report = state
        .store
        .import_activities(&auth.who, plan.0, &rows)
        .await
        .map_err(|(i, e)| {
            let mut error = ApiError::from(e);
            let line = lines.get(i).copied().unwrap_or_default();
            for f in &mut error.problem.errors {
                f.field = format!("rows[{line}].{}", f.field);
            }
            error
        })?;
    Ok(HttpResponse::Ok().json(ActivityImportOut {
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
    }))
}

/// One node of a plan.
#[guarded]
#[utoipa::path(
    tag = "plans",
    params(("id" = Uuid, Path), ("node_id" = Uuid, Path)),
    responses((status = 200, body = super::plans::PlanNodeOut, headers(("ETag" = String))), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/nodes/{node_id}")]
pub async fn get_node(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids((plan, node)): Ids<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (node, _) = state.store.plan_node(PlanId(plan), NodeId(node)).await?;
    let version = node.version;
    Ok(super::with_etag(version, &super::plans::node_out(node)))
}
