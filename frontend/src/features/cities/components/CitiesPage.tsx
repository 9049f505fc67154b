import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { SortHeader } from "../../../components/SortHeader";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, formatNumber, localized } from "../../../lib/i18n/format";
import { MEMBERSHIP_STATUSES, useCities, useCountryOptions } from "../api/cities";

const DEFAULT_SORT = "name";
const DEFAULT_PER_PAGE = 25;

/** The member cities, paginated, sorted and filtered by the server; the state lives in the URL. */
export default function CitiesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const perPage = Number(params.get("per_page")) || DEFAULT_PER_PAGE;
  const sort = params.get("sort") || DEFAULT_SORT;
  const country = params.get("country") ?? "";
  const status = params.get("status") ?? "";
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !("page" in changes)) next.delete("page");
    setParams(next, { replace: true });
  };

  // Search as the user types, once they pause.
  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => update({ q: search.trim() }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const cities = useCities({ page, perPage, sort, country, status, q });
  const countries = useCountryOptions();
  const countryName = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of countries.data ?? []) map.set(c.code, localized(c.name, lang));
    return map;
  }, [countries.data, lang]);

  const filtered = country || status || q;

  return (
    <>
      <PageTitle
        actions={
          can("city:create") ? (
            <Link to="/cities/new" className="button-primary">
              {t("cities.new")}
            </Link>
          ) : undefined
        }
      >
        {t("cities.title")}
      </PageTitle>
      <form className="filters card" role="search" aria-label={t("cities.filters")} onSubmit={(e) => {
        e.preventDefault();
        update({ q: search.trim() });
      }}>
        <div className="field">
          <label htmlFor="city-search">{t("cities.searchLabel")}</label>
          <input id="city-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="city-country">{t("cities.country")}</label>
          <select id="city-country" value={country} onChange={(e) => update({ country: e.target.value })}>
            <option value="">{t("common.all")}</option>
            {(countries.data ?? [])
              .map((c) => ({ code: c.code, name: localized(c.name, lang) }))
              .sort((a, b) => a.name.localeCompare(b.name, lang))
              .map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="city-status">{t("cities.status")}</label>
          <select id="city-status" value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t("common.all")}</option>
            {MEMBERSHIP_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`membership.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setSearch("");
              update({ q: undefined, country: undefined, status: undefined });
            }}
          >
            {t("common.clearFilters")}
          </button>
        )}
      </form>

      {cities.isError && <ProblemAlert error={cities.error} />}
      {cities.isPending && <Loading />}
      {cities.data && (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table" aria-busy={cities.isFetching}>
              <caption className="visually-hidden">{t("cities.title")}</caption>
              <thead>
                <tr>
                  <SortHeader field="name" label={t("cities.name")} sort={sort} onSort={(s) => update({ sort: s })} />
                  <SortHeader field="country" label={t("cities.country")} sort={sort} onSort={(s) => update({ sort: s })} />
                  <SortHeader field="population" label={t("cities.population")} sort={sort} onSort={(s) => update({ sort: s })} className="num" />
                  <th scope="col">{t("cities.status")}</th>
                  <SortHeader field="joined_on" label={t("cities.joinedOn")} sort={sort} onSort={(s) => update({ sort: s })} />
                </tr>
              </thead>
              <tbody>
                {cities.data.items.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t("common.noResults")}
                    </td>
                  </tr>
                )}
                {cities.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/cities/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{countryName.get(c.country) ?? c.country}</td>
                    <td className="num">{formatNumber(c.population, lang)}</td>
                    <td>
                      <span className={`badge badge-${c.membership_status}`}>
                        {t(`membership.${c.membership_status}`, { defaultValue: c.membership_status })}
                      </span>
                    </td>
                    <td>{formatDate(c.joined_on, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={cities.data.page}
            perPage={cities.data.per_page}
            total={cities.data.total}
            onPage={(p) => update({ page: p }, false)}
            onPerPage={(n) => update({ per_page: n })}
          />
        </div>
      )}
    </>
  );
}
