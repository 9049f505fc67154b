import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  errors?: string[];
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled form field with its hint and the server's messages for it beside it. */
function FieldShell({ id, label, required, hint, errors, children }: FieldShellProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${errors?.length ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" title={t("common.required")}>
            {" "}
            *
          </span>
        )}
      </label>
      {children({ id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="field-error">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  /** The input itself (to move focus to it). */
  ref?: Ref<HTMLInputElement>;
  label: string;
  hint?: string;
  errors?: string[];
};

export function TextField({ label, hint, errors, required, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required}>
      {(aria) => <input {...input} {...aria} required={required} />}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  hint?: string;
  errors?: string[];
  options: { value: string; label: string }[];
};

export function SelectField({ label, hint, errors, options, required, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required}>
      {(aria) => (
        <select {...select} {...aria} required={required}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: string;
  hint?: string;
  errors?: string[];
};

export function TextAreaField({ label, hint, errors, required, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required}>
      {(aria) => <textarea {...textarea} {...aria} required={required} />}
    </FieldShell>
  );
}

/**
 * A form's buttons: send it (`submit`; while `pending`, `pendingLabel`, by default "Saving…")
 * and cancel. Sending is off while pending or `disabled` (a stale record, say).
 */
export function FormActions({
  submit,
  pending = false,
  pendingLabel,
  disabled = false,
  onCancel,
  cancel,
}: {
  submit: string;
  pending?: boolean;
  pendingLabel?: string;
  disabled?: boolean;
  onCancel: () => void;
  /** The cancel button's label, by default "Cancel". */
  cancel?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="button-primary" disabled={pending || disabled}>
        {pending ? (pendingLabel ?? t("common.saving")) : submit}
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        {cancel ?? t("common.cancel")}
      </button>
    </div>
  );
}
