import { describe, expect, it } from "vitest";
import i18n, { PLURAL_RULES_LOCALE } from ".";
import { counted } from "./format";
import es from "./locales/es.json";
import pt from "./locales/pt.json";
import en from "./locales/en.json";

type Tree = { [key: string]: string | Tree };
const LANGS = ["es", "pt", "en"] as const;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const flat = { es: flatten(es), pt: flatten(pt), en: flatten(en) };
/** Every counted text: the keys that have plural forms. */
const COUNTED = [...new Set([...flat.es.keys()].filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_(one|other)$/, "")))].sort();

/** A text with its variables filled in as i18next fills them. */
const fill = (text: string, vars: Record<string, unknown>) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name]));

describe("counted texts", () => {
  it("are the ones the UI shows with a count", () => {
    expect(COUNTED).toEqual(
      expect.arrayContaining([
        "audit.field.nodeCount",
        "bodies.memberCount",
        "home.inbox.kind.activity_unreported",
        "home.inbox.kind.report_returned",
        "home.inbox.kind.report_to_review",
        "home.inbox.unread",
        "home.stat.cities",
        "members.resultsCount",
        "notifications.unreadCount",
        "monitoring.cityCount",
        "monitoring.countryCount",
        "pagination.total",
        "plans.activityCount",
        "plans.coverage.served",
        "plans.subActivityCount",
        "plans.tree.hidden",
      ]),
    );
  });

  it("have a singular and a plural form in every language, and no form without a suffix", () => {
    const wrong: string[] = [];
    for (const lang of LANGS) {
      for (const key of COUNTED) {
        if (!flat[lang].has(`${key}_one`)) wrong.push(`${lang}: ${key}_one missing`);
        if (!flat[lang].has(`${key}_other`)) wrong.push(`${lang}: ${key}_other missing`);
        if (flat[lang].has(key)) wrong.push(`${lang}: ${key} without a suffix`);
        if (flat[lang].has(`${key}_zero`)) wrong.push(`${lang}: ${key}_zero`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("take the plural for 0 and 2 and the singular for 1, in es, pt and en", () => {
    const wrong: string[] = [];
    for (const lang of LANGS) {
      const t = i18n.getFixedT(lang);
      for (const key of COUNTED) {
        for (const n of [0, 1, 2]) {
          const vars = { ...counted(n, lang), codes: "T1.1", counted: "x", countries: "y" };
          const expected = fill(flat[lang].get(`${key}_${n === 1 ? "one" : "other"}`)!, vars);
          const got = t(key, vars);
          if (got !== expected) wrong.push(`${lang} ${key} ${n}: ${got} ≠ ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("read as the languages say them", () => {
    const say = (lang: string, key: string, n: number) => i18n.getFixedT(lang)(key, counted(n, lang));
    expect([0, 1, 2].map((n) => say("es", "monitoring.countryCount", n))).toEqual(["0 países", "1 país", "2 países"]);
    expect([0, 1, 2].map((n) => say("pt", "monitoring.countryCount", n))).toEqual(["0 países", "1 país", "2 países"]);
    expect([0, 1, 2].map((n) => say("en", "monitoring.countryCount", n))).toEqual(["0 countries", "1 country", "2 countries"]);
    expect([0, 1, 2].map((n) => say("pt", "bodies.memberCount", n))).toEqual(["0 cidades membro", "1 cidade membro", "2 cidades membro"]);
    expect([0, 1, 2].map((n) => say("es", "bodies.memberCount", n))).toEqual(["0 ciudades miembro", "1 ciudad miembro", "2 ciudades miembro"]);
    expect([0, 1, 2].map((n) => say("en", "bodies.memberCount", n))).toEqual(["0 member cities", "1 member city", "2 member cities"]);
    expect([0, 1, 2].map((n) => say("es", "home.inbox.kind.report_to_review", n))).toEqual([
      "0 informes de avance por revisar",
      "1 informe de avance por revisar",
      "2 informes de avance por revisar",
    ]);
    expect([0, 1, 2].map((n) => say("pt", "home.inbox.kind.activity_unreported", n))).toEqual([
      "0 atividades em execução sem relatório",
      "1 atividade em execução sem relatório",
      "2 atividades em execução sem relatório",
    ]);
    expect([0, 1, 2].map((n) => say("en", "home.inbox.kind.report_returned", n))).toEqual([
      "0 reports returned to you",
      "1 report returned to you",
      "2 reports returned to you",
    ]);
    expect([0, 1, 2].map((n) => say("pt", "notifications.unreadCount", n))).toEqual(["0 não lidas", "1 não lida", "2 não lidas"]);
    expect([0, 1, 2].map((n) => say("es", "audit.field.nodeCount", n))).toEqual(["0 elementos", "1 elemento", "2 elementos"]);
    expect(say("es", "pagination.total", 1234)).toBe("1.234 resultados");
    expect(say("en", "pagination.total", 1234)).toBe("1,234 results");
  });

  it("compose into sentences with each count in its own form", () => {
    for (const lang of LANGS) {
      const t = i18n.getFixedT(lang);
      for (const n of [0, 1, 2]) {
        const plan = t("plans.counts", {
          activities: t("plans.activityCount", counted(n, lang)),
          subActivities: t("plans.subActivityCount", counted(1, lang)),
        });
        expect(plan).toContain(t("plans.activityCount", counted(n, lang)));
        expect(plan).toContain(t("plans.subActivityCount", counted(1, lang)));
      }
    }
    const es = i18n.getFixedT("es");
    expect(
      es("monitoring.reports.participation.totals", {
        countries: es("monitoring.countryCount", counted(1, "es")),
        cities: es("monitoring.cityCount", counted(2, "es")),
        list: "Uruguay",
      }),
    ).toBe("Participaron 1 país (Uruguay) y 2 ciudades.");
    const pt = i18n.getFixedT("pt");
    expect(
      pt("monitoring.reports.participation.totals", {
        countries: pt("monitoring.countryCount", counted(0, "pt")),
        cities: pt("monitoring.cityCount", counted(1, "pt")),
        list: "—",
      }),
    ).toBe("Participaram 0 países (—) e 1 cidade.");
  });

  it("count with CLDR's rules, Portuguese with those that put 0 in the plural", () => {
    expect(PLURAL_RULES_LOCALE).toEqual({ es: "es", pt: "pt-PT", en: "en" });
    const rules = (locale: string) => [0, 1, 2].map((n) => new Intl.PluralRules(locale).select(n));
    for (const lang of LANGS) expect(rules(PLURAL_RULES_LOCALE[lang])).toEqual(["other", "one", "other"]);
  });
});
