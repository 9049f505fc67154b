import { useMemo, type MouseEvent } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
// The outlines travel in this screen's chunk: the map needs no tile server and fetches nothing.
import atlas from "world-atlas/countries-110m.json";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { FilterSelect, ListFilters } from "../../../components/list/ListFilters";
import { useListParams } from "../../../components/list/useListParams";
import { useWidth } from "../../../components/useWidth";
import { counted } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import { MEMBERSHIP_STATUSES, useAllCities, type City } from "../api/cities";
import { NUMERIC_OF, countByStatus, extentOf, filterCities, fitProjection, located, type Extent, type LocatedCity } from "../model/map";

const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const COUNTRIES = feature(topology, topology.objects.countries).features;

/**
 * The member cities on a map of their countries: a dot per city with a location, coloured by its
 * membership status, filtered by country (which also frames the map) and status in the URL; each
 * dot opens its city's page.
 */
export default function CitiesMapPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useListParams({ country: "", status: "" });
  const { country, status } = list.filters;
  const cities = useAllCities();
  const names = useCountryNames(lang);

  const all = useMemo(() => cities.data ?? [], [cities.data]);
  // The chosen country frames the map; the status only picks the dots within it.
  const framed = useMemo(() => filterCities(located(all), { country }), [all, country]);
  const extent = useMemo(() => extentOf(framed.map((c) => c.location)), [framed]);
  const shown = filterCities(framed, { status });
  const unlocated = filterCities(all, { country, status }).length - shown.length;
  const byStatus = countByStatus(shown);
  const memberCountries = new Set(all.map((c) => NUMERIC_OF[c.country.toUpperCase()]).filter(Boolean));
  const countryOptions = [...new Set(all.map((c) => c.country.toUpperCase()))]
    .map((code) => ({ value: code, label: names.name(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  const statusLabel = (s: string) => t(`membership.${s}`, { defaultValue: s });

  return (
    <>
      <PageTitle>{t("map.title")}</PageTitle>
      <p className="muted">{t("map.intro")}</p>
      <ListFilters label={t("map.filters")} onClear={list.clear}>
        <FilterSelect id="map-country" label={t("cities.country")} value={country} onChange={(v) => list.update({ country: v })} options={countryOptions} />
        <FilterSelect
          id="map-status"
          label={t("cities.status")}
          value={status}
          onChange={(v) => list.update({ status: v })}
          options={MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
      </ListFilters>
      {cities.isPending ? (
        <Loading />
      ) : cities.isError ? (
        <ProblemAlert error={cities.error} />
      ) : (
        <div className="map-layout">
          <CityMap
            cities={shown}
            extent={extent}
            highlight={memberCountries}
            title={t("map.title")}
            label={(c) => t("map.city", { name: c.name, country: names.name(c.country), status: statusLabel(c.membership_status) })}
          />
          <aside className="map-side" aria-labelledby="map-legend-title">
            <h2 id="map-legend-title" className="map-legend-title">{t("map.legend")}</h2>
            <ul className="map-legend" data-testid="map-legend">
              {MEMBERSHIP_STATUSES.map((s) => (
                <li key={s} data-status={s}>
                  <span className={`map-swatch map-swatch-${s}`} aria-hidden="true" />
                  <span>{statusLabel(s)}</span>
                  <span className="muted">{counted(byStatus[s] ?? 0, lang).n}</span>
                </li>
              ))}
            </ul>
            <p className="map-count" role="status">
              {shown.length === 0 ? t("map.none") : t("map.shown", counted(shown.length, lang))}
            </p>
            {unlocated > 0 && <p className="muted small">{t("map.unlocated", counted(unlocated, lang))}</p>}
          </aside>
        </div>
      )}
    </>
  );
}

/**
 * The map itself, drawn at its container's width: the countries (those with member cities
 * shaded), then a dot per city, each a link to the city's page named by `label`.
 */
function CityMap({
  cities,
  extent,
  highlight,
  title,
  label,
}: {
  cities: readonly LocatedCity[];
  extent: Extent;
  /** The countries to shade, by ISO 3166-1 numeric code. */
  highlight: ReadonlySet<string>;
  title: string;
  label: (city: City) => string;
}) {
  const navigate = useNavigate();
  const { ref, width } = useWidth(720);
  const maxHeight = Math.max(320, Math.min(680, Math.round(width * 1.2)));
  const { projection, height } = useMemo(() => fitProjection(extent, width, maxHeight), [extent, width, maxHeight]);
  const outlines = useMemo(() => {
    const path = geoPath(projection);
    return COUNTRIES.map((f) => ({ id: String(f.id), d: path(f) ?? "" })).filter((o) => o.d);
  }, [projection]);
  const open = (e: MouseEvent, id: string) => {
    // A new tab or window stays the browser's to open.
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    void navigate(`/cities/${id}`);
  };
  return (
    <figure className="city-map" ref={ref}>
      <svg role="group" aria-label={title} viewBox={`0 0 ${width} ${height}`} width={width} height={height} data-testid="city-map">
        <rect className="map-sea" width={width} height={height} />
        <g aria-hidden="true">
          {outlines.map((o) => (
            <path key={o.id} d={o.d} className={highlight.has(o.id) ? "map-country map-country-member" : "map-country"} />
          ))}
        </g>
        <g>
          {cities.map((c) => {
            const [x, y] = projection([c.location.longitude, c.location.latitude]) ?? [-99, -99];
            const name = label(c);
            return (
              <a
                key={c.id}
                href={`/cities/${c.id}`}
                className="map-city"
                data-city={c.id}
                data-status={c.membership_status}
                aria-label={name}
                onClick={(e) => open(e, c.id)}
              >
                <title>{name}</title>
                <circle className="map-hit" cx={x} cy={y} r={12} />
                <circle className={`map-dot map-dot-${c.membership_status}`} cx={x} cy={y} r={6} />
                <text className="map-label" x={x} y={y - 12} textAnchor={x > width - 80 ? "end" : x < 80 ? "start" : "middle"}>
                  {c.name}
                </text>
              </a>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}
