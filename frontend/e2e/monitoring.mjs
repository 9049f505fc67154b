// Browser tests of monitoring: a progress report written on an activity, its review (returned
// with a reason, edited, submitted again, approved), the review queue, the plan's reports with the
// approved report counted (the figures on the screen are those the API answers for the demo's
// reports), in Spanish and in Portuguese, and a Thematic Unit coordinator's own report. They run
// after the plan tests, on the same server, in order.

import { readFileSync } from "node:fs";

const PLAN_TITLE = /Plan de Trabajo SECRETARÍA EJECUTIVA MERCOCIUDADES 2011/;
const REASON = "Falta el relato en portugués y la evidencia del plan firmado.";
const EXECUTIONS = ["yes", "partially", "no", "not_reported"];
const BANDS = ["1", "2", "3", "4", "5+"];

export function monitoringTests({ test, expect, login, shot, L, baseURL, apiLogin }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
  /** A number as the screen shows it ("83,3 %", "1.234"), read back. */
  const numberOf = (text) => Number(text.replace(/[^\d,]/g, "").replace(",", "."));

  /** Reads the API as an admin (a fresh token for every call: the tests' tokens live 10 s). */
  async function api(path) {
    const token = await apiLogin("admin");
    const res = await fetch(`${baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.ok, `GET ${path}: ${res.status}`);
    return res.json();
  }

  /** The demo plan, and its node of the given code. */
  async function demo(code) {
    const plan = (await api("/api/v1/plans?per_page=50")).items.find((p) => PLAN_TITLE.test(p.title.es ?? ""));
    expect(plan, "the demo plan");
    if (!code) return { plan };
    const tree = await api(`/api/v1/plans/${plan.id}`);
    const flat = (nodes) => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const node = flat(tree.nodes).find((n) => n.code === code);
    expect(node, `node ${code}`);
    return { plan, node };
  }

  async function openPlan(page, t) {
    await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.plans }).click();
    await page.getByRole("heading", { level: 1, name: t.plans.title }).waitFor();
    await page.locator("tr", { hasText: PLAN_TITLE }).getByRole("link", { name: PLAN_TITLE }).click();
    await page.getByRole("heading", { level: 1, name: PLAN_TITLE }).waitFor();
    await page.locator("ul.plan-tree").waitFor();
  }

  async function openActivity(page, t, code) {
    await openPlan(page, t);
    await page.locator(`li.tree-node[data-code="${code}"] > .tree-row a.tree-title`).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`^${code.replace(/\./g, "\\.")} · `) }).waitFor();
    await page.getByRole("heading", { level: 2, name: t.monitoring.section.title }).waitFor();
  }

  async function openQueued(page, t, code) {
    await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.reviewQueue }).click();
    await page.getByRole("heading", { level: 1, name: t.monitoring.queue.title }).waitFor();
    // Each report is named by its activity's code and title.
    const escaped = code.replace(/\./g, "\\.");
    await page.getByTestId("review-queue").getByRole("link", { name: new RegExp(`^${escaped} · \\S`) }).first().click();
    await page.getByRole("heading", { level: 1, name: new RegExp(code.replace(/\./g, "\\.")) }).waitFor();
  }

  const status = (page) => page.getByTestId("report-facts").locator(".badge[data-status]");

  test("staff: writes a progress report on 1.1.a (3 countries, band 3, a signed work plan) and submits it", async ({ page }) => {
    const t = await login(page, "staff");
    const { plan, node } = await demo("1.1.a");
    const before = await api(`/api/v1/reports?plan_id=${plan.id}&node_id=${node.id}&per_page=200`);
    expect(before.total > 0, "the demo holds reports on 1.1.a");
    expect(before.items.every((r) => r.status !== "draft" && r.status !== "returned"), "no draft or returned report on 1.1.a yet");
    await openActivity(page, t, "1.1.a");
    const rows = page.getByTestId("node-reports").locator("tr[data-report]");
    await rows.first().waitFor();
    expect((await rows.count()) === before.total, `the activity lists its ${before.total} reports: ${await rows.count()}`);
    await page.getByRole("button", { name: t.monitoring.section.write }).click();
    const form = page.locator("form.report-form");
    // Nothing chosen: the server's message stands beside the execution.
    await form.getByRole("button", { name: t.monitoring.form.create }).click();
    await form.locator("#execution-error").waitFor();
    expect((await form.getByRole("radio", { name: t.monitoring.execution.yes }).getAttribute("aria-invalid")) === "true", "execution marked invalid");

    await form.getByLabel(t.monitoring.reportedOn).fill("2012-11-20");
    await form.getByRole("radio", { name: t.monitoring.execution.yes }).check();
    // Countries are shown by their names (Spanish here).
    for (const [city, country] of [["Montevideo", "Uruguay"], ["Rosario", "Argentina"], ["Porto Alegre", "Brasil"]]) {
      await form.getByLabel(t.monitoring.form.citySearch).fill(city);
      await form.getByRole("button", { name: fill(t.monitoring.form.addCity, { city, country }) }).click();
      await form.locator(`.chosen-cities li[data-city="${city}"]`).waitFor();
    }
    const band = await form.getByTestId("live-band").innerText();
    expect(band.includes("Argentina, Brasil, Uruguay") && band.includes(fill(t.monitoring.countryCount_other, { n: "3" })), `countries and their number live: ${band}`);
    await form.getByLabel(t.monitoring.participants.organizations).fill("UNESCO");
    await form.getByRole("button", { name: t.monitoring.form.addResult }).click();
    const result = form.getByRole("group", { name: fill(t.monitoring.form.resultN, { n: "1" }) });
    await result.getByLabel(t.monitoring.form.kind).selectOption("work_plan");
    const stages = await result.getByLabel(t.monitoring.form.stage).locator("option").evaluateAll((os) => os.map((o) => o.value));
    expect(stages.join() === "agreed,signed,with_activities,with_funding", `work plan ladder: ${stages}`);
    await result.getByLabel(t.monitoring.form.stage).selectOption("signed");
    await result.getByLabel(t.monitoring.form.achievedOn).fill("2012-05-01");
    await result.getByLabel(fill(t.monitoring.form.descriptionIn, { language: t.language.es })).fill("Plan de trabajo regional firmado");
    await form.getByLabel(fill(t.monitoring.form.narrativeIn, { language: t.language.es })).fill("Jornada regional realizada en Montevideo.");
    await shot(page, "30-report-form");
    await form.getByRole("button", { name: t.monitoring.form.create }).click();
    await page.getByText(t.monitoring.section.created).waitFor();
    const row = rows.filter({ has: page.locator(".badge[data-status=draft]") });
    await row.waitFor();
    expect((await rows.count()) === before.total + 1, `one report more (no double): ${await rows.count()}`);
    expect((await row.count()) === 1, "one draft");
    // The countries by name: those the report names, and those of the cities the events linked
    // to 1.1.a recorded present up to the report's day (the server adds them).
    const listed = await row.innerText();
    expect(["Argentina", "Brasil", "Uruguay"].every((c) => listed.includes(c)), `countries in the list, by name: ${listed}`);

    await page.getByRole("link", { name: t.monitoring.section.openCreated }).click();
    await status(page).and(page.locator("[data-status=draft]")).waitFor();
    await page.getByRole("button", { name: t.monitoring.workflow.submit }).click();
    await page.getByText(t.monitoring.workflow.done.submit).waitFor();
    await status(page).and(page.locator("[data-status=submitted]")).waitFor();
    expect((await page.getByRole("button", { name: t.common.edit }).count()) === 0, "no edit once submitted");
  });

  test("admin: the review queue, and the report returned with a reason", async ({ page }) => {
    const t = await login(page, "admin");
    await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.reviewQueue }).click();
    await page.getByTestId("review-queue").locator("tr[data-report]").first().waitFor();
    // Each report says its plan and its author.
    const queued = page.getByTestId("review-queue").locator("tr[data-report]", { hasText: "1.1.a" }).first();
    await queued.getByRole("link", { name: PLAN_TITLE }).waitFor();
    await queued.getByText("Sergio Staff (SE)").waitFor();
    await shot(page, "32-review-queue");
    await openQueued(page, t, "1.1.a");
    await page.getByRole("button", { name: t.monitoring.workflow.return }).click();
    await page.getByLabel(t.monitoring.workflow.reason).fill(REASON);
    await page.getByRole("button", { name: t.monitoring.workflow.returnConfirm }).click();
    await page.getByText(t.monitoring.workflow.done.return).waitFor();
    await status(page).and(page.locator("[data-status=returned]")).waitFor();
    await page.getByTestId("return-reason").getByText(REASON).waitFor();
  });

  test("staff: reads the reason, edits the returned report and submits it again", async ({ page }) => {
    const t = await login(page, "staff");
    await openActivity(page, t, "1.1.a");
    // The demo's other reports on 1.1.a are approved: the returned one is this test's.
    const row = page.getByTestId("node-reports").locator("tr[data-report]").filter({ has: page.locator(".badge[data-status=returned]") });
    await row.waitFor();
    await row.getByRole("link").click();
    const reason = page.getByTestId("return-reason");
    await reason.getByText(t.monitoring.page.returnedToYou).waitFor();
    await reason.getByText(REASON).waitFor();
    await shot(page, "31-report-returned");
    await page.getByRole("button", { name: t.common.edit }).click();
    const form = page.locator("form.report-form");
    await form.locator('.chosen-cities li[data-city="Rosario"]').waitFor();
    await form.getByLabel(fill(t.monitoring.form.narrativeIn, { language: t.language.pt })).fill("Jornada regional realizada em Montevidéu.");
    const result = form.getByRole("group", { name: fill(t.monitoring.form.resultN, { n: "1" }) });
    await result.getByLabel(t.monitoring.form.resultEvidence).fill("https://mercociudades.org/plan-firmado.pdf");
    await form.getByRole("button", { name: t.common.save }).click();
    await page.getByText(t.common.saved).waitFor();
    await page.getByText("Jornada regional realizada en Montevideo.").waitFor();
    await page.getByRole("button", { name: t.monitoring.workflow.submit }).click();
    await page.getByText(t.monitoring.workflow.done.submit).waitFor();
    await status(page).and(page.locator("[data-status=submitted]")).waitFor();
  });

  test("admin: approves; the plan's reports show the API's figures, 1.1.a executed with AR, BR and UY; in Portuguese too", async ({ page }) => {
    const t = await login(page, "admin");
    const { plan } = await demo();
    const resultsBefore = await api(`/api/v1/plans/${plan.id}/results-report`);
    const signed = (results) => results.kinds.find((k) => k.kind === "work_plan")?.by_stage.signed ?? 0;
    await openQueued(page, t, "1.1.a");
    const statusBefore = (await demo("1.1.a")).node.status ?? "planned";
    await page.getByRole("button", { name: t.monitoring.workflow.approve }).click();
    // Approving is asked first, with the activity's status: left unchanged unless chosen, or
    // said to be final (1.1.a may be done already).
    const approveForm = page.getByTestId("approve-form");
    await approveForm.getByText(t.monitoring.workflow.approveConfirm).waitFor();
    if (["done", "cancelled"].includes(statusBefore)) {
      await approveForm.getByText(fill(t.monitoring.workflow.statusFinal, { code: "1.1.a", status: t.plans.activityStatus[statusBefore] })).waitFor();
      expect((await approveForm.getByRole("combobox").count()) === 0, "no status to choose from a final one");
    } else {
      const statusSelect = approveForm.getByLabel(fill(t.monitoring.workflow.activityStatus, { code: "1.1.a" }));
      expect((await statusSelect.inputValue()) === "", "the activity's status is left unchanged by default");
    }
    await page.getByRole("button", { name: t.monitoring.workflow.approveYes }).click();
    await page.getByText(t.monitoring.workflow.done.approve).waitFor();
    const statusAfter = (await demo("1.1.a")).node.status ?? "planned";
    expect(statusAfter === statusBefore, `1.1.a keeps its status: ${statusBefore} → ${statusAfter}`);
    await status(page).and(page.locator("[data-status=approved]")).waitFor();
    await page.getByTestId("report-results").getByRole("cell", { name: t.monitoring.stage.work_plan.signed, exact: true }).waitFor();
    await shot(page, "31-report-page");

    // What the API answers now, with the approved report counted.
    const execution = await api(`/api/v1/plans/${plan.id}/execution-report`);
    const participation = await api(`/api/v1/plans/${plan.id}/participation-report`);
    const results = await api(`/api/v1/plans/${plan.id}/results-report`);
    expect(signed(results) === signed(resultsBefore) + 1, `one signed work plan more: ${signed(resultsBefore)} → ${signed(results)}`);
    const row11a = participation.rows.find((r) => r.code === "1.1.a");
    expect(["AR", "BR", "UY"].every((c) => row11a?.countries.includes(c)), `1.1.a with AR, BR and UY: ${row11a?.countries}`);

    await openPlan(page, t);
    await page.getByRole("link", { name: t.monitoring.reports.tab }).click();
    const table = page.getByTestId("execution-report");
    // Every dimension and policy, and the plan's total, as the API counts them.
    const policies = execution.rows.filter((r) => r.kind === "policy");
    expect(policies.find((r) => r.code === "1.1")?.by_execution.yes >= 1, "1.1.a counts as executed under policy 1.1");
    for (const r of [{ ...execution.total, code: "total" }, ...execution.rows.filter((r) => r.kind !== "axis")]) {
      const tr = table.locator(`tr[data-code="${r.code}"]`);
      await tr.waitFor();
      const share = numberOf(await tr.locator("[data-share=executed]").innerText());
      const partial = numberOf(await tr.locator("[data-share=executed_or_partial]").innerText());
      expect(share === r.executed_share && partial === r.executed_or_partial_share, `${r.code}: ${share} / ${partial} shown, ${r.executed_share} / ${r.executed_or_partial_share} in the API`);
      for (const x of EXECUTIONS) {
        const n = numberOf(await tr.locator(`[data-execution=${x}]`).innerText());
        expect(n === (r.by_execution[x] ?? 0), `${r.code} ${x}: ${n} shown, ${r.by_execution[x]} in the API`);
      }
    }
    for (const r of policies) {
      const bar = Number(await table.locator(`[data-testid=execution-chart] g[data-key="${r.code}"]`).getAttribute("data-value"));
      expect(bar === r.executed_share, `bar of ${r.code}: ${bar}, ${r.executed_share} in the API`);
    }
    // The activities name their responsible bodies: the table per body lists each of them.
    expect(execution.by_body.length > 0, "the API counts activities per body");
    const byBody = table.getByTestId("execution-by-body");
    expect((await byBody.locator("tr[data-body]").count()) === execution.by_body.length, `${execution.by_body.length} bodies`);
    for (const r of execution.by_body) {
      const tr = byBody.locator(`tr[data-body="${r.code}"]`);
      const cells = (await tr.locator("td.num").allInnerTexts()).map(numberOf);
      const expected = [r.activities, ...EXECUTIONS.map((x) => r.by_execution[x] ?? 0), r.executed_share, r.executed_or_partial_share];
      expect(cells.join() === expected.join(), `${r.code}: ${cells} shown, ${expected} in the API`);
    }
    // Participation: activities per country, per band of countries; results by stage.
    const chart = page.getByTestId("country-chart");
    await chart.waitFor();
    expect((await chart.locator("g[data-key]").count()) === participation.by_country.length, `${participation.by_country.length} countries in the chart`);
    for (const c of participation.by_country) {
      const value = Number(await chart.locator(`g[data-key="${c.country}"]`).getAttribute("data-value"));
      expect(value === c.activities, `${c.country}: ${value} activities shown, ${c.activities} in the API`);
    }
    for (const c of ["AR", "BR", "UY"]) {
      expect((await chart.locator(`g[data-key="${c}"]`).count()) === 1, `${c} in the chart`);
    }
    const bands = page.getByTestId("band-table");
    for (const b of BANDS) {
      const n = numberOf(await bands.locator(`tr[data-band="${b}"] td.num`).innerText());
      expect(n === (participation.activities_by_band[b] ?? 0), `band ${b}: ${n} shown, ${participation.activities_by_band[b]} in the API`);
    }
    await page
      .getByTestId("results-table")
      .locator("tr[data-kind=work_plan] li[data-stage=signed] strong")
      .getByText(String(signed(results)), { exact: true })
      .waitFor();
    // Filters live in the URL; countries are picked by name. Paraguay: its figures as the API
    // filters them.
    const countryFilter = page.getByLabel(t.monitoring.reports.filters.country, { exact: true });
    await countryFilter.selectOption({ label: "Paraguay" });
    await page.getByRole("button", { name: t.monitoring.reports.filters.apply }).click();
    await page.waitForURL(/country=PY/);
    const paraguay = await api(`/api/v1/plans/${plan.id}/participation-report?country=PY`);
    const py = paraguay.by_country.find((c) => c.country === "PY");
    expect(py && py.activities > 0, "Paraguay took part in the demo's activities");
    await chart.locator(`g[data-key="PY"][data-value="${py.activities}"]`).waitFor();
    expect((await chart.locator("g[data-key]").count()) === paraguay.by_country.length, `${paraguay.by_country.length} countries with Paraguay's reports`);
    // A country no one reported from leaves the charts empty.
    const options = await countryFilter.locator("option").evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent })));
    const absent = options.find((o) => o.value && !participation.countries.includes(o.value));
    expect(absent, `a country without reports among ${options.map((o) => o.value)}`);
    await countryFilter.selectOption(absent.value);
    await page.getByRole("button", { name: t.monitoring.reports.filters.apply }).click();
    await page.waitForURL(new RegExp(`country=${absent.value}`));
    await page.getByTestId("participation-report").getByText(t.monitoring.reports.nothing).waitFor();
    await page.getByRole("button", { name: t.monitoring.reports.filters.clear }).click();
    await page.getByTestId("country-chart").waitFor();
    // CSV of the execution, fetched with the token.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: t.monitoring.reports.execution.csv }).click(),
    ]);
    expect(download.suggestedFilename().endsWith("-execution.csv"), download.suggestedFilename());
    // And as an XLSX workbook, from the same endpoint.
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: t.monitoring.reports.execution.xlsx }).click(),
    ]);
    expect(xlsx.suggestedFilename().endsWith("-execution.xlsx"), xlsx.suggestedFilename());
    const workbook = readFileSync(await xlsx.path());
    expect(workbook.subarray(0, 2).toString("latin1") === "PK", "an XLSX workbook (a zip archive)");
    await shot(page, "33-reports-tab");

    // Portuguese.
    await page.getByLabel(t.language.label).selectOption("pt");
    const pt = L.pt.monitoring;
    await page.getByRole("heading", { level: 2, name: pt.reports.execution.title }).waitFor();
    expect((await page.getAttribute("html", "lang")) === "pt", "html lang is pt");
    await page.getByRole("heading", { level: 2, name: pt.reports.participation.title }).waitFor();
    await page.getByRole("link", { name: pt.reports.tab, exact: true }).waitFor();
    // The same columns head the execution's rows and the execution per body.
    await page.locator("#execution-rows").getByRole("columnheader", { name: pt.reports.execution.executedOrPartialShare }).waitFor();
    await page.getByTestId("execution-by-body").getByRole("columnheader", { name: pt.reports.execution.executedOrPartialShare }).waitFor();
    expect(pt.reports.execution.title === "Execução" && pt.section.title === "Relatórios de andamento", "Portuguese texts");
    await shot(page, "34-reports-tab-pt");
    await page.getByRole("navigation", { name: L.pt.plans.sections }).getByRole("link", { name: L.pt.plans.tree.title }).click();
    await page.locator("ul.plan-tree").waitFor();
    await page.locator('li.tree-node[data-code="1.1.a"] > .tree-row a.tree-title').click();
    await page.getByRole("heading", { level: 2, name: pt.section.title }).waitFor();
    await page.getByTestId("node-reports").locator(".badge[data-status=approved]").first().getByText(pt.status.approved).waitFor();
    // Back to Spanish for the other tests.
    await page.getByLabel(L.pt.language.label).selectOption("es");
    await page.getByRole("heading", { level: 2, name: t.monitoring.section.title }).waitFor();
    await page.waitForLoadState("networkidle");
  });

  test("staff: adds a percentage indicator on 1.1.a (1 of 4) and sees it rolled up on the Reports tab as the API rolls it up", async ({ page }) => {
    const t = await login(page, "staff");
    await openActivity(page, t, "1.1.a");
    await page.getByRole("heading", { level: 2, name: t.monitoring.indicators.title }).waitFor();
    await page.getByRole("button", { name: t.monitoring.indicators.add }).click();
    const form = page.locator("form.indicator-form");
    await form.getByLabel(fill(t.monitoring.indicators.titleIn, { language: t.language.es })).fill("Ciudades que adoptan la agenda");
    await form.getByLabel(t.monitoring.indicators.measure).selectOption("percentage");
    const period = form.getByRole("group", { name: fill(t.monitoring.indicators.periodN, { n: "1" }) });
    await period.getByLabel(t.monitoring.indicators.startsOn).fill("2011-01-01");
    await period.getByLabel(t.monitoring.indicators.endsOn).fill("2012-12-31");
    const input = (k) => fill(t.monitoring.indicators.inputs[k], { what: t.monitoring.indicators.actual });
    // A numerator above the denominator: the server's message stands beside the numerator.
    await period.getByLabel(input("numerator")).fill("5");
    await period.getByLabel(input("denominator")).fill("4");
    await form.getByRole("button", { name: t.monitoring.indicators.create }).click();
    await period.locator(".field-invalid .field-error").first().waitFor();
    expect((await period.getByLabel(input("numerator")).getAttribute("aria-invalid")) === "true", "numerator marked invalid");
    await period.getByLabel(input("numerator")).fill("1");
    await form.getByRole("button", { name: t.monitoring.indicators.create }).click();
    const item = page.getByTestId("node-indicators").locator("li[data-indicator]");
    await item.waitFor();
    expect((await item.count()) === 1, "one indicator");
    const actual = (await item.locator("td[data-value=actual]").innerText()).replace(/\u00a0|\u202f/g, " ");
    expect(/^25\s?% \(1\/4\)$/.test(actual), `actual 1 of 4: ${actual}`);
    await shot(page, "35-indicators");

    // The roll-ups as the API computes them: 1.1.O and 1.1 hold no other percentage indicator
    // (25 %); the plan's weighs it with the demo's other percentage indicators.
    const { plan } = await demo();
    const rolled = (await api(`/api/v1/plans/${plan.id}/indicators`)).roll_ups;
    const percentage = (level, code) => rolled.find((r) => r.level === level && r.code === code)?.measures.find((m) => m.measure === "percentage");
    const expected = { objective: percentage("objective", "1.1.O"), policy: percentage("policy", "1.1"), plan: percentage("plan", "") };
    expect(expected.objective?.actual === 25 && expected.policy?.actual === 25, `1.1.O and 1.1 at 25 %: ${JSON.stringify(expected)}`);
    expect(expected.plan?.indicators > 1 && expected.plan.actual !== 25, `the plan's percentage indicators weighed together: ${JSON.stringify(expected.plan)}`);
    await openPlan(page, t);
    await page.getByRole("link", { name: t.monitoring.reports.tab }).click();
    const rollups = page.getByTestId("indicator-rollups");
    for (const [level, code] of [["objective", "1.1.O"], ["policy", "1.1"], ["plan", ""]]) {
      const cell = rollups.locator(`tr[data-level=${level}][data-code="${code}"][data-measure=percentage] td[data-value=actual]`);
      const shown = numberOf(await cell.innerText());
      const want = Math.round(expected[level].actual * 10) / 10;
      expect(shown === want, `${level} ${code} rolled up: ${shown} shown, ${expected[level].actual} in the API`);
    }
    // The annual report, read with the session's token, opens in a new tab as a blob.
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.getByTestId("indicators-report").getByRole("link", { name: t.monitoring.indicators.annualReport }).click(),
    ]);
    await popup.waitForURL(/^blob:/);
    await popup.close();
    await shot(page, "36-indicators-rollup");
  });

  test("coordinator: writes a report on 2.2.b, an activity of the Culture unit, and submits it", async ({ page }) => {
    const t = await login(page, "coordinator");
    const { plan, node } = await demo("2.2.b");
    const before = (await api(`/api/v1/reports?plan_id=${plan.id}&node_id=${node.id}&per_page=200`)).total;
    await openActivity(page, t, "2.2.b");
    const rows = page.getByTestId("node-reports").locator("tr[data-report]");
    if (before === 0) await page.getByText(t.monitoring.section.none).waitFor();
    else await rows.first().waitFor();
    await page.getByRole("button", { name: t.monitoring.section.write }).click();
    const form = page.locator("form.report-form");
    await form.getByLabel(t.monitoring.reportedOn).fill("2012-10-15");
    await form.getByRole("radio", { name: t.monitoring.execution.partially }).check();
    await form.getByLabel(t.monitoring.form.citySearch).fill("Rosario");
    await form.getByRole("button", { name: fill(t.monitoring.form.addCity, { city: "Rosario", country: "Argentina" }) }).click();
    await form.locator('.chosen-cities li[data-city="Rosario"]').waitFor();
    await form.getByLabel(fill(t.monitoring.form.narrativeIn, { language: t.language.es })).fill("Encuentro de gestores culturales de la red en Rosario.");
    await form.getByRole("button", { name: t.monitoring.form.create }).click();
    await page.getByText(t.monitoring.section.created).waitFor();
    const draft = rows.filter({ has: page.locator(".badge[data-status=draft]") });
    await draft.waitFor();
    expect((await rows.count()) === before + 1, `one report more on 2.2.b: ${before} → ${await rows.count()}`);

    await page.getByRole("link", { name: t.monitoring.section.openCreated }).click();
    await status(page).and(page.locator("[data-status=draft]")).waitFor();
    await page.getByText("Encuentro de gestores culturales de la red en Rosario.").waitFor();
    await page.getByRole("button", { name: t.monitoring.workflow.submit }).click();
    await page.getByText(t.monitoring.workflow.done.submit).waitFor();
    await status(page).and(page.locator("[data-status=submitted]")).waitFor();
    expect((await page.getByRole("button", { name: t.common.edit }).count()) === 0, "no edit once submitted");
    // The activity lists it as submitted, and the coordinator does not review it.
    expect((await page.getByRole("button", { name: t.monitoring.workflow.approve }).count()) === 0, "the coordinator does not approve");
    await openActivity(page, t, "2.2.b");
    await rows.filter({ has: page.locator(".badge[data-status=submitted]") }).first().waitFor();
    await shot(page, "37-coordinator-report-submitted");
  });

  test("staff: approve the coordinator's report on 2.2.b and, saying so, move 2.2.b on to a status it may reach", async ({ page }) => {
    const t = await login(page, "staff");
    const { plan, node } = await demo("2.2.b");
    const from = node.status ?? "planned";
    // The first status 2.2.b may move to that is not final (the plan's status control offers the same).
    const to = { planned: "in_progress", in_progress: "partially_done", partially_done: "in_progress", not_done: "planned" }[from];
    expect(to, `2.2.b may move on from ${from}`);
    const submitted = (await api(`/api/v1/reports?plan_id=${plan.id}&node_id=${node.id}&status=submitted`)).items[0];
    expect(submitted, "the coordinator's submitted report on 2.2.b");
    await page.goto(`/reports/${submitted.id}`);
    await page.getByTestId("activity-status").getByText(t.plans.activityStatus[from], { exact: true }).waitFor();
    await page.getByRole("button", { name: t.monitoring.workflow.approve }).click();
    const form = page.getByTestId("approve-form");
    await form.getByLabel(fill(t.monitoring.workflow.activityStatus, { code: "2.2.b" })).selectOption(to);
    // The question says the change before anything is sent.
    await form.getByText(fill(t.monitoring.workflow.approveConfirmStatus, { code: "2.2.b", from: t.plans.activityStatus[from], to: t.plans.activityStatus[to] })).waitFor();
    await shot(page, "38-approve-with-status");
    await form.getByRole("button", { name: t.monitoring.workflow.approveYes }).click();
    await page.getByText(fill(t.monitoring.workflow.done.approveWithStatus, { code: "2.2.b", status: t.plans.activityStatus[to] })).waitFor();
    await status(page).and(page.locator("[data-status=approved]")).waitFor();
    await page.getByTestId("activity-status").getByText(t.plans.activityStatus[to], { exact: true }).waitFor();
    expect(((await demo("2.2.b")).node.status ?? "planned") === to, `the API holds 2.2.b ${to}`);
    // The activity's own page shows it too.
    await page.getByTestId("report-facts").getByRole("link", { name: /^2\.2\.b/ }).click();
    await page.getByRole("heading", { level: 1, name: /^2\.2\.b · / }).waitFor();
    await page.getByText(t.plans.activityStatus[to], { exact: true }).first().waitFor();
  });

  test("observer: reads reports and the plan's reports without review controls", async ({ page }) => {
    const t = await login(page, "observer");
    expect((await page.getByRole("link", { name: t.nav.reviewQueue }).count()) === 0, "no review queue link");
    await openActivity(page, t, "1.1.a");
    expect((await page.getByRole("button", { name: t.monitoring.section.write }).count()) === 0, "no write button");
    await page.getByTestId("node-reports").getByRole("link").first().click();
    await page.getByTestId("report-facts").waitFor();
    for (const name of [t.monitoring.workflow.approve, t.monitoring.workflow.return, t.monitoring.workflow.submit, t.common.edit]) {
      expect((await page.getByRole("button", { name }).count()) === 0, `observer: no ${name}`);
    }
  });
}
