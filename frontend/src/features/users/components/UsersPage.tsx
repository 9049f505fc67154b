import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import type { Column } from "../../../components/list/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { usePermission } from "../../../lib/auth/useAuth";
import { ROLES } from "../../../lib/auth/permissions";
import { useScopes } from "../../../lib/auth/scopes";
import { useUsers, type User } from "../api/users";
import { UserForm } from "./UserForm";

/** The people who may sign in: searched, filtered and paginated by the server; the state lives in the URL. */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const list = useListParams({ q: "", role: "", active: "" });
  const { q, role, active } = list.filters;
  const [creating, setCreating] = useState(false);
  const scopes = useScopes(i18n.language);
  const users = useUsers({ page: list.page, perPage: list.perPage, q, role, active });
  const mayManage = can("user:manage");

  const columns: Column<User>[] = [
    { id: "name", header: t("users.displayName"), cell: (u) => <Link to={`/users/${u.id}`}>{u.display_name}</Link> },
    { id: "email", header: t("users.email"), cell: (u) => u.email },
    { id: "roles", header: t("users.roles"), cell: (u) => u.roles.map((r) => scopes.roleLabel(t, r)).join(", ") },
    {
      id: "state",
      header: t("users.state"),
      cell: (u) => <span className={`badge badge-${u.active ? "active" : "withdrawn"}`}>{u.active ? t("users.active") : t("users.inactive")}</span>,
    },
  ];

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
      <ListFilters label={t("users.filters")} onSubmit={list.submitSearch} onClear={list.clear}>
        <FilterInput id="user-search" label={t("users.searchLabel")} value={list.search} onChange={list.setSearch} />
        <FilterSelect
          id="user-role"
          label={t("users.role")}
          value={role}
          onChange={(v) => list.update({ role: v })}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <FilterSelect
          id="user-active"
          label={t("users.state")}
          value={active}
          onChange={(v) => list.update({ active: v })}
          options={[
            { value: "true", label: t("users.active") },
            { value: "false", label: t("users.inactive") },
          ]}
        />
      </ListFilters>
      <ListView
        query={users}
        columns={columns}
        rowKey={(u) => u.id}
        caption={t("users.title")}
        testId="users-table"
        onPage={list.setPage}
        onPerPage={list.setPerPage}
      />
    </>
  );
}
