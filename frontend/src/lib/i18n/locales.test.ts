import { describe, expect, it } from "vitest";
import es from "./locales/es.json";
import pt from "./locales/pt.json";
import en from "./locales/en.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const files = { es: flatten(es), pt: flatten(pt), en: flatten(en) };

describe("translation files", () => {
  it("have the same keys in es, pt and en", () => {
    const all = new Set([...files.es.keys(), ...files.pt.keys(), ...files.en.keys()]);
    const missing: string[] = [];
    for (const key of all) {
      for (const [lang, map] of Object.entries(files)) {
        if (!map.has(key)) missing.push(`${lang}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("have no empty text", () => {
    const empty = Object.entries(files).flatMap(([lang, map]) =>
      [...map.entries()].filter(([, v]) => v.trim() === "").map(([k]) => `${lang}: ${k}`),
    );
    expect(empty).toEqual([]);
  });

  it("are translated: a Spanish or Portuguese text reads as the English one only where the languages share the words", () => {
    // Reviewed: names, cognates and texts made only of variables.
    const same = new Set([
      "app.name",
      "nav.menu",
      "language.es",
      "language.pt",
      "language.en",
      "common.none",
      "common.no",
      "cities.latitude",
      "cities.longitude",
      "plans.plan",
      "plans.import.chosen",
      "monitoring.plan",
      "monitoring.execution.no",
      "monitoring.form.countriesCounted",
      "monitoring.reports.total",
      "monitoring.indicators.levels.plan",
      "users.roles",
      "profile.roles",
      "members.cityOption",
      "audit.field.latitude",
      "audit.field.longitude",
      "map.city",
      "events.form.plan",
    ]);
    const untranslated = (["es", "pt"] as const).flatMap((lang) =>
      [...files[lang].entries()].filter(([key, text]) => text === files.en.get(key) && !same.has(key)).map(([key, text]) => `${lang}: ${key} = ${text}`),
    );
    expect(untranslated).toEqual([]);
  });

  it("use the same interpolation variables in every language", () => {
    const differ: string[] = [];
    for (const [key, text] of files.es) {
      for (const lang of ["pt", "en"] as const) {
        const other = files[lang].get(key);
        if (other !== undefined && variables(other).join() !== variables(text).join()) differ.push(`${lang}: ${key}`);
      }
    }
    expect(differ).toEqual([]);
  });
});
