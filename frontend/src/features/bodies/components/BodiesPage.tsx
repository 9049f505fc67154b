import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { SortHeader } from "../../../components/SortHeader";
import { usePermission } from "../../../lib/auth/useAuth";
import { localized } from "../../../lib/i18n/format";
import { BODY_KINDS, useBodies } from "../api/bodies";

export default function BodiesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const perPage = Number(params.get("per_page")) || 25;
  const sort = params.get("sort") || "name";
  const kind = params.get("kind") ?? "";
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

  useEffect(() => {
    if (search === q) return;
    const timer = setTimeout(() => update({ q: search.trim() }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const bodies = useBodies({ page, perPage, sort, kind, q });

  return (
    <>
      <PageTitle
        actions={
          can("body:create") ? (
            <Link to="/bodies/new" className="button-primary">
              {t("bodies.new")}
            </Link>
          ) : undefined
        }
      >
        {t("bodies.title")}
      </PageTitle>
      <form className="filters card" role="search" aria-label={t("cities.filters")} onSubmit={(e) => {
        e.preventDefault();
        update({ q: search.trim() });
      }}>
        <div className="field">
          <label htmlFor="body-search">{t("bodies.searchLabel")}</label>
          <input id="body-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="body-kind">{t("bodies.kind")}</label>
          <select id="body-kind" value={kind} onChange={(e) => update({ kind: e.target.value })}>
            <option value="">{t("common.all")}</option>
            {BODY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`bodyKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {bodies.isError && <ProblemAlert error={bodies.error} />}
      {bodies.isPending && <Loading />}
      {bodies.data && (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t("bodies.title")}</caption>
              <thead>
                <tr>
                  <SortHeader field="name" label={t("bodies.name")} sort={sort} onSort={(s) => update({ sort: s })} />
                  <th scope="col">{t("bodies.acronym")}</th>
                  <SortHeader field="kind" label={t("bodies.kind")} sort={sort} onSort={(s) => update({ sort: s })} />
                </tr>
              </thead>
              <tbody>
                {bodies.data.items.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      {t("common.noResults")}
                    </td>
                  </tr>
                )}
                {bodies.data.items.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <Link to={`/bodies/${b.id}`}>{localized(b.name, lang)}</Link>
                    </td>
                    <td>{b.acronym ?? ""}</td>
                    <td>{t(`bodyKind.${b.kind}`, { defaultValue: b.kind })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={bodies.data.page}
            perPage={bodies.data.per_page}
            total={bodies.data.total}
            onPage={(p) => update({ page: p }, false)}
            onPerPage={(n) => update({ per_page: n })}
          />
        </div>
      )}
    </>
  );
}
