import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { Notice } from "../../../components/Notice";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { NOTIFICATION_KINDS, useEmailPreferences, useSaveEmailPreferences, type NotificationKind } from "../api/notifications";

/** Which notifications reach the signed-in person by e-mail: one box per kind, saved together. */
export function EmailPreferencesSection() {
  const { t } = useTranslation();
  const preferences = useEmailPreferences();
  const save = useSaveEmailPreferences();
  // The boxes changed since the last save; the others show what the server holds.
  const [changed, setChanged] = useState<Partial<Record<NotificationKind, boolean>>>({});
  const held = (kind: NotificationKind) => preferences.data?.preferences.find((p) => p.kind === kind)?.email ?? true;
  const checked = (kind: NotificationKind) => changed[kind] ?? held(kind);
  const dirty = NOTIFICATION_KINDS.some((k) => changed[k] !== undefined && changed[k] !== held(k));
  return (
    <section className="card email-preferences" aria-labelledby="email-preferences-title" data-testid="email-preferences">
      <h2 id="email-preferences-title">{t("notifications.email.title")}</h2>
      <p className="muted">{t("notifications.email.intro")}</p>
      {preferences.isPending && <Loading />}
      {preferences.isError && <ProblemAlert error={preferences.error} />}
      {preferences.data && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              { preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, email: checked(kind) })) },
              { onSuccess: () => setChanged({}) },
            );
          }}
        >
          <fieldset className="field">
            <legend>{t("notifications.email.legend")}</legend>
            <ul className="checkbox-list">
              {NOTIFICATION_KINDS.map((kind) => (
                <li key={kind}>
                  <label>
                    <input
                      type="checkbox"
                      name={kind}
                      checked={checked(kind)}
                      onChange={(e) => {
                        save.reset();
                        setChanged((c) => ({ ...c, [kind]: e.target.checked }));
                      }}
                    />
                    {t(`notifications.email.kind.${kind}`)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {save.isError && <ProblemAlert error={save.error} />}
          {save.isSuccess && <Notice>{t("notifications.email.saved")}</Notice>}
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={!dirty || save.isPending}>
              {save.isPending ? t("common.saving") : t("common.save")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
