import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A question asked in place before a destructive action (revoke, delete, remove): do it, or
 * cancel. `children` stand between the question and the buttons (what went wrong); with
 * `takeFocus` the question takes the focus when it opens, so that it is read out at once.
 */
export function ConfirmInline({
  question,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  takeFocus,
  children,
}: {
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  takeFocus?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) group.current?.focus();
  }, [takeFocus]);
  return (
    <div className="confirm" role="group" aria-label={question} tabIndex={takeFocus ? -1 : undefined} ref={group}>
      <p className="small">{question}</p>
      {children}
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
