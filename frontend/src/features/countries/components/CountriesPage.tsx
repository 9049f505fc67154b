import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import type { Column } from "../../../components/list/DataTable";
import { FilterSelect, ListFilters } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { usePermission } from "../../../lib/auth/useAuth";
import { localized } from "../../../lib/i18n/format";
import { MERCOSUR_STATUSES, useCountries, useCountry, type Country } from "../api/countries";
import { CountryForm } from "./CountryForm";
import { Notice } from "../../../components/Notice";

/** The edit form of one country, read afresh with its ETag (If-Match) when it opens. */
function EditCountry({ code, onDone }: { code: string; onDone: (saved: boolean) => void }) {
  const country = useCountry(code);
  if (country.isPending) return <Loading />;
  if (country.isError) return <ProblemAlert error={country.error} />;
  return (
    <CountryForm
      key={country.data.data.version}
      country={country.data.data}
      etag={country.data.etag}
      onSaved={() => onDone(true)}
      onCancel={() => onDone(false)}
      onReload={() => country.refetch()}
    />
  );
}

export default function CountriesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useListParams({ status: "" }, { sort: "code" });
  const { status } = list.filters;
  const countries = useCountries({ page: list.page, perPage: list.perPage, sort: list.sort, status });
  const can = usePermission();
  const mayWrite = can("country:write");
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formArea = useRef<HTMLDivElement>(null);

  // An opened form takes the focus, so that keyboard and screen-reader users land in it.
  useEffect(() => {
    if (!adding && !editing) return;
    const timer = setTimeout(() => formArea.current?.querySelector<HTMLElement>("input, select")?.focus(), 0);
    return () => clearTimeout(timer);
  }, [adding, editing]);

  const columns: Column<Country>[] = [
    { id: "code", header: t("countries.code"), sort: "code", cell: (c) => <code>{c.code}</code> },
    { id: "name", header: t("countries.name"), sort: "name", cell: (c) => localized(c.name, lang) },
    {
      id: "status",
      header: t("countries.mercosurStatus"),
      cell: (c) => (
        <span className={`badge badge-${c.mercosur_status}`}>
          {t(`mercosur.${c.mercosur_status}`, { defaultValue: c.mercosur_status })}
        </span>
      ),
    },
    {
      id: "cities",
      header: t("countries.citiesOf"),
      hiddenHeader: true,
      cell: (c) => <Link to={`/cities?country=${encodeURIComponent(c.code)}`}>{t("countries.citiesOf")}</Link>,
    },
    {
      id: "actions",
      header: t("countries.actions"),
      hiddenHeader: true,
      hidden: !mayWrite,
      cell: (c) => (
        <button
          type="button"
          className="button-secondary"
          aria-label={t("countries.editNamed", { name: localized(c.name, lang) })}
          onClick={() => {
            setEditing(c.code);
            setAdding(false);
            setNotice(null);
          }}
        >
          {t("common.edit")}
        </button>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        actions={
          mayWrite && !adding ? (
            <button
              type="button"
              className="button-primary"
              onClick={() => {
                setAdding(true);
                setEditing(null);
                setNotice(null);
              }}
            >
              {t("countries.new")}
            </button>
          ) : undefined
        }
      >
        {t("countries.title")}
      </PageTitle>
      {notice && <Notice>{notice}</Notice>}
      <div ref={formArea}>
        {adding && mayWrite && (
          <CountryForm
            onSaved={(c) => {
              setAdding(false);
              setNotice(t("countries.created", { name: localized(c.name, lang), code: c.code }));
            }}
            onCancel={() => setAdding(false)}
          />
        )}
        {editing && mayWrite && (
          <EditCountry
            code={editing}
            onDone={(saved) => {
              setEditing(null);
              if (saved) setNotice(t("common.saved"));
            }}
          />
        )}
      </div>
      <ListFilters label={t("countries.filters")} onClear={list.clear}>
        <FilterSelect
          id="country-status"
          label={t("countries.mercosurStatus")}
          value={status}
          onChange={(v) => list.update({ status: v })}
          options={MERCOSUR_STATUSES.map((s) => ({ value: s, label: t(`mercosur.${s}`) }))}
        />
      </ListFilters>
      <ListView
        query={countries}
        columns={columns}
        rowKey={(c) => c.code}
        rowProps={(c) => ({ "data-country": c.code })}
        caption={t("countries.title")}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        onPerPage={list.setPerPage}
      />
    </>
  );
}
