// Browser tests of plan documents and the activity CSV: staff import a small plan document (a
// wrong one first, whose problems are listed at their place in the document), land on the new
// draft and export it as JSON and YAML; then import activities from CSV into that draft (a file
// with one bad row is refused line by line, a good one adds and updates activities; both name the
// Executive Secretariat, which the Reports tab's execution per body counts). They run
// last, on the same server, in order; the SE 2011-2012 plan is approved by then.
import { readFileSync } from "node:fs";

const TITLE = "Plan de comunicación de la Secretaría Ejecutiva 2013 – 2014 (e2e)";

const DOCUMENT = `format: mercociudades-plan
format_version: 1
work_plan:
  title:
    es: ${TITLE}
  owner:
    kind: executive_secretariat
    acronym: SE
  starts_on: 2013-01-01
  ends_on: 2014-12-31
  nodes:
  - kind: dimension
    code: "1"
    title:
      es: Dimensión política
    children:
    - kind: policy
      code: "1.1"
      title:
        es: Política de comunicación
      children:
      - kind: objective
        code: 1.1.O
        title:
          es: Difundir el trabajo de la red
        children:
        - kind: activity
          code: 1.1.a
          title:
            es: Boletín mensual de la red
          responsible_bodies: [SE]
          starts_on: 2013-02-01
          ends_on: 2013-12-15
`;

// Two mistakes: a kind that does not exist, and an activity without a code.
const WRONG_DOCUMENT = DOCUMENT.replace("kind: policy", "kind: politica").replace('code: 1.1.a', 'code: ""');

const HEADER =
  "code,kind,parent_code,title_es,title_pt,title_en,text_es,text_pt,text_en,status,starts_on,ends_on,responsible_bodies,responsible_cities,partners,serves,contributes_to,budget_amount_minor,budget_currency,funding_source";
const SEMINAR = "1.1.b,activity,1.1.O,Seminario regional de comunicación,,,,,,,2013-05-06,2013-05-08,SE,Montevideo (UY),,,,150000,USD,Fondos propios";
const BAD_CSV = [HEADER, SEMINAR, "1.1.c,activity,1.1.O,Taller de prensa,,,,,,,2013-02-30,2013-06-01,XX,,,,,,,"].join("\n") + "\n";
const GOOD_CSV =
  [HEADER, SEMINAR, "1.1.a,activity,1.1.O,Boletín mensual de la red (digital),,,,,,,2013-02-01,2013-12-15,SE,,,,,,,"].join("\n") + "\n";

export function importTests({ test, expect, login, shot }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
  const nav = (page, t) => page.getByRole("navigation", { name: t.nav.label });
  const node = (page, code) => page.locator(`li.tree-node[data-code="${code}"]`);

  async function openImportedPlan(page, t) {
    await nav(page, t).getByRole("link", { name: t.nav.plans }).click();
    await page.getByRole("heading", { level: 1, name: t.plans.title }).waitFor();
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.locator("ul.plan-tree").waitFor();
  }

  test("staff: import a plan document (its problems listed at their place first), then export the new draft as JSON and YAML", async ({ page }) => {
    const t = await login(page, "staff");
    await nav(page, t).getByRole("link", { name: t.nav.plans }).click();
    await page.getByRole("heading", { level: 1, name: t.plans.title }).waitFor();
    await page.getByRole("button", { name: t.plans.import.open }).click();
    const form = page.locator("form.import-form");
    const file = form.getByLabel(t.plans.import.file);

    await file.setInputFiles({ name: "plan-e2e.yaml", mimeType: "application/yaml", buffer: Buffer.from(WRONG_DOCUMENT) });
    await form.getByRole("button", { name: t.plans.import.submit, exact: true }).click();
    const problems = page.getByTestId("document-problems");
    await problems.waitFor();
    const places = await problems.locator(".problem-place").allInnerTexts();
    expect(places.includes("work_plan.nodes[0].children[0].kind"), `the wrong kind at its place: ${places}`);
    expect(places.some((p) => /^work_plan\.nodes\[0\]\.children\[0\]\.children\[0\]\.children\[0\]\.code$/.test(p)), `the empty code at its place: ${places}`);
    await shot(page, "60-plan-import-problems");

    await file.setInputFiles({ name: "plan-e2e.yaml", mimeType: "application/yaml", buffer: Buffer.from(DOCUMENT) });
    await problems.waitFor({ state: "detached" });
    await form.getByRole("button", { name: t.plans.import.submit, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.getByText(t.plans.import.done).waitFor();
    const facts = page.getByTestId("plan-facts");
    await facts.getByText(t.plans.status.draft).waitFor();
    await facts.getByText("Secretaría Ejecutiva").waitFor();
    await node(page, "1.1.a").waitFor();
    expect((await page.locator("li.tree-node-activity").count()) === 1, "one activity");
    await shot(page, "61-plan-imported");

    // Export: the same document comes back, in JSON and in YAML.
    const exportAs = (format) => page.getByRole("button", { name: fill(t.plans.export.as, { format }) });
    const [json] = await Promise.all([page.waitForEvent("download"), exportAs("JSON").click()]);
    expect(json.suggestedFilename() === "plan-SE-2013-2014.json", json.suggestedFilename());
    const doc = JSON.parse(readFileSync(await json.path(), "utf8"));
    expect(doc.format === "mercociudades-plan" && doc.work_plan.title.es === TITLE, `JSON document: ${JSON.stringify(doc).slice(0, 200)}`);
    expect(doc.work_plan.nodes[0].children[0].children[0].children[0].code === "1.1.a", "the activity in the JSON");
    const [yaml] = await Promise.all([page.waitForEvent("download"), exportAs("YAML").click()]);
    expect(yaml.suggestedFilename() === "plan-SE-2013-2014.yaml", yaml.suggestedFilename());
    const text = readFileSync(await yaml.path(), "utf8");
    expect(text.startsWith("format: mercociudades-plan\n") && text.includes(TITLE), `YAML document: ${text.slice(0, 200)}`);
  });

  test("staff: import activities from CSV into the draft: one bad row is refused by line and column, then a good file", async ({ page }) => {
    const t = await login(page, "staff");
    await openImportedPlan(page, t);
    await page.getByRole("button", { name: t.plans.csvImport.open }).click();
    const panel = page.getByTestId("activities-import");
    const file = panel.getByLabel(t.plans.csvImport.file);

    await file.setInputFiles({ name: "actividades.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_CSV) });
    await panel.getByRole("button", { name: t.plans.csvImport.submit }).click();
    const report = page.getByTestId("row-problems");
    await report.waitFor();
    // Line 3 (the header is line 1): its date and its body; line 2 is right.
    await report.locator('tr[data-line="3"][data-column="starts_on"]').waitFor();
    await report.locator('tr[data-line="3"][data-column="responsible_bodies"]', { hasText: "XX" }).waitFor();
    const lines = await report.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-line")));
    expect(lines.every((l) => l === "3"), `only line 3 is wrong: ${lines}`);
    await shot(page, "62-activities-csv-row-errors");
    // Nothing was written.
    expect((await page.locator("li.tree-node-activity").count()) === 1, "still one activity");

    await file.setInputFiles({ name: "actividades.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD_CSV) });
    await report.waitFor({ state: "detached" });
    await panel.getByRole("button", { name: t.plans.csvImport.submit }).click();
    const outcome = page.getByTestId("import-outcome");
    await outcome.waitFor();
    const counts = (await outcome.locator("dd").allInnerTexts()).join();
    expect(counts === "1,1,0", `added 1, updated 1, unchanged 0: ${counts}`);
    // The plan is read again: the new activity and the changed title are in the tree.
    await node(page, "1.1.b").getByText("Seminario regional de comunicación").waitFor();
    await node(page, "1.1.a").getByText("Boletín mensual de la red (digital)").waitFor();
    expect((await page.locator("li.tree-node-activity").count()) === 2, "two activities");
    await shot(page, "63-activities-csv-imported");

    // Both activities name the Executive Secretariat: the Reports tab counts them under SE.
    await page.getByRole("navigation", { name: t.plans.sections }).getByRole("link", { name: t.monitoring.reports.tab }).click();
    const se = page.getByTestId("execution-by-body").locator('tr[data-body="SE"]');
    await se.waitFor();
    await se.getByRole("cell", { name: /Secretaría Ejecutiva/ }).waitFor();
    const cells = await se.locator("td.num").allInnerTexts();
    expect(cells.slice(0, 5).join() === "2,0,0,0,2", `SE: 2 activities, none reported yet: ${cells}`);
    expect((await page.getByTestId("execution-by-body").locator("tr[data-body]").count()) === 1, "one responsible body");
    await shot(page, "64-reports-by-body");
  });

  test("roles: the imports are offered only to those who may edit the plan, and only on a draft", async ({ page }) => {
    let t = await login(page, "staff");
    await nav(page, t).getByRole("link", { name: t.nav.plans }).click();
    // The SE 2011-2012 plan is approved by now: no CSV import, but its export.
    await page.getByRole("link", { name: /Plan de Trabajo SECRETARÍA EJECUTIVA MERCOCIUDADES 2011/ }).click();
    await page.locator("ul.plan-tree").waitFor();
    expect((await page.getByRole("button", { name: t.plans.csvImport.open }).count()) === 0, "no CSV import on an approved plan");
    await page.getByRole("button", { name: fill(t.plans.export.as, { format: "YAML" }) }).waitFor();
    await page.getByRole("button", { name: t.auth.logout }).click();

    t = await login(page, "observer");
    const forbidden = [];
    page.on("response", (r) => {
      if (r.status() === 403) forbidden.push(r.url());
    });
    await nav(page, t).getByRole("link", { name: t.nav.plans }).click();
    await page.getByRole("link", { name: TITLE }).waitFor();
    expect((await page.getByRole("button", { name: t.plans.import.open }).count()) === 0, "observer: no plan import");
    await page.getByRole("link", { name: TITLE }).click();
    await page.locator("ul.plan-tree").waitFor();
    await page.waitForLoadState("networkidle");
    expect((await page.getByRole("button", { name: t.plans.csvImport.open }).count()) === 0, "observer: no CSV import");
    // Everyone signed in may export.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: fill(t.plans.export.as, { format: "JSON" }) }).click(),
    ]);
    expect(download.suggestedFilename().endsWith(".json"), download.suggestedFilename());
    expect(forbidden.length === 0, `no 403: ${forbidden}`);
  });
}
