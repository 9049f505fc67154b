//! The annual report for the Summit: one printable HTML document of a plan's execution, in
//! Spanish, Portuguese or English.

use super::GetErrors;
use super::plan_reports::{
    ExecutionReport, ExecutionRow, ParticipationReport, ResultsReport, ScopeQuery, Scoped,
    responsible_bodies,
};
use crate::error::ApiResult;
use crate::extract::{Ids, QueryParams};
use crate::guard::{Guard, perm};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use mercociudades_domain::ids::PlanId;
use mercociudades_domain::plan::Text;
use mercociudades_domain::text::Lang;
use mercociudades_macros::guarded;
use serde::Deserialize;
use std::fmt::Write;
use uuid::Uuid;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AnnualQuery {
    /// Default `es`.
    #[param(value_type = Option<super::closed::Language>)]
    pub lang: Option<String>,
    /// Only progress reports dated on or after this day (YYYY-MM-DD).
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub from: Option<String>,
    /// Only progress reports dated on or before this day (YYYY-MM-DD).
    #[param(value_type = Option<chrono::NaiveDate>)]
    pub until: Option<String>,
}

/// Labels of the document, by language.
fn label(key: &str, lang: Lang) -> &'static str {
    let (es, pt, en) = match key {
        "title" => (
            "Informe anual de ejecución",
            "Relatório anual de execução",
            "Annual execution report",
        ),
        "owner" => ("Responsable", "Responsável", "Owner"),
        "period" => ("Período", "Período", "Period"),
        "status" => ("Estado", "Situação", "Status"),
        "approved" => ("Aprobado por", "Aprovado por", "Approved by"),
        "not_approved" => ("Aún no aprobado", "Ainda não aprovado", "Not approved yet"),
        "summary" => ("Resumen", "Resumo", "Summary"),
        "activities" => ("Actividades", "Atividades", "Activities"),
        "executed" => ("Ejecutadas", "Executadas", "Executed"),
        "partially" => ("Parcialmente", "Parcialmente", "Partially"),
        "not_executed" => ("No ejecutadas", "Não executadas", "Not executed"),
        "not_reported" => (
            "Sin informe aprobado",
            "Sem relatório aprovado",
            "No approved report",
        ),
        "share" => ("% ejecutado", "% executado", "% executed"),
        "share_partial" => (
            "% ejecutado o parcial",
            "% executado ou parcial",
            "% executed or partial",
        ),
        "execution" => (
            "Ejecución por dimensión, política y eje",
            "Execução por dimensão, política e eixo",
            "Execution by dimension, policy and axis",
        ),
        "code" => ("Código", "Código", "Code"),
        "by_body" => (
            "Ejecución por instancia responsable",
            "Execução por instância responsável",
            "Execution by responsible body",
        ),
        "by_body_note" => (
            "Una actividad con varias instancias responsables cuenta en cada una.",
            "Uma atividade com várias instâncias responsáveis conta em cada uma.",
            "An activity with several responsible bodies counts under each.",
        ),
        "name" => ("Nombre", "Nome", "Name"),
        "participation" => ("Participación", "Participação", "Participation"),
        "countries" => ("Países", "Países", "Countries"),
        "cities" => ("Ciudades", "Cidades", "Cities"),
        "band" => (
            "Actividades según el número de países participantes",
            "Atividades segundo o número de países participantes",
            "Activities by number of participating countries",
        ),
        "results" => ("Resultados", "Resultados", "Results"),
        "kind" => ("Tipo", "Tipo", "Kind"),
        "total" => ("Total", "Total", "Total"),
        "formula" => ("Cálculo", "Cálculo", "How it is computed"),
        "formula_text" => (
            "la parte ejecutada es la proporción de actividades cuyo último informe aprobado dice «sí»; la parte ejecutada o parcial suma las que dicen «sí» y «parcialmente»; una actividad sin informe aprobado cuenta como «sin informe».",
            "a parte executada é a proporção de atividades cujo último relatório aprovado diz «sim»; a parte executada ou parcial soma as que dizem «sim» e «parcialmente»; uma atividade sem relatório aprovado conta como «sem relatório».",
            "the executed share is the proportion of activities whose latest approved report says \"yes\"; the executed or partial share adds those that say \"partially\"; an activity without an approved report counts as \"not reported\".",
        ),
        "only_approved" => (
            "Solo cuentan los informes de avance aprobados.",
            "Só contam os relatórios de andamento aprovados.",
            "Only approved progress reports count.",
        ),
        "work_plan" => ("Plan de trabajo", "Plano de trabalho", "Work plan"),
        "project" => ("Proyecto", "Projeto", "Project"),
        "new_instrument" => ("Nuevo instrumento", "Novo instrumento", "New instrument"),
        "new_institutionality" => (
            "Nueva institucionalidad",
            "Nova institucionalidade",
            "New institutionality",
        ),
        "other" => ("Otros", "Outros", "Other"),
        "draft" => ("Borrador", "Rascunho", "Draft"),
        "in_execution" => ("En ejecución", "Em execução", "In execution"),
        "closed" => ("Cerrado", "Encerrado", "Closed"),
        _ => ("", "", ""),
    };
    match lang {
        Lang::Es => es,
        Lang::Pt => pt,
        Lang::En => en,
    }
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn text(t: &Text, lang: Lang) -> String {
    let picked = match lang {
        Lang::Es => t.es.as_ref(),
        Lang::Pt => t.pt.as_ref(),
        Lang::En => t.en.as_ref(),
    };
    esc(picked
        .or(t.es.as_ref())
        .or(t.pt.as_ref())
        .or(t.en.as_ref())
        .map_or("", String::as_str))
}

fn percent(value: f64, lang: Lang) -> String {
    let s = format!("{value:.1}");
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn execution_cells(out: &mut String, r: &ExecutionRow, lang: Lang) {
    let count = |k: &str| r.by_execution.get(k).copied().unwrap_or_default();
    let _ = write!(
        out,
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
        r.activities,
        count("yes"),
        count("partially"),
        count("no"),
        count("not_reported"),
        percent(r.executed_share, lang),
        percent(r.executed_or_partial_share, lang)
    );
}

/// A table of execution rows under its heading; `by_kind` classes each row by its kind.
fn execution_table(
    out: &mut String,
    heading: &str,
    rows: &[ExecutionRow],
    by_kind: bool,
    lang: Lang,
) {
    let l = |k: &str| label(k, lang);
    let _ = write!(out, "<h2>{heading}</h2><table><tr>");
    for key in [
        "code",
        "name",
        "activities",
        "executed",
        "partially",
        "not_executed",
        "not_reported",
        "share",
        "share_partial",
    ] {
        let _ = write!(out, "<th>{}</th>", l(key));
    }
    out.push_str("</tr>");
    for r in rows {
        if by_kind {
            let _ = write!(out, "<tr class=\"{}\">", esc(&r.kind));
        } else {
            out.push_str("<tr>");
        }
        let _ = write!(
            out,
            "<td>{}</td><td>{}</td>",
            esc(&r.code),
            text(&r.title, lang)
        );
        execution_cells(out, r, lang);
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// The annual report of a plan's execution for the Summit: one printable HTML document with
/// the execution, participation and results figures, in `es`, `pt` or `en`.
#[guarded]
#[utoipa::path(
    tag = "monitoring",
    params(("id" = uuid::Uuid, Path), AnnualQuery),
    responses((status = 200, description = "A printable HTML document", content_type = "text/html"), GetErrors),
    security(("bearer" = [])),
)]
#[get("/plans/{id}/annual-report")]
pub async fn annual_report(
    state: web::Data<AppState>,
    _auth: Guard<perm::RegistryRead>,
    Ids(id): Ids<Uuid>,
    query: QueryParams<AnnualQuery>,
) -> ApiResult<HttpResponse> {
    let lang = super::document_lang(query.0.lang.as_deref())?;
    let scope = ScopeQuery {
        from: query.0.from.clone(),
        until: query.0.until.clone(),
        ..Default::default()
    };
    let plan = PlanId(id);
    let scoped = Scoped::parse(&scope);
    let store = &state.store;
    let (tree, executions, facts, reports) = tokio::try_join!(
        scoped.outline(store, plan),
        async { Ok(store.latest_executions(plan, &scoped.scope).await?) },
        async { Ok(store.participation_facts(plan, &scoped.scope, None).await?) },
        async { Ok(store.approved_reports(plan).await?) },
    )?;
    let bodies = responsible_bodies(store, &tree).await?;
    let execution: ExecutionReport =
        mercociudades_domain::monitoring::execution::execution_report(&tree, &executions, &bodies)
            .into();
    let participation: ParticipationReport =
        mercociudades_domain::monitoring::participation::participation_report(&tree, &facts).into();
    let results: ResultsReport = mercociudades_domain::monitoring::results::results_report(
        &tree,
        &scoped.scope.reports_in(&tree, reports),
    )
    .into();
    let plan = &tree.plan;
    let l = |k: &str| label(k, lang);

    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{} — {}</title><style>\
body{{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1b2631;line-height:1.4}}\
h1{{font-size:1.5rem;margin-bottom:.2rem}}h2{{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #0b4f8a}}\
table{{border-collapse:collapse;width:100%;margin:.5rem 0}}th,td{{border:1px solid #c8d1da;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
th{{background:#e8eef5}}td.n{{text-align:right;font-variant-numeric:tabular-nums}}tr.dimension td{{font-weight:600;background:#f4f7fa}}\
dl{{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}}dt{{font-weight:600}}.note{{color:#4a5866;font-size:.9rem}}\
@media print{{body{{margin:0}}h2{{break-after:avoid}}tr{{break-inside:avoid}}}}</style></head><body>",
        l("title"),
        text(&plan.title, lang)
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p>{}</p><dl>",
        l("title"),
        text(&plan.title, lang)
    );
    let _ = write!(
        h,
        "<dt>{}</dt><dd>{}</dd>",
        l("owner"),
        text(&plan.owner_name, lang)
    );
    let _ = write!(
        h,
        "<dt>{}</dt><dd>{} – {}</dd>",
        l("period"),
        date(plan.starts_on),
        date(plan.ends_on)
    );
    let status = match plan.status.as_str() {
        "approved" => l("approved"),
        other => l(other),
    };
    let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", l("status"), status);
    let approval = match (&plan.approved_by_meeting, plan.approved_on) {
        (Some(m), Some(d)) => format!("{}, {}", esc(m), date(d)),
        _ => l("not_approved").to_owned(),
    };
    let _ = write!(h, "<dt>{}</dt><dd>{}</dd></dl>", l("approved"), approval);

    let t = &execution.total;
    let count = |k: &str| t.by_execution.get(k).copied().unwrap_or_default();
    let _ = write!(
        h,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\
<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr></table><p class=\"note\">{}</p>",
        l("summary"),
        l("activities"),
        l("executed"),
        l("partially"),
        l("not_executed"),
        l("not_reported"),
        l("share"),
        l("share_partial"),
        t.activities,
        count("yes"),
        count("partially"),
        count("no"),
        count("not_reported"),
        percent(t.executed_share, lang),
        percent(t.executed_or_partial_share, lang),
        l("only_approved")
    );

    execution_table(&mut h, l("execution"), &execution.rows, true, lang);
    let _ = write!(
        h,
        "<p class=\"note\">{}: {}</p>",
        l("formula"),
        l("formula_text")
    );
    if !execution.by_body.is_empty() {
        execution_table(&mut h, l("by_body"), &execution.by_body, false, lang);
        let _ = write!(h, "<p class=\"note\">{}</p>", l("by_body_note"));
    }

    let _ = write!(
        h,
        "<h2>{}</h2><dl><dt>{}</dt><dd>{} ({})</dd><dt>{}</dt><dd>{}</dd></dl><table><tr><th>{}</th>",
        l("participation"),
        l("countries"),
        participation.countries.len(),
        esc(&participation.countries.join(", ")),
        l("cities"),
        participation.cities,
        l("band")
    );
    for band in participation.activities_by_band.keys() {
        let _ = write!(h, "<th class=\"n\">{}</th>", esc(band));
    }
    let _ = write!(h, "</tr><tr><td>{}</td>", l("activities"));
    for count in participation.activities_by_band.values() {
        let _ = write!(h, "<td class=\"n\">{count}</td>");
    }
    h.push_str("</tr></table>");

    let _ = write!(
        h,
        "<h2>{}</h2><table><tr><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr>",
        l("results"),
        l("kind"),
        l("total"),
        l("activities")
    );
    for k in &results.kinds {
        let codes: Vec<String> = k.activities.iter().map(|a| esc(&a.code)).collect();
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            l(&k.kind),
            k.total,
            codes.join(", ")
        );
    }
    h.push_str("</table></body></html>");

    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ))
        .body(h))
}
