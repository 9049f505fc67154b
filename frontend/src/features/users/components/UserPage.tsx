import { useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { FormActions, TextField } from "../../../components/Field";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors } from "../../../lib/api/problem";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDateTime } from "../../../lib/i18n/format";
import { useResetPassword, useUserRecord } from "../api/users";
import { UserForm } from "./UserForm";
import { useScopes } from "../../../lib/auth/scopes";
import { Notice } from "../../../components/Notice";

function PasswordReset({ id, onSaved, onDone }: { id: string; onSaved: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const reset = useResetPassword(id);
  const apiError = reset.error instanceof ApiError ? reset.error : null;
  const errors = apiError?.status === 422 ? problemToFieldErrors(apiError.problem) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate(password, { onSuccess: onSaved });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t("users.resetPassword")}</h2>
      {reset.error && apiError?.status !== 422 && <ProblemAlert error={reset.error} />}
      <TextField
        label={t("users.newPassword")}
        hint={t("users.passwordHint")}
        type="password"
        required
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={[...(errors.new_password ?? []), ...(errors.password ?? []), ...(errors[""] ?? [])]}
      />
      <FormActions submit={t("users.setPassword")} pending={reset.isPending} onCancel={onDone} />
    </form>
  );
}

export default function UserPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const location = useLocation();
  const can = usePermission();
  const user = useUserRecord(id);
  const scopes = useScopes(lang);
  const [editing, setEditing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t("users.created") : null,
  );

  if (user.isPending) return <Loading />;
  if (user.isError) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/users">← {t("users.back")}</Link>
        </p>
        <ProblemAlert error={user.error} />
      </>
    );
  }
  const u = user.data.data;
  const mayManage = can("user:manage");

  return (
    <>
      <p className="breadcrumb">
        <Link to="/users">← {t("users.back")}</Link>
      </p>
      <div className="section-head">
        <PageTitle>{u.display_name}</PageTitle>
        {mayManage && !editing && !resetting && (
          <div className="page-actions">
            <button type="button" className="button-primary" onClick={() => { setEditing(true); setNotice(null); }}>
              {t("common.edit")}
            </button>
            <button type="button" className="button-secondary" onClick={() => { setResetting(true); setNotice(null); }}>
              {t("users.resetPassword")}
            </button>
          </div>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      {editing ? (
        <UserForm
          user={u}
          etag={user.data.etag}
          cities={scopes.cities}
          bodies={scopes.bodies}
          onSaved={() => {
            setEditing(false);
            setNotice(t("common.saved"));
          }}
          onCancel={() => setEditing(false)}
          onReload={() => user.refetch()}
          key={u.version}
        />
      ) : (
        <section className="card" aria-labelledby="user-profile">
          <h2 id="user-profile">{t("users.profile")}</h2>
          <dl className="facts" data-testid="user-facts">
            <dt>{t("users.email")}</dt>
            <dd>{u.email}</dd>
            <dt>{t("users.language")}</dt>
            <dd>{t(`language.${u.language}`, { defaultValue: u.language })}</dd>
            <dt>{t("users.state")}</dt>
            <dd>
              <span className={`badge badge-${u.active ? "active" : "withdrawn"}`}>{u.active ? t("users.active") : t("users.inactive")}</span>
            </dd>
            <dt>{t("users.roles")}</dt>
            <dd>
              <ul className="plain-list">
                {u.roles.map((r, i) => (
                  <li key={i}>{scopes.roleLabel(t, r)}</li>
                ))}
              </ul>
            </dd>
            <dt>{t("users.updated")}</dt>
            <dd>
              {formatDateTime(u.updated_at, lang)} · {t("cities.version", { version: u.version })}
            </dd>
          </dl>
        </section>
      )}
      {resetting && (
        <PasswordReset
          id={u.id}
          onSaved={() => {
            setResetting(false);
            setNotice(t("users.passwordChanged"));
          }}
          onDone={() => setResetting(false)}
        />
      )}
    </>
  );
}
