import { useTranslation } from "react-i18next";

/** A question asked in place before a destructive action (revoke, delete, remove): do it, or cancel. */
export function ConfirmInline({
  question,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p className="small">{question}</p>
      <div className="form-actions">
        <button type="button" className="button-danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
