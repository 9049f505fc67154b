// Browser tests of the languages: every main screen and public page, in Spanish and in
// Portuguese, shows no English word in its chrome (headings, labels, buttons, table headers, the
// navigation, badges and the choices of its selects). The English words are those of en.json that
// neither es.json nor pt.json uses; the data keeps its language, so only the chrome is read, and
// the demo's people's names (Sergio Staff, Olivia Observer) are taken out of it. They run last, on
// the whole demo.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { approvedPlan, demoRecords, publicScreens, roleScreens } from "./narrow.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const locale = (l) => JSON.parse(readFileSync(resolve(here, `../src/lib/i18n/locales/${l}.json`), "utf8"));
/** Every text of a locale by its key. */
const flatten = (tree, prefix = "") =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[`${prefix}${k}`, v]] : flatten(v, `${prefix}${k}.`)));
const words = (s) => (s.replace(/\{\{\s*\w+\s*\}\}/g, " ").match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase());

/**
 * The English words of the UI (3 letters or more): those of the English texts that no Spanish or
 * Portuguese text uses (Mercosur, plan, total and menu are words of those languages too). A text
 * left in English in es.json or pt.json is caught by the unit test of the translation files, which
 * allows only the reviewed texts that read the same in English.
 */
export function englishWords() {
  const elsewhere = new Set([...flatten(locale("es")), ...flatten(locale("pt"))].flatMap(([, text]) => words(text)));
  return new Set(flatten(locale("en")).flatMap(([, text]) => words(text)).filter((w) => w.length >= 3 && !elsewhere.has(w)));
}

/**
 * The chrome of a page: what the UI writes around the data. A select's choices are chrome when
 * they are one of the API's closed sets (`in_progress`), data when they are records (a body's id,
 * a country's code).
 */
const CHROME = "h1, h2, h3, h4, label, legend, button, th, nav a, .badge, .hint";
const CLOSED_CHOICE = "^[a-z][a-z_]*$";

export function languageTests({ test, expect, login, shot, L, baseURL, apiLogin, people }) {
  const english = englishWords();

  /** The English words in the page's chrome, each with where it stands. */
  async function englishIn(page) {
    const chrome = await page.evaluate(
      ([selector, closed]) =>
        [...document.querySelectorAll(selector), ...[...document.querySelectorAll("select option")].filter((o) => new RegExp(closed).test(o.value))].map(
          (e) => [e.tagName.toLowerCase(), e.innerText || e.textContent || ""],
        ),
      [CHROME, CLOSED_CHOICE],
    );
    const found = [];
    for (const [tag, raw] of chrome) {
      const text = people.reduce((out, name) => out.split(name).join(" "), raw);
      for (const w of words(text)) if (english.has(w)) found.push(`${w} (${tag}: ${text.trim().slice(0, 60)})`);
    }
    return [...new Set(found)];
  }

  test("the English words of the UI are many, and none of them is Spanish or Portuguese", async () => {
    expect(english.size > 300, `English words: ${english.size}`);
    for (const w of ["save", "cancel", "search", "the", "reports", "notifications"]) expect(english.has(w), `${w} is listed`);
    for (const w of ["plan", "mercosur", "total", "english"]) expect(!english.has(w), `${w} is not listed: es or pt use it`);
  });

  for (const lang of ["es", "pt"]) {
    test(`no English word on any main screen or public page in ${lang === "es" ? "Spanish" : "Portuguese"}`, async ({ page, context }) => {
      const t = L[lang];
      const greeting = (l) => new RegExp(`^${L[l].home.title.split("{{")[0]}`);
      // The login page first, in the language chosen on it (in a browser of its own).
      const other = await context.browser().newContext({ baseURL });
      const loginPage = await other.newPage();
      await loginPage.goto("/login");
      await loginPage.getByRole("heading", { level: 1, name: L.es.auth.title }).waitFor();
      if (lang !== "es") await loginPage.getByLabel(L.es.language.label).selectOption(lang);
      await loginPage.getByRole("heading", { level: 1, name: t.auth.title }).waitFor();
      const found = (await englishIn(loginPage)).map((w) => `login: ${w}`);
      await other.close();

      // The public pages, as an anonymous visitor whose browser speaks the language.
      const plan = await approvedPlan({ expect, baseURL });
      const visitor = await context.browser().newContext({ baseURL, locale: lang === "es" ? "es-UY" : "pt-BR" });
      try {
        const publicPage = await visitor.newPage();
        for (const [name, path] of publicScreens(plan)) {
          await publicPage.goto(path);
          await publicPage.locator("h1").first().waitFor();
          await publicPage.waitForLoadState("networkidle");
          expect((await publicPage.getAttribute("html", "lang")) === lang, `public ${name} in ${lang}`);
          for (const w of await englishIn(publicPage)) found.push(`public ${name}: ${w}`);
        }
        await shot(publicPage, `71-language-public-${lang}`);
      } finally {
        await visitor.close();
      }

      const r = await demoRecords({ expect, baseURL, apiLogin });
      await login(page, "admin");
      if (lang !== "es") {
        // The screens below are opened afresh: the choice must be in the profile before they load.
        const saved = page.waitForResponse((res) => res.request().method() === "PUT" && new URL(res.url()).pathname === "/api/v1/auth/me" && res.ok());
        await page.getByLabel(L.es.language.label).selectOption(lang);
        await page.getByRole("heading", { level: 1, name: greeting(lang) }).waitFor();
        await saved;
      }
      try {
        const screens = [...Object.values(roleScreens(r)).flat(), ["new-city", "/cities/new"], ["new-body", "/bodies/new"]];
        for (const [path, name] of new Map(screens.map(([name, path]) => [path, name]))) {
          await page.goto(path);
          await page.locator("h1").first().waitFor();
          await page.waitForLoadState("networkidle");
          expect((await page.getAttribute("html", "lang")) === lang, `${name} in ${lang}`);
          for (const w of await englishIn(page)) found.push(`${name}: ${w}`);
        }
        await shot(page, `70-language-${lang}`);
        expect(found.length === 0, `English words on the ${lang} screens:\n  ${found.join("\n  ")}`);
      } finally {
        // The admin's profile keeps Spanish for the other tests.
        if (lang !== "es") {
          await page.goto("/");
          await page.getByLabel(t.language.label).selectOption("es");
          await page.getByRole("heading", { level: 1, name: greeting("es") }).waitFor();
          await page.waitForLoadState("networkidle");
        }
      }
    });
  }
}
