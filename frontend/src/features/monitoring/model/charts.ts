/** Shapes the reports' answers into the series the charts draw. */
import type { components } from "../../../lib/api/schema";
import { COUNTRY_BANDS } from "./indicators";

type Schemas = components["schemas"];

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/** One bar per policy with activities: the share executed (per cent), in the plan's order. */
export function executionByPolicy<
  R extends Pick<Schemas["ExecutionRow"], "code" | "kind" | "activities" | "executed_share" | "executed_or_partial_share">,
>(rows: readonly R[], label: (row: R) => string): (Bar & { partial: number })[] {
  return rows
    .filter((r) => r.kind === "policy" && r.activities > 0)
    .map((r) => ({ key: r.code, label: label(r), value: r.executed_share, partial: r.executed_or_partial_share }));
}

/**
 * The number of activities each country took part in, most first (then by code), as the server
 * counts them (`by_country`: a country counts once per activity, however many of its cities took
 * part); each bar labelled with `name` of its code (the country's name).
 */
export function activitiesByCountry(
  byCountry: readonly Pick<Schemas["CountryParticipation"], "country" | "activities">[],
  name: (code: string) => string = (code) => code,
): Bar[] {
  return byCountry
    .map((c) => ({ key: c.country, label: name(c.country), value: c.activities }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
}

/** The bands in order, each with its number of activities (0 when absent). */
export function bandSeries(byBand: Record<string, number>): Bar[] {
  return COUNTRY_BANDS.map((b) => ({ key: b, label: b, value: byBand[b] ?? 0 }));
}

export interface LadderRow {
  kind: string;
  total: number;
  /** Stage → count, in the ladder's order; a kind without a ladder has one segment `""`. */
  segments: { stage: string; value: number }[];
}

/** The results ladder: per kind, its results by stage in the ladder's order. */
export function resultsLadder(
  kinds: readonly Pick<Schemas["ResultKindRow"], "kind" | "total" | "by_stage">[],
  ladder: (kind: string) => readonly string[],
): LadderRow[] {
  return kinds.map((k) => {
    const stages = ladder(k.kind);
    const segments = stages.length
      ? stages.map((s) => ({ stage: s, value: k.by_stage[s] ?? 0 }))
      : [{ stage: "", value: k.total }];
    return { kind: k.kind, total: k.total, segments };
  });
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
