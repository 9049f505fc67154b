/** The participation report's series: a bar per country (its delegates present), most first, then by name. */
import type { Bar } from "../../../lib/charts";

export function countryBars(
  rows: readonly { country: string; delegates: number; cities: number }[],
  name: (code: string) => string,
  lang: string,
): Bar[] {
  return [...rows]
    .map((r) => ({ key: r.country, label: name(r.country), value: r.delegates }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, lang));
}

/** The report's query string for its downloads (`?from=…&until=…`), empty values left out. */
export function reportQuery(q: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
