import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A question asked in place before an action that cannot be taken back (approve, return, change
 * a status, revoke, delete, remove, deactivate): do it, or cancel. Nothing is sent before the
 * confirm button. `children` stand between the question and the buttons (a reason to give, what
 * went wrong); with `takeFocus` the question takes the focus when it opens, so that it is read out
 * at once. `tone`: `danger` for what destroys or takes away, `primary` for a step forward.
 */
export function ConfirmInline({
  question,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  takeFocus,
  tone = "danger",
  testId,
  children,
}: {
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  takeFocus?: boolean;
  tone?: "danger" | "primary";
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) group.current?.focus();
  }, [takeFocus]);
  return (
    <div className="confirm" role="group" aria-label={question} tabIndex={takeFocus ? -1 : undefined} ref={group} data-testid={testId}>
      <p className="small">{question}</p>
      {children}
      <div className="form-actions">
        <button type="button" className={tone === "danger" ? "button-danger" : "button-primary"} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
