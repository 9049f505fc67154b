import { useState } from "react";
import { useLocation } from "react-router";
import { useTranslation } from "react-i18next";

/**
 * A record's page that edits the record in place: whether its form is open, whether it was just
 * saved (or created: the page was opened with `state.created`), and the form's generation,
 * bumped when a stale record is read again so that the form starts from the fresh data.
 */
export function useEditing(refetch: () => Promise<unknown>) {
  const location = useLocation();
  const created = !!(location.state as { created?: boolean } | null)?.created;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [generation, setGeneration] = useState(0);
  const { t } = useTranslation();
  const open = () => {
    setSaved(false);
    setEditing(true);
  };
  return {
    editing,
    saved,
    /** Just created, and not being edited. */
    created: created && !editing,
    generation,
    /** The page title's Edit button, for who may edit while the form is closed. */
    button: (allowed: boolean) =>
      allowed && !editing ? (
        <button type="button" className="button-primary" onClick={open}>
          {t("common.edit")}
        </button>
      ) : undefined,
    onSaved: () => {
      setEditing(false);
      setSaved(true);
    },
    onCancel: () => setEditing(false),
    onReload: async () => {
      await refetch();
      setGeneration((g) => g + 1);
    },
  };
}
