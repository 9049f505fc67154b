import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { SortHeader } from "../../../components/SortHeader";
import { usePermission } from "../../../lib/auth/useAuth";
import { localized } from "../../../lib/i18n/format";
import { MERCOSUR_STATUSES, useCountries, useCountry } from "../api/countries";
import { CountryForm } from "./CountryForm";

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
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const perPage = Number(params.get("per_page")) || 25;
  const sort = params.get("sort") || "code";
  const status = params.get("status") ?? "";

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !("page" in changes)) next.delete("page");
    setParams(next, { replace: true });
  };

  const countries = useCountries({ page, perPage, sort, status });
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
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
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
      <div className="filters card">
        <div className="field">
          <label htmlFor="country-status">{t("countries.mercosurStatus")}</label>
          <select id="country-status" value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">{t("common.all")}</option>
            {MERCOSUR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`mercosur.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {countries.isError && <ProblemAlert error={countries.error} />}
      {countries.isPending && <Loading />}
      {countries.data && (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t("countries.title")}</caption>
              <thead>
                <tr>
                  <SortHeader field="code" label={t("countries.code")} sort={sort} onSort={(s) => update({ sort: s })} />
                  <SortHeader field="name" label={t("countries.name")} sort={sort} onSort={(s) => update({ sort: s })} />
                  <th scope="col">{t("countries.mercosurStatus")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("countries.citiesOf")}</span>
                  </th>
                  {mayWrite && (
                    <th scope="col">
                      <span className="visually-hidden">{t("countries.actions")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {countries.data.items.map((c) => (
                  <tr key={c.code} data-country={c.code}>
                    <td>
                      <code>{c.code}</code>
                    </td>
                    <td>{localized(c.name, lang)}</td>
                    <td>
                      <span className={`badge badge-${c.mercosur_status}`}>
                        {t(`mercosur.${c.mercosur_status}`, { defaultValue: c.mercosur_status })}
                      </span>
                    </td>
                    <td>
                      <Link to={`/cities?country=${encodeURIComponent(c.code)}`}>{t("countries.citiesOf")}</Link>
                    </td>
                    {mayWrite && (
                      <td>
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
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={countries.data.page}
            perPage={countries.data.per_page}
            total={countries.data.total}
            onPage={(p) => update({ page: p }, false)}
            onPerPage={(n) => update({ per_page: n })}
          />
        </div>
      )}
    </>
  );
}
