import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, problemToFieldErrors, splitFieldErrors, type FieldErrors } from "../lib/api/problem";
import { ProblemAlert } from "./ProblemAlert";
import { StaleAlert } from "./StaleAlert";

export interface FormProblemState {
  apiError: ApiError | null;
  /** 412: someone else changed the record since it was read. */
  stale: boolean;
  /** A 400, 409 or 422 that names fields: its messages go beside them. */
  fieldProblem: boolean;
  byField: FieldErrors;
  /** Messages for fields the form does not show, so that none is lost. */
  others: string[];
  /** The messages for any of `fields`, or undefined (for a field's `errors`). */
  errorsOf: (...fields: string[]) => string[] | undefined;
}

/**
 * Reads a failed save the way every form of the SPA shows it: field messages beside the `known`
 * fields, the rest listed at the top, a 412 as a stale record.
 */
export function useFormProblems(error: unknown, known: readonly string[]): FormProblemState {
  return useMemo(() => {
    const apiError = error instanceof ApiError ? error : null;
    const stale = apiError?.status === 412;
    const fieldProblem = !!apiError && [400, 409, 422].includes(apiError.status) && !!apiError.problem?.errors?.length;
    const { byField, others } = fieldProblem
      ? splitFieldErrors(problemToFieldErrors(apiError.problem), known)
      : { byField: {} as FieldErrors, others: [] as string[] };
    const errorsOf = (...fields: string[]) => {
      const list = fields.flatMap((f) => byField[f] ?? []);
      return list.length ? list : undefined;
    };
    return { apiError, stale, fieldProblem, byField, others, errorsOf };
    // `known` is a constant list in every form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error]);
}

/** The alerts at the top of a form: stale record (with a reload), the field problems' summary, or the problem as it is. */
export function FormProblems({
  error,
  problems,
  onReload,
}: {
  error: unknown;
  problems: FormProblemState;
  onReload?: () => void;
}) {
  const { apiError, stale, fieldProblem, others } = problems;
  if (!error) return null;
  if (stale) return <StaleAlert error={apiError} onReload={onReload} />;
  if (fieldProblem) return <ValidationAlert error={apiError} others={others} />;
  return <ProblemAlert error={error} />;
}

/**
 * A save the server refused for its fields: the problem's title, and the messages of fields the
 * form does not show. A conflict (409) says what it conflicts with: its detail names the record
 * that has the same name already.
 */
export function ValidationAlert({ error, others }: { error: ApiError | null; others: readonly string[] }) {
  const { t } = useTranslation();
  const conflict = error?.status === 409 ? error.problem?.detail : undefined;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{error?.problem?.title ?? t("errors.validation")}</p>
      <p>{conflict || t("errors.validation")}</p>
      {others.length > 0 && (
        <ul>
          {others.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
