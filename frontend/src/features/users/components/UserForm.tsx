import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { FormActions, SelectField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import type { FieldErrors } from "../../../lib/api/problem";
import { ROLES, scopeKind, type Role } from "../../../lib/auth/permissions";
import { oneOf } from "../../../lib/api/closed";
import { LANGUAGES } from "../../../lib/i18n/language";
import { useCreateUser, useUpdateUser, type User, type UserIn } from "../api/users";

export interface RoleRow {
  role: Role;
  scopeId: string;
}

/** The form's values: every input holds a string (or a row of strings). */
export interface UserFormValues {
  email: string;
  display_name: string;
  language: string;
  active: boolean;
  roles: RoleRow[];
  password: string;
}

export const EMPTY_USER: UserFormValues = {
  email: "",
  display_name: "",
  language: "es",
  active: true,
  roles: [{ role: "observer", scopeId: "" }],
  password: "",
};

export function toUserFormValues(user: User): UserFormValues {
  return {
    email: user.email,
    display_name: user.display_name,
    language: user.language,
    active: user.active,
    roles: user.roles.map((r) => ({ role: r.role, scopeId: r.body_id ?? r.city_id ?? "" })),
    password: "",
  };
}

/** The body to send: a role's scope goes to `body_id` or `city_id` as its role needs; the password only on creation. */
export function toUserIn(values: UserFormValues, creating: boolean): UserIn {
  const body: UserIn = {
    email: values.email.trim(),
    display_name: values.display_name.trim(),
    language: oneOf(LANGUAGES, values.language) ?? null,
    active: values.active,
    roles: values.roles.map((r) => {
      const kind = scopeKind(r.role);
      if (kind === "body") return { role: r.role, body_id: r.scopeId || null };
      if (kind === "city") return { role: r.role, city_id: r.scopeId || null };
      return { role: r.role };
    }),
  };
  if (creating) body.password = values.password;
  return body;
}

/** The messages for a role row: those on its role, and those on its scope (`roles[1]`, `roles[1].city_id`). */
export function roleRowErrors(errors: FieldErrors, i: number): { role: string[]; scope: string[] } {
  const prefix = `roles[${i}]`;
  const role = errors[`${prefix}.role`] ?? [];
  const scope = [...(errors[prefix] ?? []), ...(errors[`${prefix}.body_id`] ?? []), ...(errors[`${prefix}.city_id`] ?? [])];
  return { role, scope };
}

const KNOWN = ["email", "display_name", "language", "active", "password", "roles", "roles[*"];

interface Props {
  /** The user to edit; none to create one. */
  user?: User;
  etag?: string;
  cities: { id: string; name: string; country?: string }[];
  bodies: { id: string; name: string }[];
  onSaved: (user: User) => void;
  onCancel: () => void;
  onReload?: () => Promise<unknown>;
}

export function UserForm({ user, etag = "", cities, bodies, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const creating = !user;
  const [values, setValues] = useState<UserFormValues>(() => (user ? toUserFormValues(user) : EMPTY_USER));
  const create = useCreateUser();
  const update = useUpdateUser(user?.id ?? "");
  const mutation = creating ? create : update;

  const problems = useFormProblems(mutation.error, KNOWN);
  const { apiError, byField: errors, stale } = problems;
  const conflict = apiError?.status === 409;
  const set = (field: "email" | "display_name" | "language" | "password") => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const setRole = (i: number, change: Partial<RoleRow>) =>
    setValues((v) => ({ ...v, roles: v.roles.map((r, j) => (j === i ? { ...r, ...change } : r)) }));

  // Deactivating an account (it can no longer sign in) is asked before it is saved.
  const [confirmingDeactivation, setConfirmingDeactivation] = useState(false);
  const deactivates = !creating && user.active && !values.active;
  const save = () => {
    setConfirmingDeactivation(false);
    const body = toUserIn(values, creating);
    if (creating) create.mutate(body, { onSuccess: (u) => onSaved(u) });
    else update.mutate({ body, etag, version: user.version }, { onSuccess: (r) => onSaved(r.data) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (deactivates) {
      mutation.reset();
      setConfirmingDeactivation(true);
    } else save();
  };

  const cityOptions = [{ value: "", label: t("users.pickCity") }, ...cities.map((c) => ({ value: c.id, label: c.country ? `${c.name} (${c.country})` : c.name }))];
  const bodyOptions = [{ value: "", label: t("users.pickBody") }, ...bodies.map((b) => ({ value: b.id, label: b.name }))];

  return (
    <form className="card user-form" onSubmit={submit} noValidate aria-labelledby="user-form-title">
      <h2 id="user-form-title">{creating ? t("users.createTitle") : t("users.editTitle", { name: user.display_name })}</h2>

      <FormProblems error={mutation.error} problems={problems} onReload={onReload && (() => void onReload().then(() => mutation.reset()))} />
      <div className="form-grid">
        <TextField
          label={t("users.email")}
          type="email"
          required
          autoComplete="off"
          value={values.email}
          onChange={set("email")}
          errors={[...(errors.email ?? []), ...(conflict ? [apiError?.problem?.detail ?? t("users.duplicate")] : [])]}
        />
        <TextField label={t("users.displayName")} required value={values.display_name} onChange={set("display_name")} errors={errors.display_name} />
        <SelectField
          label={t("users.language")}
          value={values.language}
          onChange={set("language")}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          errors={errors.language}
        />
        {creating && (
          <TextField
            label={t("users.initialPassword")}
            hint={t("users.passwordHint")}
            type="password"
            required
            autoComplete="new-password"
            value={values.password}
            onChange={set("password")}
            errors={errors.password}
          />
        )}
      </div>
      {!creating && (
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" checked={values.active} onChange={(e) => setValues((v) => ({ ...v, active: e.target.checked }))} />{" "}
            {t("users.activeLabel")}
          </label>
          <p className="hint">{t("users.activeHint")}</p>
        </div>
      )}

      <fieldset>
        <legend>{t("users.roles")}</legend>
        {errors.roles && (
          <p className="field-error" role="alert">
            {errors.roles.join(" ")}
          </p>
        )}
        {values.roles.map((r, i) => {
          const kind = scopeKind(r.role);
          const rowErrors = roleRowErrors(errors, i);
          return (
            <div className="role-row" key={i} role="group" aria-label={t("users.roleN", { n: i + 1 })} data-testid={`role-row-${i}`}>
              <SelectField
                label={t("users.role")}
                value={r.role}
                onChange={(e) => setRole(i, { role: oneOf(ROLES, e.target.value) ?? r.role, scopeId: "" })}
                options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                errors={rowErrors.role}
              />
              {kind === "city" && (
                <SelectField label={t("users.scopeCity")} required value={r.scopeId} onChange={(e) => setRole(i, { scopeId: e.target.value })} options={cityOptions} errors={rowErrors.scope} />
              )}
              {kind === "body" && (
                <SelectField label={t("users.scopeBody")} required value={r.scopeId} onChange={(e) => setRole(i, { scopeId: e.target.value })} options={bodyOptions} errors={rowErrors.scope} />
              )}
              {kind === "network" && rowErrors.scope.length > 0 && (
                <p className="field-error">{rowErrors.scope.join(" ")}</p>
              )}
              <button
                type="button"
                className="button-secondary"
                onClick={() => setValues((v) => ({ ...v, roles: v.roles.filter((_, j) => j !== i) }))}
                aria-label={t("users.removeRoleN", { n: i + 1 })}
              >
                {t("users.removeRole")}
              </button>
            </div>
          );
        })}
        <button type="button" className="button-secondary" onClick={() => setValues((v) => ({ ...v, roles: [...v.roles, { role: "observer", scopeId: "" }] }))}>
          {t("users.addRole")}
        </button>
      </fieldset>

      {confirmingDeactivation && deactivates ? (
        <ConfirmInline
          question={t("users.deactivateConfirm", { name: user.display_name })}
          confirmLabel={t("users.deactivateYes")}
          busy={mutation.isPending || stale}
          onConfirm={save}
          onCancel={() => setConfirmingDeactivation(false)}
          takeFocus
        />
      ) : (
        <FormActions submit={creating ? t("users.create") : t("common.save")} pending={mutation.isPending} disabled={stale} onCancel={onCancel} />
      )}
    </form>
  );
}
