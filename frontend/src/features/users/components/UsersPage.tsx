import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { usePermission } from "../../../lib/auth/useAuth";
import { ROLES } from "../../../lib/auth/permissions";
import { useUsers } from "../api/users";
import { UserForm } from "./UserForm";
import { useScopes } from "../../../lib/auth/scopes";

const DEFAULT_PER_PAGE = 25;

/** The people who may sign in: searched, filtered and paginated by the server; the state lives in the URL. */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const perPage = Number(params.get("per_page")) || DEFAULT_PER_PAGE;
  const q = params.get("q") ?? "";
  const role = params.get("role") ?? "";
  const active = params.get("active") ?? "";
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);
  const scopes = useScopes(i18n.language);

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

  const users = useUsers({ page, perPage, q, role, active });
  const mayManage = can("user:manage");

  return (
    <>
      <div className="section-head">
        <PageTitle>{t("users.title")}</PageTitle>
        {mayManage && !creating && (
          <button type="button" className="button-primary" onClick={() => setCreating(true)}>
            {t("users.new")}
          </button>
        )}
      </div>
      {creating && (
        <UserForm
          cities={scopes.cities}
          bodies={scopes.bodies}
          onSaved={(u) => void navigate(`/users/${u.id}`, { state: { created: true } })}
          onCancel={() => setCreating(false)}
        />
      )}
      <form
        className="filters card"
        role="search"
        aria-label={t("users.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: search.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="user-search">{t("users.searchLabel")}</label>
          <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="user-role">{t("users.role")}</label>
          <select id="user-role" value={role} onChange={(e) => update({ role: e.target.value })}>
            <option value="">{t("common.all")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-active">{t("users.state")}</label>
          <select id="user-active" value={active} onChange={(e) => update({ active: e.target.value })}>
            <option value="">{t("common.all")}</option>
            <option value="true">{t("users.active")}</option>
            <option value="false">{t("users.inactive")}</option>
          </select>
        </div>
        {(q || role || active) && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setSearch("");
              update({ q: undefined, role: undefined, active: undefined });
            }}
          >
            {t("common.clearFilters")}
          </button>
        )}
      </form>

      {users.isError && <ProblemAlert error={users.error} />}
      {users.isPending && <Loading />}
      {users.data && (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table" aria-busy={users.isFetching} data-testid="users-table">
              <caption className="visually-hidden">{t("users.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("users.displayName")}</th>
                  <th scope="col">{t("users.email")}</th>
                  <th scope="col">{t("users.roles")}</th>
                  <th scope="col">{t("users.state")}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.length === 0 && (
                  <tr>
                    <td colSpan={4} className="muted">
                      {t("common.noResults")}
                    </td>
                  </tr>
                )}
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link to={`/users/${u.id}`}>{u.display_name}</Link>
                    </td>
                    <td>{u.email}</td>
                    <td>{u.roles.map((r) => scopes.roleLabel(t, r)).join(", ")}</td>
                    <td>
                      <span className={`badge badge-${u.active ? "active" : "withdrawn"}`}>{u.active ? t("users.active") : t("users.inactive")}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={users.data.page}
            perPage={users.data.per_page}
            total={users.data.total}
            onPage={(p) => update({ page: p }, false)}
            onPerPage={(n) => update({ per_page: n })}
          />
        </div>
      )}
    </>
  );
}
