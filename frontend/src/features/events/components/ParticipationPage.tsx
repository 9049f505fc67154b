import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { BarChart } from "../../../components/Charts";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { TableDownloads } from "../../../components/TableDownloads";
import { FilterInput, ListFilters } from "../../../components/list/ListFilters";
import { useCountryNames } from "../../../lib/registry/countries";
import { counted, formatDate, formatNumber, localized } from "../../../lib/i18n/format";
import { useParticipationReport } from "../api/delegations";
import { countryBars, reportQuery } from "../model/participation";
import { KindBadge } from "./EventBits";

/**
 * Participation in the network's events over a period, from the attendance recorded: by country
 * (a chart and a table, with CSV and XLSX downloads), by city and by event.
 */
export default function ParticipationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const until = params.get("until") ?? "";
  const report = useParticipationReport({ from: from || undefined, until: until || undefined });
  const countries = useCountryNames(lang);
  const num = (n: number) => formatNumber(n, lang);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const query = reportQuery({ from, until });
  const data = report.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/events">← {t("events.back")}</Link>
      </p>
      <PageTitle>{t("events.participation.title")}</PageTitle>
      <ListFilters label={t("events.participation.period")} onClear={from || until ? () => setParams(new URLSearchParams(), { replace: true }) : undefined}>
        <FilterInput id="participation-from" type="date" label={t("common.since")} value={from} onChange={(v) => set("from", v)} />
        <FilterInput id="participation-until" type="date" label={t("common.until")} value={until} onChange={(v) => set("until", v)} />
      </ListFilters>
      {report.isError && <ProblemAlert error={report.error} />}
      {report.isPending && <Loading />}
      {data && (
        <>
          <section className="card" aria-labelledby="participation-country">
            <div className="section-head">
              <h2 id="participation-country">{t("events.participation.byCountry")}</h2>
              <TableDownloads
                path={`/api/v1/events/participation-report${query}`}
                baseName="participation"
                labels={{ csv: t("events.participation.csv"), xlsx: t("events.participation.xlsx") }}
              />
            </div>
            <p data-testid="participation-totals">
              {[
                t("events.participation.eventCount", counted(data.events, lang)),
                t("events.participation.countryCount", counted(data.countries.length, lang)),
                t("events.participation.cityCount", counted(data.cities, lang)),
                t("events.participation.delegateCount", counted(data.delegates, lang)),
              ].join(" · ")}
            </p>
            {data.by_country.length === 0 ? (
              <p className="muted">{t("events.participation.none")}</p>
            ) : (
              <div className="grid-2">
                <BarChart
                  testId="participation-country-chart"
                  title={t("events.participation.byCountry")}
                  bars={countryBars(data.by_country, countries.name, lang)}
                  format={num}
                  width={560}
                />
                <div className="table-wrap">
                  <table className="data-table stack-narrow" data-testid="participation-by-country">
                    <thead>
                      <tr>
                        <th scope="col">{t("events.participation.country")}</th>
                        <th scope="col" className="num">{t("events.participation.events")}</th>
                        <th scope="col" className="num">{t("events.participation.cities")}</th>
                        <th scope="col" className="num">{t("events.participation.delegates")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.by_country.map((c) => (
                        <tr key={c.country} data-country={c.country}>
                          <td data-label={t("events.participation.country")}>
                            <div className="cell-value">{countries.name(c.country)}</div>
                          </td>
                          <td data-label={t("events.participation.events")} className="num">
                            <div className="cell-value">{num(c.events)}</div>
                          </td>
                          <td data-label={t("events.participation.cities")} className="num">
                            <div className="cell-value">{num(c.cities)}</div>
                          </td>
                          <td data-label={t("events.participation.delegates")} className="num">
                            <div className="cell-value">{num(c.delegates)}</div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
          </section>
          {data.by_city.length > 0 && (
            <section className="card" aria-labelledby="participation-city">
              <h2 id="participation-city">{t("events.participation.byCity")}</h2>
              <div className="table-wrap">
                <table className="data-table stack-narrow" data-testid="participation-by-city">
                  <thead>
                    <tr>
                      <th scope="col">{t("events.delegations.city")}</th>
                      <th scope="col">{t("events.participation.country")}</th>
                      <th scope="col" className="num">{t("events.participation.events")}</th>
                      <th scope="col" className="num">{t("events.participation.delegates")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.by_city.map((c) => (
                      <tr key={c.city_id}>
                        <td data-label={t("events.delegations.city")}>
                          <div className="cell-value">
                            <Link to={`/cities/${c.city_id}`}>{c.name}</Link>
                          </div>
                        </td>
                        <td data-label={t("events.participation.country")}>
                          <div className="cell-value">{countries.name(c.country)}</div>
                        </td>
                        <td data-label={t("events.participation.events")} className="num">
                          <div className="cell-value">{num(c.events)}</div>
                        </td>
                        <td data-label={t("events.participation.delegates")} className="num">
                          <div className="cell-value">{num(c.delegates)}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          {data.by_event.length > 0 && (
            <section className="card" aria-labelledby="participation-event">
              <h2 id="participation-event">{t("events.participation.byEvent")}</h2>
              <div className="table-wrap">
                <table className="data-table stack-narrow" data-testid="participation-by-event">
                  <thead>
                    <tr>
                      <th scope="col">{t("events.title")}</th>
                      <th scope="col">{t("events.kindLabel")}</th>
                      <th scope="col">{t("events.participation.countries")}</th>
                      <th scope="col" className="num">{t("events.participation.cities")}</th>
                      <th scope="col" className="num">{t("events.participation.delegates")}</th>
                      <th scope="col" className="num">{t("events.participants.title")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.by_event.map((e) => (
                      <tr key={e.event_id}>
                        <td data-label={t("events.title")}>
                          <div className="cell-value">
                            <Link to={`/events/${e.event_id}`}>{localized(e.title, lang)}</Link>
                            <div className="muted small">{formatDate(e.starts_at, lang)}</div>
                          </div>
                        </td>
                        <td data-label={t("events.kindLabel")}>
                          <div className="cell-value">
                            <KindBadge kind={e.kind} />
                          </div>
                        </td>
                        <td data-label={t("events.participation.countries")}>
                          <div className="cell-value">{countries.list(e.countries)}</div>
                        </td>
                        <td data-label={t("events.participation.cities")} className="num">
                          <div className="cell-value">{num(e.cities)}</div>
                        </td>
                        <td data-label={t("events.participation.delegates")} className="num">
                          <div className="cell-value">{num(e.delegates)}</div>
                        </td>
                        <td data-label={t("events.participants.title")} className="num">
                          <div className="cell-value">
                            {num(e.other_participants)}
                            {e.other_people > 0 && <span className="muted small"> ({t("events.participants.people", counted(e.other_people, lang))})</span>}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </>
      )}
    </>
  );
}
