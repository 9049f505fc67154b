/** Shapes the reports' answers into the series the charts draw. */
import type { components } from "../../../lib/api/schema";
import type { Bar, LadderRow } from "../../../lib/charts";
import { COUNTRY_BANDS } from "./indicators";

type Schemas = components["schemas"];

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
