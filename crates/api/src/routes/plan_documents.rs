//! A plan document coming in: parsed from JSON or YAML, its owner resolved, and the bodies
//! and cities its nodes name checked against the registry in a bounded number of queries.

use super::check;
use crate::error::{ApiError, ApiResult};
use crate::formats::{MAX_DEPTH, nesting_depth};
use crate::state::AppState;
use mercociudades_domain::FieldError;
use mercociudades_domain::ids::BodyId;
use mercociudades_domain::listing::PageRequest;
use mercociudades_domain::plan::PlanDocument;
use mercociudades_domain::validation::codes;
use mercociudades_persistence::Store;
use mercociudades_persistence::repositories::{BodyFilter, BodySort};

/// Parses a plan document from JSON or YAML. A syntax error names its line and column; a
/// field of the wrong type, unknown or missing names its path.
pub fn parse_document(bytes: &[u8], yaml: bool) -> Result<PlanDocument, ApiError> {
    let format = if yaml { "YAML" } else { "JSON" };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ApiError::unreadable(format, format!("invalid UTF-8: {e}")))?;
    if nesting_depth(text, MAX_DEPTH, yaml) > MAX_DEPTH {
        return Err(ApiError::unreadable(
            format,
            format!("nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    let document: PlanDocument = if yaml {
        let de = serde_norway::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            let message = inner.to_string();
            let data = [
                "unknown field",
                "missing field",
                "invalid type",
                "invalid value",
                "unknown variant",
                "invalid length",
            ]
            .iter()
            .any(|p| message.starts_with(p));
            if data {
                ApiError::field(crate::extract::data_error(&path, &message))
            } else {
                ApiError::unreadable("YAML", message)
            }
        })?
    } else {
        crate::extract::parse_json(text.as_bytes())?
    };
    document.validate().map_err(ApiError::from)
}

/// Resolves the owner and checks the bodies and cities a document names.
pub async fn resolve(store: &Store, document: &PlanDocument) -> Result<BodyId, ApiError> {
    let owner = &document.work_plan.owner;
    let kind = mercociudades_domain::registry::BodyKind::parse("work_plan.owner.kind", &owner.kind)
        .map_err(|_| {
            ApiError::from(
                FieldError::new("work_plan.owner", codes::NOT_FOUND).with("value", &owner.kind),
            )
        })?;
    // A kind with several bodies names the owner by acronym; the others have one body.
    let candidates: Vec<BodyId> = match &owner.acronym {
        Some(acronym) => store
            .bodies_by_acronym(std::slice::from_ref(acronym))
            .await?
            .into_values()
            .filter(|b| b.kind == kind)
            .map(|b| b.id)
            .collect(),
        None => store
            .list_bodies(
                &BodyFilter {
                    kind: Some(kind),
                    ..Default::default()
                },
                mercociudades_domain::listing::Sort {
                    field: BodySort::Name,
                    descending: false,
                },
                PageRequest::first(2),
            )
            .await?
            .items
            .into_iter()
            .map(|b| b.id)
            .collect(),
    };
    let owner_id = match candidates.as_slice() {
        [one] => *one,
        [] => {
            return Err(FieldError::new("work_plan.owner", codes::NOT_FOUND)
                .with("value", &owner.kind)
                .into());
        }
        _ => return Err(FieldError::new("work_plan.owner.acronym", codes::REQUIRED).into()),
    };
    fn walk<'a>(
        nodes: &'a [mercociudades_domain::plan::NodeDoc],
        path: String,
        out: &mut Vec<(String, &'a mercociudades_domain::plan::NodeDoc)>,
    ) {
        for (i, node) in nodes.iter().enumerate() {
            let here = format!("{path}[{i}]");
            out.push((format!("{here}."), node));
            walk(&node.children, format!("{here}.children"), out);
        }
    }
    let mut all = Vec::new();
    walk(
        &document.work_plan.nodes,
        "work_plan.nodes".to_owned(),
        &mut all,
    );
    check(reference_errors(store, &all).await?)?;
    Ok(owner_id)
}

/// The problems of the bodies and cities that nodes name, in two queries whatever their
/// number; each node comes with the prefix of its fields (`work_plan.nodes[0].`, `rows[3].`).
pub(super) async fn reference_errors(
    store: &Store,
    nodes: &[(String, &mercociudades_domain::plan::NodeDoc)],
) -> ApiResult<Vec<FieldError>> {
    let acronyms: Vec<String> = nodes
        .iter()
        .flat_map(|(_, n)| n.responsible_bodies.iter().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let known = store.bodies_by_acronym(&acronyms).await?;
    let mut errors = Vec::new();
    let mut cities = Vec::new();
    for (path, node) in nodes {
        for (i, acronym) in node.responsible_bodies.iter().enumerate() {
            if !known.contains_key(acronym) {
                errors.push(
                    FieldError::new(format!("{path}responsible_bodies[{i}]"), codes::NOT_FOUND)
                        .with("value", acronym),
                );
            }
        }
        for (i, city) in node.responsible_cities.iter().enumerate() {
            let field = format!("{path}responsible_cities[{i}]");
            let parsed = city
                .rsplit_once(" (")
                .and_then(|(name, rest)| rest.strip_suffix(')').map(|cc| (name.trim(), cc)))
                .and_then(|(name, cc)| {
                    mercociudades_domain::registry::CountryCode::parse(&field, cc)
                        .ok()
                        .map(|cc| (name.to_owned(), cc.as_str().to_owned()))
                });
            match parsed {
                Some(pair) => cities.push((field, city, pair)),
                None => errors.push(
                    FieldError::new(field, codes::INVALID_FORMAT).with("format", "city_reference"),
                ),
            }
        }
    }
    let pairs: Vec<(String, String)> = cities.iter().map(|(_, _, p)| p.clone()).collect();
    let found = store.cities_named(&pairs).await?;
    for (field, city, pair) in cities {
        if !found.contains(&pair) {
            errors.push(FieldError::new(field, codes::NOT_FOUND).with("value", city));
        }
    }
    Ok(errors)
}

/// Checks the bodies and cities an activity names, as an import does.
pub(super) async fn check_references(
    state: &AppState,
    node: &mercociudades_domain::plan::NodeDoc,
) -> ApiResult<()> {
    check(reference_errors(&state.store, &[(String::new(), node)]).await?)
}
