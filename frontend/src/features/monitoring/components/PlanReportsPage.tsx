import { useState, type FormEvent, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { TableDownloads } from "../../../components/TableDownloads";
import { Loading } from "../../../components/Loading";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { counted, formatNumber, formatPercent, localized } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import {
  REPORT_FILTERS,
  reportPath,
  useExecutionReport,
  useParticipationReport,
  useBodyAcronyms,
  useResultsReport,
  type ExecutionReport,
  type PlanOut,
  type PlanTree,
  type ResultsReport,
  type ReportFilters,
} from "../api/reports";
import { responsibleAcronyms, servesGroups } from "../model/filters";
import { executionByPolicy } from "../../../lib/charts";
import { activitiesByCountry, bandSeries, resultsLadder } from "../model/charts";
import { stagesOf } from "../model/indicators";
import { BarChart, LadderChart } from "../../../components/Charts";
import { ExecutionByBody } from "./ExecutionByBody";
import { ExecutionFormula, ExecutionTable } from "../../../components/ExecutionFigures";
import { IndicatorsPanel } from "./IndicatorsPanel";
import { bandLabel } from "./ReportBadges";
import { useEmptyRows } from "./EmptyRows";

type Which = "execution" | "participation" | "results";

/**
 * The plan's monitoring: execution, participation and results, filtered by the URL's query. It
 * is the Reports section of a plan's pages (the plan's title and sections drawn around it).
 */
export function PlanReportsPage({ plan: p }: { plan: PlanTree }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const filters: ReportFilters = Object.fromEntries(
    REPORT_FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const id = p.id;
  const execution = useExecutionReport(id, filters);
  const participation = useParticipationReport(id, filters);
  const results = useResultsReport(id, filters);
  const countries = useCountryNames(lang);
  const num = (v: number) => formatNumber(v, lang);

  return (
    <>
      <p className="muted">{t("monitoring.reports.intro")}</p>
      <FilterForm
        key={params.toString()}
        plan={p}
        filters={filters}
        onApply={(f) => {
          const next = new URLSearchParams();
          for (const k of REPORT_FILTERS) if (f[k]) next.set(k, f[k]!);
          setParams(next, { replace: true });
        }}
      />

      <ReportSection plan={p} which="execution" filters={filters} query={execution}>
        {(data) => <ExecutionSection data={data} />}
      </ReportSection>

      <ReportSection plan={p} which="participation" filters={filters} query={participation}>
        {(data) => (
          <>
            <p>
              {t(data.countries.length ? "monitoring.reports.participation.totals" : "monitoring.reports.participation.totalsNoList", {
                countries: t("monitoring.countryCount", counted(data.countries.length, lang)),
                cities: t("monitoring.cityCount", counted(data.cities, lang)),
                list: countries.list(data.countries),
              })}
            </p>
            <div className="grid-2">
              <div>
                <h3>{t("monitoring.reports.participation.byCountry")}</h3>
                {data.by_country.length === 0 ? (
                  <p className="muted">{t("monitoring.reports.nothing")}</p>
                ) : (
                  <BarChart
                    testId="country-chart"
                    title={t("monitoring.reports.participation.byCountry")}
                    bars={activitiesByCountry(data.by_country, countries.name)}
                    format={num}
                    width={420}
                  />
                )}
              </div>
              <div>
                <h3>{t("monitoring.reports.participation.bands")}</h3>
                <table className="data-table" data-testid="band-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("monitoring.band")}</th>
                      <th scope="col" className="num">{t("monitoring.reports.execution.activities")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {bandSeries(data.activities_by_band).map((b) => (
                      <tr key={b.key} data-band={b.key}>
                        <td>{bandLabel(t, b.key, lang)}</td>
                        <td className="num">{num(b.value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <h3>{t("monitoring.reports.participation.with")}</h3>
                <ul className="plain-list">
                  {Object.entries(data.activities_with).map(([k, v]) => (
                    <li key={k}>
                      {t(`monitoring.participants.${k}`, { defaultValue: k })}: {num(v)}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
            {data.rows.length > 0 && (
              <div className="table-wrap">
                <table className="data-table stack-narrow" data-testid="participation-rows">
                  <thead>
                    <tr>
                      <th scope="col">{t("monitoring.activity")}</th>
                      <th scope="col">{t("monitoring.countries")}</th>
                      <th scope="col">{t("monitoring.band")}</th>
                      <th scope="col" className="num">{t("monitoring.form.cities")}</th>
                      <th scope="col">{t("monitoring.participants.organizations")}</th>
                      <th scope="col">{t("monitoring.participants.mercosur_institutions")}</th>
                      <th scope="col">{t("monitoring.participants.specific_groups")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((r) => (
                      <tr key={r.code} data-code={r.code}>
                        <td data-label={t("monitoring.activity")}>
                          <span className="tree-code">{r.code}</span>
                        </td>
                        <td data-label={t("monitoring.countries")}>{countries.list(r.countries) || "—"}</td>
                        <td data-label={t("monitoring.band")}>{r.country_band ? bandLabel(t, r.country_band, lang) : "—"}</td>
                        <td data-label={t("monitoring.form.cities")} className="num">{num(r.cities)}</td>
                        <td data-label={t("monitoring.participants.organizations")}>{r.organizations.join(", ") || "—"}</td>
                        <td data-label={t("monitoring.participants.mercosur_institutions")}>{r.mercosur_institutions.join(", ") || "—"}</td>
                        <td data-label={t("monitoring.participants.specific_groups")}>{r.specific_groups.join(", ") || "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
        )}
      </>
        )}
      </ReportSection>

      <ReportSection plan={p} which="results" filters={filters} query={results}>
        {(data) => <ResultsSection data={data} />}
      </ReportSection>

      <IndicatorsPanel planId={id} />
    </>
  );
}

/**
 * The execution per part of the plan (the parts without activities folded away), its chart per
 * policy, the execution per responsible body, and how the shares are computed.
 */
function ExecutionSection({ data }: { data: ExecutionReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = useEmptyRows(data.rows, (r) => r.activities === 0, { controls: "execution-rows" });
  return (
    <>
      <h3>{t("monitoring.reports.execution.chart")}</h3>
      <BarChart
        testId="execution-chart"
        title={t("monitoring.reports.execution.chart")}
        bars={executionByPolicy(data.rows, (r) => `${r.code} ${localized(r.title, lang)}`)}
        max={100}
        format={(v) => formatPercent(v, lang)}
      />
      <ExecutionTable rows={rows.shown} total={data.total} id="execution-rows" />
      {rows.toggle}
      <ExecutionByBody rows={data.by_body} />
      <div className="muted small formula" data-testid="execution-formula">
        <p>
          <ExecutionFormula />
        </p>
        {/* The server writes its formula in English only: kept, as it gives it, for who wants the exact words. */}
        <details>
          <summary>{t("monitoring.reports.execution.serverFormula")}</summary>
          <code lang="en">{data.formula}</code>
        </details>
      </div>
    </>
  );
}

/** The results per kind (the kinds never reached folded away), with their ladder of stages. */
function ResultsSection({ data }: { data: ResultsReport }) {
  const { t, i18n } = useTranslation();
  const num = (v: number) => formatNumber(v, i18n.language);
  const kinds = useEmptyRows(data.kinds, (k) => k.total === 0, { controls: "results-kinds", texts: "kinds" });
  const reached = data.kinds.filter((k) => k.total > 0);
  return (
    <>
      {reached.length > 0 && (
        <LadderChart
          title={t("monitoring.reports.results.chart")}
          rows={resultsLadder(reached, stagesOf)}
          kindLabel={(k) => t(`monitoring.resultKind.${k}`, { defaultValue: k })}
          stageLabel={(k, s) => t(`monitoring.stage.${k}.${s}`, { defaultValue: s })}
          format={num}
        />
      )}
      {kinds.shown.length === 0 && <p className="muted">{t("monitoring.form.noResults")}</p>}
      <div className="table-wrap" hidden={kinds.shown.length === 0}>
        <table className="data-table stack-narrow" data-testid="results-table" id="results-kinds">
          <thead>
            <tr>
              <th scope="col">{t("monitoring.form.kind")}</th>
              <th scope="col" className="num">{t("monitoring.reports.total")}</th>
              <th scope="col">{t("monitoring.reports.results.byStage")}</th>
              <th scope="col">{t("monitoring.reports.results.activities")}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.shown.map((k) => (
              <tr key={k.kind} data-kind={k.kind}>
                <td data-label={t("monitoring.form.kind")}>{t(`monitoring.resultKind.${k.kind}`, { defaultValue: k.kind })}</td>
                <td data-label={t("monitoring.reports.total")} className="num">{num(k.total)}</td>
                <td data-label={t("monitoring.reports.results.byStage")}>
                  {stagesOf(k.kind).length === 0 ? (
                    "—"
                  ) : (
                    <ol className="ladder">
                      {stagesOf(k.kind).map((s) => (
                        <li key={s} data-stage={s}>
                          {t(`monitoring.stage.${k.kind}.${s}`)}: <strong>{num(k.by_stage[s] ?? 0)}</strong>
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
                <td data-label={t("monitoring.reports.results.activities")}>{k.activities.length === 0 ? "—" : [...new Set(k.activities.map((a) => a.code))].join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {kinds.toggle}
    </>
  );
}

/**
 * The filters of the plan's reports, each a choice by name: the period, a country, a responsible
 * body (the plan's owner and the bodies its activities name) and a perspective or goal of the
 * strategic plan. Applied together, into the URL.
 */
function FilterForm({ plan, filters, onApply }: { plan: PlanTree; filters: ReportFilters; onApply: (f: ReportFilters) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [values, setValues] = useState<ReportFilters>(filters);
  const countries = useCountryNames(lang);
  const bodies = useBodyAcronyms();
  const groups = servesGroups(plan.strategic_plan);
  const set = (k: (typeof REPORT_FILTERS)[number]) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(values);
  };

  // The bodies to choose from: the owner, then those the activities name, by name (acronym beside it).
  const bodyName = (acronym: string) => {
    const b = bodies.data?.find((x) => x.acronym?.toUpperCase() === acronym.toUpperCase());
    const name = b ? localized(b.name, lang) : acronym === plan.owner.acronym ? localized(plan.owner.name, lang) : "";
    return name && name !== acronym ? `${name} (${acronym})` : acronym;
  };
  const acronyms = [...new Set([plan.owner.acronym, ...responsibleAcronyms(plan.nodes), values.body].filter((a): a is string => !!a))];
  const bodyOptions = acronyms.map((a) => ({ value: a, label: bodyName(a) }));
  // A country in the URL the registry does not list stays choosable.
  const countryOptions =
    values.country && !countries.options.some((o) => o.value === values.country)
      ? [...countries.options, { value: values.country, label: values.country }]
      : countries.options;
  const goalLabel = (code: string, title: PlanTree["title"]) => `${code} · ${localized(title, lang)}`;

  const date = (k: "from" | "until") => (
    <div className="field">
      <label htmlFor={`filter-${k}`}>{t(`monitoring.reports.filters.${k}`)}</label>
      <input id={`filter-${k}`} type="date" value={values[k] ?? ""} onChange={set(k)} />
    </div>
  );
  return (
    <form className="card filters report-filters" onSubmit={submit} aria-label={t("monitoring.reports.filters.label")}>
      {date("from")}
      {date("until")}
      <div className="field">
        <label htmlFor="filter-country">{t("monitoring.reports.filters.country")}</label>
        <select id="filter-country" value={values.country ?? ""} onChange={set("country")}>
          <option value="">{t("monitoring.reports.filters.allCountries")}</option>
          {countryOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-body">{t("monitoring.reports.filters.body")}</label>
        <select id="filter-body" value={values.body ?? ""} onChange={set("body")}>
          <option value="">{t("monitoring.reports.filters.allBodies")}</option>
          {bodyOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {(groups.length > 0 || values.serves) && (
        <div className="field filter-serves">
          <label htmlFor="filter-serves">{t("monitoring.reports.filters.serves")}</label>
          <select id="filter-serves" value={values.serves ?? ""} onChange={set("serves")}>
            <option value="">{t("monitoring.reports.filters.anyGoal")}</option>
            {values.serves && !groups.some((g) => g.code === values.serves || g.goals.some((x) => x.code === values.serves)) && (
              <option value={values.serves}>{values.serves}</option>
            )}
            {groups.map((g) => (
              <optgroup key={g.code} label={goalLabel(g.code, g.title)}>
                <option value={g.code}>{t("monitoring.reports.filters.wholePerspective", { code: g.code, title: localized(g.title, lang) })}</option>
                {g.goals.map((x) => (
                  <option key={x.code} value={x.code}>
                    {goalLabel(x.code, x.title)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {t("monitoring.reports.filters.apply")}
        </button>
        <button type="button" className="button-secondary" onClick={() => onApply({})}>
          {t("monitoring.reports.filters.clear")}
        </button>
      </div>
    </form>
  );
}

/** One of the plan's reports: its title, its CSV download, and what `children` draw of its data once read. */
function ReportSection<T>({
  plan,
  which,
  filters,
  query,
  children,
}: {
  plan: PlanOut;
  which: Which;
  filters: ReportFilters;
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={`${which}-title`} data-testid={`${which}-report`}>
      <div className="section-head">
        <h2 id={`${which}-title`}>{t(`monitoring.reports.${which}.title`)}</h2>
        <Downloads plan={plan} which={which} filters={filters} />
      </div>
      {query.isPending ? <Loading /> : query.isError ? <ProblemAlert error={query.error} /> : children(query.data as T)}
    </section>
  );
}

/** The report as CSV and as XLSX, with the filters shown. */
function Downloads({ plan, which, filters }: { plan: PlanOut; which: Which; filters: ReportFilters }) {
  const { t } = useTranslation();
  const baseName = `plan-${plan.owner.acronym ?? "plan"}-${plan.starts_on.slice(0, 4)}-${plan.ends_on.slice(0, 4)}-${which}`;
  return (
    <TableDownloads
      path={reportPath(plan.id, which, filters)}
      baseName={baseName}
      labels={{ csv: t(`monitoring.reports.${which}.csv`), xlsx: t(`monitoring.reports.${which}.xlsx`) }}
    />
  );
}
