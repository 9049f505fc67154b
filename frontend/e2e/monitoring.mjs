// Browser tests of monitoring: a progress report written on an activity, its review (returned
// with a reason, edited, submitted again, approved), the review queue, and the plan's reports
// with the approved report counted, in Spanish and in Portuguese. They run after the plan tests,
// on the same server, in order.

const PLAN_TITLE = /Plan de Trabajo SECRETARÍA EJECUTIVA MERCOCIUDADES 2011/;
const REASON = "Falta el relato en portugués y la evidencia del plan firmado.";

export function monitoringTests({ test, expect, login, shot, L }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);

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
    await openActivity(page, t, "1.1.a");
    await page.getByRole("button", { name: t.monitoring.section.write }).click();
    const form = page.locator("form.report-form");
    // Nothing chosen: the server's message stands beside the execution.
    await form.getByRole("button", { name: t.monitoring.form.create }).click();
    await form.locator("#execution-error").waitFor();
    expect((await form.getByRole("radio", { name: t.monitoring.execution.yes }).getAttribute("aria-invalid")) === "true", "execution marked invalid");

    await form.getByLabel(t.monitoring.reportedOn).fill("2012-05-10");
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
    const row = page.getByTestId("node-reports").locator("tr[data-report]");
    expect((await row.count()) === 1, "one report (no double)");
    await row.locator(".badge[data-status=draft]").waitFor();
    expect((await row.innerText()).includes("Argentina, Brasil, Uruguay"), "countries in the list, by name");

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
    const row = page.getByTestId("node-reports").locator("tr[data-report]");
    await row.locator(".badge[data-status=returned]").waitFor();
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

  test("admin: approves; the plan's reports count 1.1.a as executed, with AR, BR and UY; in Portuguese too", async ({ page }) => {
    const t = await login(page, "admin");
    await openQueued(page, t, "1.1.a");
    await page.getByRole("button", { name: t.monitoring.workflow.approve }).click();
    // Approving is asked first.
    await page.getByRole("button", { name: t.monitoring.workflow.approveYes }).click();
    await page.getByText(t.monitoring.workflow.done.approve).waitFor();
    await status(page).and(page.locator("[data-status=approved]")).waitFor();
    await page.getByTestId("report-results").getByRole("cell", { name: t.monitoring.stage.work_plan.signed, exact: true }).waitFor();
    await shot(page, "31-report-page");

    await openPlan(page, t);
    await page.getByRole("link", { name: t.monitoring.reports.tab }).click();
    const execution = page.getByTestId("execution-report");
    const policy = execution.locator('tr[data-code="1.1"]');
    await policy.waitFor();
    const share = await policy.locator("[data-share=executed]").innerText();
    expect(/^50\s?%$/.test(share.replace(/\u00a0|\u202f/g, " ")), `policy 1.1 half executed: ${share}`);
    expect((await execution.locator('[data-testid=execution-chart] g[data-key="1.1"]').getAttribute("data-value")) === "50", "bar of 1.1 at 50");
    // No activity of this plan names a responsible body: the table per body says so.
    await execution.getByTestId("execution-by-body").getByText(t.monitoring.reports.execution.noBody).waitFor();
    const chart = page.getByTestId("country-chart");
    for (const c of ["AR", "BR", "UY"]) {
      expect((await chart.locator(`g[data-key="${c}"]`).getAttribute("data-value")) === "1", `${c}: one activity`);
    }
    expect((await page.getByTestId("band-table").locator('tr[data-band="3"] td.num').innerText()) === "1", "one activity in band 3");
    await page.getByTestId("results-table").locator('tr[data-kind=work_plan] li[data-stage=signed] strong').getByText("1", { exact: true }).waitFor();
    // Filters live in the URL: a country no one reported from leaves the charts empty.
    // Countries are picked by name.
    await page.getByLabel(t.monitoring.reports.filters.country, { exact: true }).selectOption({ label: "Paraguay" });
    await page.getByRole("button", { name: t.monitoring.reports.filters.apply }).click();
    await page.waitForURL(/country=PY/);
    await page.getByTestId("participation-report").getByText(t.monitoring.reports.nothing).waitFor();
    await page.getByRole("button", { name: t.monitoring.reports.filters.clear }).click();
    await page.getByTestId("country-chart").waitFor();
    // CSV of the execution, fetched with the token.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: t.monitoring.reports.execution.csv }).click(),
    ]);
    expect(download.suggestedFilename().endsWith("-execution.csv"), download.suggestedFilename());
    await shot(page, "33-reports-tab");

    // Portuguese.
    await page.getByLabel(t.language.label).selectOption("pt");
    const pt = L.pt.monitoring;
    await page.getByRole("heading", { level: 2, name: pt.reports.execution.title }).waitFor();
    expect((await page.getAttribute("html", "lang")) === "pt", "html lang is pt");
    await page.getByRole("heading", { level: 2, name: pt.reports.participation.title }).waitFor();
    await page.getByRole("link", { name: pt.reports.tab, exact: true }).waitFor();
    await page.getByRole("columnheader", { name: pt.reports.execution.executedOrPartialShare }).waitFor();
    expect(pt.reports.execution.title === "Execução" && pt.section.title === "Relatórios de andamento", "Portuguese texts");
    await shot(page, "34-reports-tab-pt");
    await page.getByRole("navigation", { name: L.pt.plans.sections }).getByRole("link", { name: L.pt.plans.tree.title }).click();
    await page.locator("ul.plan-tree").waitFor();
    await page.locator('li.tree-node[data-code="1.1.a"] > .tree-row a.tree-title').click();
    await page.getByRole("heading", { level: 2, name: pt.section.title }).waitFor();
    await page.getByTestId("node-reports").getByText(pt.status.approved).waitFor();
    // Back to Spanish for the other tests.
    await page.getByLabel(L.pt.language.label).selectOption("es");
    await page.getByRole("heading", { level: 2, name: t.monitoring.section.title }).waitFor();
    await page.waitForLoadState("networkidle");
  });

  test("staff: adds a percentage indicator on 1.1.a (1 of 4) and sees it rolled up on the Reports tab (25 %)", async ({ page }) => {
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

    await openPlan(page, t);
    await page.getByRole("link", { name: t.monitoring.reports.tab }).click();
    const rollups = page.getByTestId("indicator-rollups");
    for (const level of ["objective", "policy", "plan"]) {
      const cell = rollups.locator(`tr[data-level=${level}][data-measure=percentage] td[data-value=actual]`);
      const text = (await cell.innerText()).replace(/\u00a0|\u202f/g, " ");
      expect(/^25\s?%$/.test(text), `${level} rolled up to 25 %: ${text}`);
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
