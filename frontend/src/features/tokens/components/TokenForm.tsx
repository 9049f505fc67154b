import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors } from "../../../lib/api/problem";
import { ROLES, scopeKind, tokenPermissions, type Role, type RoleGrant } from "../../../lib/auth/permissions";
import { oneOf, type TokenPermission } from "../../../lib/api/closed";
import { useHeld } from "../../../lib/auth/useAuth";
import { useCreateToken, type ApiTokenIn, type NewApiToken } from "../api/tokens";

interface Props {
  /** Who may create tokens of any scope (secretariat admins); the others only for `cities`. */
  anyScope: boolean;
  /** The cities the user may create tokens for, with their names. */
  cities: { id: string; name: string }[];
  bodies: { id: string; name: string }[];
  onCreated: (token: NewApiToken) => void;
  onCancel: () => void;
}

/** The scope a form's choice stands for. */
export function toScope(role: Role, scopeId: string): RoleGrant {
  const kind = scopeKind(role);
  if (kind === "city") return { role, city_id: scopeId || null };
  if (kind === "body") return { role, body_id: scopeId || null };
  return { role };
}

export function TokenForm({ anyScope, cities, bodies, onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(anyScope ? "observer" : "focal_point");
  const [scopeId, setScopeId] = useState(anyScope ? "" : (cities[0]?.id ?? ""));
  const [permissions, setPermissions] = useState<TokenPermission[]>(["registry:read"]);
  const [days, setDays] = useState("365");
  const create = useCreateToken();

  const scope = toScope(role, scopeId);
  const held = useHeld();
  const allowed = tokenPermissions(held, scope);
  const chosen = permissions.filter((p) => allowed.includes(p));

  const apiError = create.error instanceof ApiError ? create.error : null;
  const errors = apiError?.status === 422 ? problemToFieldErrors(apiError.problem) : {};
  const permissionErrors = Object.entries(errors)
    .filter(([f]) => f === "permissions" || f.startsWith("permissions["))
    .flatMap(([, m]) => m);
  const scopeErrors = Object.entries(errors)
    .filter(([f]) => f === "scope" || f.startsWith("scope."))
    .flatMap(([, m]) => m);

  const changeRole = (next: string) => {
    setRole(oneOf(ROLES, next) ?? role);
    setScopeId("");
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: ApiTokenIn = {
      name: name.trim(),
      scope,
      permissions: chosen,
      expires_in_days: days.trim() === "" ? null : Number(days),
    };
    create.mutate(body, { onSuccess: onCreated });
  };

  const cityOptions = [{ value: "", label: t("users.pickCity") }, ...cities.map((c) => ({ value: c.id, label: c.name }))];
  const bodyOptions = [{ value: "", label: t("users.pickBody") }, ...bodies.map((b) => ({ value: b.id, label: b.name }))];
  const kind = scopeKind(role);

  return (
    <form className="card token-form" onSubmit={submit} noValidate aria-labelledby="token-form-title">
      <h2 id="token-form-title">{t("tokens.createTitle")}</h2>
      {apiError?.status === 422 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{apiError.problem?.title ?? t("errors.validation")}</p>
          <p>{t("errors.validation")}</p>
        </div>
      )}
      {create.error && apiError?.status !== 422 && <ProblemAlert error={create.error} />}
      <div className="form-grid">
        <TextField label={t("tokens.name")} hint={t("tokens.nameHint")} required value={name} onChange={(e) => setName(e.target.value)} errors={errors.name} />
        <TextField
          label={t("tokens.expiresInDays")}
          hint={t("tokens.expiresHint")}
          type="number"
          min={1}
          max={730}
          step={1}
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          errors={errors.expires_in_days}
        />
        {anyScope ? (
          <SelectField
            label={t("tokens.scopeRole")}
            value={role}
            onChange={(e) => changeRole(e.target.value)}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            errors={kind === "network" ? scopeErrors : errors["scope.role"]}
          />
        ) : null}
        {kind === "city" && (
          <SelectField
            label={t("tokens.scopeCity")}
            required
            value={scopeId}
            onChange={(e) => setScopeId(e.target.value)}
            options={anyScope ? cityOptions : cities.map((c) => ({ value: c.id, label: c.name }))}
            errors={scopeErrors}
          />
        )}
        {kind === "body" && (
          <SelectField label={t("tokens.scopeBody")} required value={scopeId} onChange={(e) => setScopeId(e.target.value)} options={bodyOptions} errors={scopeErrors} />
        )}
      </div>
      <fieldset aria-describedby={permissionErrors.length ? "token-permissions-error" : "token-permissions-hint"} className={permissionErrors.length ? "field-invalid" : undefined}>
        <legend>{t("tokens.permissions")}</legend>
        <p className="hint" id="token-permissions-hint">
          {t("tokens.permissionsHint")}
        </p>
        <ul className="checkbox-list" data-testid="token-permissions">
          {allowed.map((a) => (
            <li key={a}>
              <label>
                <input
                  type="checkbox"
                  value={a}
                  checked={chosen.includes(a)}
                  onChange={(e) =>
                    setPermissions((ps) => (e.target.checked ? [...ps.filter((p) => p !== a), a] : ps.filter((p) => p !== a)))
                  }
                />{" "}
                {t(`tokens.action.${a.replace(":", "_")}`, { defaultValue: a })} <code className="muted small">{a}</code>
              </label>
            </li>
          ))}
        </ul>
        {permissionErrors.length > 0 && (
          <p id="token-permissions-error" className="field-error">
            {permissionErrors.join(" ")}
          </p>
        )}
      </fieldset>
      <FormActions submit={t("tokens.create")} pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}
