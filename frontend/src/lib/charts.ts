/** The series the shared charts (`src/components/Charts.tsx`) draw, and the execution report's own. */
import { EXECUTIONS, type Execution } from "./api/closed";
import type { components } from "./api/schema";

type Schemas = components["schemas"];

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Its colour, when bars differ in what they stand for (`chart-bar-<tone>`). */
  tone?: string;
}

export interface LadderRow {
  kind: string;
  total: number;
  /** Stage → count, in the ladder's order; a kind without a ladder has one segment `""`. */
  segments: { stage: string; value: number }[];
}

/** One bar per row of `kind` with activities: the share executed (per cent), in the report's order. */
export function executionShares<
  R extends Pick<Schemas["ExecutionRow"], "code" | "kind" | "activities" | "executed_share" | "executed_or_partial_share">,
>(rows: readonly R[], kind: Schemas["ExecutionRowKind"], label: (row: R) => string): (Bar & { partial: number })[] {
  return rows
    .filter((r) => r.kind === kind && r.activities > 0)
    .map((r) => ({ key: r.code, label: label(r), value: r.executed_share, partial: r.executed_or_partial_share }));
}

/** One bar per policy with activities: the share executed (per cent), in the plan's order. */
export function executionByPolicy<R extends Parameters<typeof executionShares>[0][number]>(
  rows: readonly R[],
  label: (row: R) => string,
): (Bar & { partial: number })[] {
  return executionShares(rows, "policy", label);
}

/** A label broken into lines of at most `chars` characters (a word longer than a line is cut), at most `max` lines. */
export function wrapLabel(label: string, chars: number, max = 3): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= chars) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > chars ? `${word.slice(0, chars - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${kept[max - 1].slice(0, chars - 1)}…`;
    return kept;
  }
  return lines.length ? lines : [""];
}

/**
 * A row's activities by the execution of their latest approved report (`yes`, `partially`, `no`)
 * and those without one (`not_reported`), in that order; each bar labelled with `label` of its key
 * and coloured by it.
 */
export function executionBreakdown(
  row: Pick<Schemas["ExecutionRow"], "by_execution">,
  label: (key: Execution | "not_reported") => string,
): Bar[] {
  return [...EXECUTIONS, "not_reported" as const].map((k) => ({ key: k, label: label(k), value: row.by_execution[k] ?? 0, tone: k }));
}
