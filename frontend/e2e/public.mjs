// Browser tests of the public pages, without signing in: an anonymous visitor opens the approved
// plans, a plan with its structure and its execution with charts, in Portuguese (the browser's
// language) and in Spanish (from the login page's link); what the pages show is what the public
// API answers, and every text is in the visitor's language.

const LOCALES = { pt: "pt-BR", es: "es-UY" };

export function publicTests({ test, expect, shot, L, baseURL }) {
  /** Reads the public API as anyone may: no token. */
  async function get(path) {
    const res = await fetch(`${baseURL}${path}`);
    expect(res.ok, `GET ${path}: ${res.status}`);
    return res.json();
  }
  const localized = (text, lang) => text?.[lang] || text?.es || text?.pt || text?.en || "";
  const flat = (nodes) => (nodes ?? []).flatMap((n) => [n, ...flat(n.children)]);
  /** A number as the screen writes it ("26,3%", "1.234"), read back. */
  const numberOf = (text) => Number(text.replace(/[^\d,]/g, "").replace(",", "."));

  /** The first approved plan, its document and its execution, as the API gives them. */
  async function approved() {
    const plans = await get("/api/v1/public/plans");
    expect(plans.length > 0, "the demo has an approved plan");
    const plan = plans[0];
    const document = await get(`/api/v1/public/plans/${plan.id}`);
    const execution = await get(`/api/v1/public/plans/${plan.id}/execution-report`);
    return { plans, plan, document, execution };
  }

  /** A visitor's browser, in the language of `lang`, that records the API calls it makes. */
  async function visitor(context, lang) {
    const browser = await context.browser().newContext({ baseURL, locale: LOCALES[lang], viewport: { width: 1280, height: 900 } });
    browser.setDefaultTimeout(15_000);
    const page = await browser.newPage();
    const calls = [];
    const errors = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/")) calls.push(new URL(r.url()).pathname);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    page.on("pageerror", (e) => errors.push(e.message));
    return { browser, page, calls, errors };
  }

  /** The texts the page shows that belong to another language and not to `lang`. */
  async function foreign(page, lang, keys) {
    const body = await page.locator("main").innerText();
    return Object.keys(L)
      .filter((other) => other !== lang)
      .flatMap((other) => keys.map((k) => k(L[other])).filter((text) => !keys.some((own) => own(L[lang]) === text) && body.includes(text)));
  }

  for (const lang of ["pt", "es"]) {
    test(`an anonymous visitor reads the approved plans, a plan and its execution charts in ${lang}`, async ({ context }) => {
      const t = L[lang];
      const { plans, plan, document, execution } = await approved();
      const { browser, page, calls, errors } = await visitor(context, lang);
      try {
        if (lang === "pt") {
          // The browser speaks Portuguese: so do the pages, with nothing chosen before.
          await page.goto("/public");
        } else {
          // From the login page, open to anyone.
          await page.goto("/login");
          await page.getByRole("link", { name: L.es.auth.publicLink }).click();
        }
        await page.getByRole("heading", { level: 1, name: t.public.plans.title }).waitFor();
        expect((await page.getAttribute("html", "lang")) === lang, `html lang is ${lang}`);
        const list = page.getByRole("list", { name: t.public.plans.title });
        const items = list.locator(":scope > li");
        await items.first().waitFor();
        expect((await items.count()) === plans.length, `one card per approved plan: ${await items.count()} ≠ ${plans.length}`);
        const title = localized(plan.title, lang);
        const card = list.locator(`li[data-plan="${plan.id}"]`);
        await card.getByText(t.plans.status[plan.status], { exact: true }).waitFor();
        await card.getByText(t.plans.owner, { exact: true }).waitFor();
        await shot(page, `70-public-${lang}-plans`);

        // The plan: what it holds, counted as the document holds it, and its tree.
        await card.getByRole("link", { name: title }).click();
        await page.getByRole("heading", { level: 1, name: title }).waitFor();
        const nodes = flat(document.work_plan.nodes);
        const activities = nodes.filter((n) => n.kind === "activity").length;
        const tile = page.getByTestId("public-counts").locator('li[data-kind="activity"]');
        expect(numberOf(await tile.locator(".stat-value").innerText()) === activities, `activities: ${await tile.innerText()} ≠ ${activities}`);
        expect((await tile.locator(".stat-label").innerText()) === t.public.plan.kindCount[activities === 1 ? "activity_one" : "activity_other"], "counted in the language");
        await page.getByRole("heading", { level: 2, name: t.plans.tree.title }).waitFor();
        const dimension = document.work_plan.nodes[0];
        const policy = dimension.children[0];
        await page.getByText(localized(policy.title, lang), { exact: true }).first().waitFor();
        // A policy opens to what it holds.
        const child = policy.children[0];
        const childRow = page.locator(`li.tree-node[data-code="${child.code}"]`).first();
        expect(!(await childRow.isVisible()), `${child.code} folded at first`);
        await page.locator(`li.tree-node[data-code="${policy.code}"] > details > summary`).click();
        await childRow.waitFor();
        await page.locator(`li.tree-node[data-code="${dimension.code}"] > details > summary`).getByText(t.plans.kind.dimension, { exact: true }).waitFor();
        await shot(page, `71-public-${lang}-plan`);

        // Its execution: the figures and the charts are the API's.
        await page.getByRole("navigation", { name: t.plans.sections }).getByRole("link", { name: t.public.plan.execution }).click();
        await page.getByRole("heading", { level: 2, name: t.public.execution.title }).waitFor();
        const summary = page.getByTestId("public-summary");
        const figure = async (name) => numberOf(await summary.locator(`[data-figure="${name}"] .stat-value`).innerText());
        expect((await figure("activities")) === execution.total.activities, "activities in total");
        expect(Math.abs((await figure("executed")) - execution.total.executed_share) < 0.051, "share carried out");
        expect(Math.abs((await figure("executed_or_partial")) - execution.total.executed_or_partial_share) < 0.051, "share carried out or partially");
        const bars = async (testId) =>
          page.getByTestId(testId).locator("g[data-key]").evaluateAll((gs) => gs.map((g) => [g.dataset.key, Number(g.dataset.value)]));
        const byExecution = ["yes", "partially", "no", "not_reported"].map((k) => [k, execution.total.by_execution[k] ?? 0]);
        expect(JSON.stringify(await bars("public-breakdown-chart")) === JSON.stringify(byExecution), `activities by execution: ${JSON.stringify(await bars("public-breakdown-chart"))}`);
        const byPolicy = execution.rows.filter((r) => r.kind === "policy" && r.activities > 0).map((r) => [r.code, r.executed_share]);
        expect(JSON.stringify(await bars("public-policy-chart")) === JSON.stringify(byPolicy), "a bar per policy with activities");
        const byBody = execution.by_body.filter((r) => r.activities > 0).map((r) => [r.code, r.executed_share]);
        expect(JSON.stringify(await bars("public-body-chart")) === JSON.stringify(byBody), "a bar per responsible body");
        // The charts are named, and their labels written, in the language.
        await page.getByRole("img", { name: t.public.execution.byExecution }).waitFor();
        await page.getByRole("img", { name: t.monitoring.reports.execution.chart }).waitFor();
        const labels = await page.getByTestId("public-breakdown-chart").locator("text.chart-label tspan").allTextContents();
        expect(JSON.stringify(labels) === JSON.stringify(["yes", "partially", "no", "not_reported"].map((k) => t.monitoring.execution[k])), `labels: ${labels}`);
        const heads = await page.getByTestId("public-execution-table").locator("thead th").allInnerTexts();
        expect(heads.includes(t.monitoring.reports.execution.activities), `table heads: ${heads}`);
        const wrong = await foreign(page, lang, [
          (x) => x.public.execution.title,
          (x) => x.public.execution.byExecution,
          (x) => x.public.execution.byBody,
          (x) => x.monitoring.execution.not_reported,
          (x) => x.monitoring.reports.execution.executedOrPartialShare,
        ]);
        expect(wrong.length === 0, `texts of another language: ${wrong}`);
        await shot(page, `72-public-${lang}-execution`);

        // Nothing but the public operations was asked, and nothing refused.
        expect(calls.every((p) => p.startsWith("/api/v1/public/")), `API calls: ${[...new Set(calls)]}`);
        expect(errors.length === 0, `errors: ${errors}`);
      } finally {
        await browser.close();
      }
    });
  }

  test("the public pages switch language on the page, and the choice is kept", async ({ context }) => {
    const { plan } = await approved();
    const { browser, page } = await visitor(context, "pt");
    try {
      await page.goto(`/public/plans/${plan.id}/execution`);
      await page.getByRole("heading", { level: 2, name: L.pt.public.execution.title }).waitFor();
      await page.getByLabel(L.pt.language.label).selectOption("en");
      await page.getByRole("heading", { level: 2, name: L.en.public.execution.title }).waitFor();
      await page.getByRole("img", { name: L.en.public.execution.byExecution }).waitFor();
      await page.reload();
      await page.getByRole("heading", { level: 2, name: L.en.public.execution.title }).waitFor();
      expect((await page.getAttribute("html", "lang")) === "en", "html lang follows");
      // A plan that was never approved is not public.
      await page.goto("/public/plans/00000000-0000-0000-0000-000000000000");
      await page.getByRole("alert").waitFor();
      await page.getByRole("link", { name: L.en.public.plans.back }).waitFor();
    } finally {
      await browser.close();
    }
  });
}
