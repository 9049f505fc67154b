import type { components } from "./schema";

export type ProblemDocument = components["schemas"]["ProblemDocument"];
export type FieldProblem = components["schemas"]["FieldProblem"];

/** Field path (`contact.email`) → the messages the server gave for it. */
export type FieldErrors = Record<string, string[]>;

/** An API call that failed: the HTTP status and, when the server sent one, its problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDocument | null;

  constructor(status: number, problem: ProblemDocument | null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

/** Whether a value looks like a problem document (RFC 9457 as this API sends it). */
export function isProblem(value: unknown): value is ProblemDocument {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { status?: unknown }).status === "number" &&
    typeof (value as { title?: unknown }).title === "string"
  );
}

/**
 * Turns the `errors` of a problem document into messages keyed by field path, so a form can put
 * each one beside the field that failed. Several messages on one field are kept in order;
 * entries without a field are collected under `""`.
 */
export function problemToFieldErrors(problem: ProblemDocument | null | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const e of problem?.errors ?? []) {
    const key = normalizeFieldPath(e.field ?? "");
    const message = e.message || e.code;
    (out[key] ??= []).push(message);
  }
  return out;
}

/** `contact[email]` and `/contact/email` → `contact.email`, so forms can use one spelling. */
export function normalizeFieldPath(field: string): string {
  return field
    .replace(/^\//, "")
    .replace(/\//g, ".")
    .replace(/\[(\w+)\]/g, (_m, key: string) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`));
}

/**
 * Splits field errors into those a form shows beside one of its `known` fields and the rest,
 * which it shows at the top so that no message is lost. A known field ending in `*` stands for
 * every field it begins (`roles[*`: the rows of a list).
 */
export function splitFieldErrors(
  errors: FieldErrors,
  known: readonly string[],
): { byField: FieldErrors; others: string[] } {
  const byField: FieldErrors = {};
  const others: string[] = [];
  for (const [field, messages] of Object.entries(errors)) {
    if (known.some((k) => (k.endsWith("*") ? field.startsWith(k.slice(0, -1)) : k === field))) byField[field] = messages;
    else others.push(...messages.map((m) => (field ? `${field}: ${m}` : m)));
  }
  return { byField, others };
}
