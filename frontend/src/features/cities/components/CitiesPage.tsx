import { useMemo } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import type { Column } from "../../../components/list/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, formatNumber, localized } from "../../../lib/i18n/format";
import { MEMBERSHIP_STATUSES, useCities, useCountryOptions, type City } from "../api/cities";

/** The member cities, paginated, sorted and filtered by the server; the state lives in the URL. */
export default function CitiesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const list = useListParams({ country: "", status: "", q: "" }, { sort: "name" });
  const { country, status, q } = list.filters;
  const cities = useCities({ page: list.page, perPage: list.perPage, sort: list.sort, country, status, q });
  const countries = useCountryOptions();
  const countryOptions = useMemo(
    () =>
      (countries.data ?? [])
        .map((c) => ({ value: c.code, label: localized(c.name, lang) }))
        .sort((a, b) => a.label.localeCompare(b.label, lang)),
    [countries.data, lang],
  );
  const countryName = new Map(countryOptions.map((c) => [c.value, c.label]));

  const columns: Column<City>[] = [
    { id: "name", header: t("cities.name"), sort: "name", cell: (c) => <Link to={`/cities/${c.id}`}>{c.name}</Link> },
    { id: "country", header: t("cities.country"), sort: "country", cell: (c) => countryName.get(c.country) ?? c.country },
    { id: "population", header: t("cities.population"), sort: "population", className: "num", cell: (c) => formatNumber(c.population, lang) },
    {
      id: "status",
      header: t("cities.status"),
      cell: (c) => (
        <span className={`badge badge-${c.membership_status}`}>
          {t(`membership.${c.membership_status}`, { defaultValue: c.membership_status })}
        </span>
      ),
    },
    { id: "joined_on", header: t("cities.joinedOn"), sort: "joined_on", cell: (c) => formatDate(c.joined_on, lang) },
  ];

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
      <ListFilters label={t("cities.filters")} onSubmit={list.submitSearch} onClear={list.clear}>
        <FilterInput id="city-search" label={t("cities.searchLabel")} value={list.search} onChange={list.setSearch} />
        <FilterSelect id="city-country" label={t("cities.country")} value={country} onChange={(v) => list.update({ country: v })} options={countryOptions} />
        <FilterSelect
          id="city-status"
          label={t("cities.status")}
          value={status}
          onChange={(v) => list.update({ status: v })}
          options={MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: t(`membership.${s}`) }))}
        />
      </ListFilters>
      <ListView
        query={cities}
        columns={columns}
        rowKey={(c) => c.id}
        caption={t("cities.title")}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        onPerPage={list.setPerPage}
      />
    </>
  );
}
