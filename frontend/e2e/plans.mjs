// Browser tests of the plan screens: tree, folding, editing a draft, approval, activity status,
// revisions and their diff, coverage, CSV download, and what an observer does not get.
// The demo's 2011-2012 plan is in execution, frozen: the staff test imports its document again,
// under another title, as a new draft, and edits that draft, which the admin test then approves.
// The tests run in order against one server.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PLAN_TITLE = /Plan de Trabajo SECRETARÍA EJECUTIVA MERCOCIUDADES 2011/;
// The copy's title must not match PLAN_TITLE: the other tests look the demo plan up by it.
const COPY_TITLE = "Copia de trabajo del plan de la Secretaría Ejecutiva 2011 – 2012 (e2e)";
const DOCUMENT_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../../plans/se-2011-2012.json");
const STATUSES = ["planned", "in_progress", "done", "partially_done", "not_done", "cancelled"];

export function planTests({ test, expect, login, shot, L, baseURL, apiLogin }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  async function openPlan(page, t, title = PLAN_TITLE) {
    const name = typeof title === "string" ? new RegExp(`^${escape(title)}$`) : title;
    await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.plans }).click();
    await page.getByRole("heading", { level: 1, name: t.plans.title }).waitFor();
    const row = page.locator("tr", { hasText: title });
    await row.getByText("(SE)").waitFor();
    await row.getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.locator("ul.plan-tree").waitFor();
  }

  /** The demo plan and its execution report, read over the API. */
  async function demoPlan() {
    const token = await apiLogin("staff");
    const get = async (path) => {
      const res = await fetch(`${baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.ok, `GET ${path}: ${res.status}`);
      return res.json();
    };
    const plan = (await get("/api/v1/plans?per_page=50")).items.find((p) => PLAN_TITLE.test(p.title.es ?? ""));
    expect(plan, "the demo plan");
    return { plan, execution: await get(`/api/v1/plans/${plan.id}/execution-report`) };
  }

  const item = (page, code) => page.locator(`li.tree-node[data-code="${code}"]`);
  const row = (page, code) => item(page, code).locator(":scope > .tree-row");

  async function openNode(page, code) {
    await row(page, code).locator("a.tree-title").click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`^${code.replace(/\./g, "\\.")} · `) }).waitFor();
  }

  test("staff: the demo plan in execution is frozen; its document imported again is a draft: tree, folding, CSV, adding an activity under 2.3.O", async ({ page }) => {
    const t = await login(page, "staff");
    // The demo plan: in execution, approved at the XVI Summit, each activity showing its status.
    const demo = await demoPlan();
    expect(demo.plan.status === "in_execution", `demo plan status: ${demo.plan.status}`);
    await openPlan(page, t);
    const facts = page.getByTestId("plan-facts");
    await facts.getByText("Secretaría Ejecutiva").waitFor();
    await facts.getByText(t.plans.status.in_execution).waitFor();
    await facts.getByText(/XVI Cumbre de Mercociudades/).waitFor();
    await page.getByTestId("frozen-note").waitFor();
    expect((await page.getByRole("button", { name: t.plans.node.addRoot }).count()) === 0, "no add dimension on a plan in execution");
    const byStatus = demo.execution.total.by_status;
    expect(demo.execution.total.activities === 19, `19 activities in the demo plan: ${demo.execution.total.activities}`);
    for (const s of STATUSES) {
      const shown = await page.locator(`li.tree-node-activity > .tree-row .badge[data-status=${s}]`).count();
      expect(shown === (byStatus[s] ?? 0), `${s}: ${shown} shown, ${byStatus[s]} in the plan`);
    }
    expect(STATUSES.filter((s) => byStatus[s] > 0).length > 1, `the demo plan's activities are in several statuses: ${JSON.stringify(byStatus)}`);

    // The same document imported as a new draft, under another title.
    const document = JSON.parse(readFileSync(DOCUMENT_PATH, "utf8"));
    document.work_plan.title = { es: COPY_TITLE };
    await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.plans }).click();
    await page.getByRole("heading", { level: 1, name: t.plans.title }).waitFor();
    await page.getByRole("button", { name: t.plans.import.open }).click();
    const importForm = page.locator("form.import-form");
    await importForm
      .getByLabel(t.plans.import.file)
      .setInputFiles({ name: "se-2011-2012.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(document)) });
    await importForm.getByRole("button", { name: t.plans.import.submit, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: COPY_TITLE }).waitFor();
    await page.getByText(t.plans.import.done).waitFor();
    await page.locator("ul.plan-tree").waitFor();
    await facts.getByText("Secretaría Ejecutiva").waitFor();
    await facts.getByText(t.plans.status.draft).waitFor();
    expect((await page.getByTestId("frozen-note").count()) === 0, "a draft is not frozen");
    expect((await page.locator("li.tree-node-activity").count()) === 19, "19 activities");
    expect((await page.locator("li.tree-node-sub_activity").count()) === 3, "3 sub-activities");
    for (const code of ["1", "1.2", "1.2.1", "1.2.O", "1.2.a", "1.2.a.1", "2.3.O", "2.3.c"]) {
      await row(page, code).getByText(code, { exact: true }).waitFor();
    }
    // Every activity shows its status (planned: a new draft records none yet).
    expect((await page.locator("li.tree-node-activity > .tree-row .badge[data-status=planned]").count()) === 19, "status of each activity");
    // Kind badges
    await row(page, "1.2.O").locator(".badge-kind", { hasText: t.plans.kind.objective }).waitFor();

    // Fold one node, and unfold it again (with the keyboard).
    const fold = page.getByRole("button", { name: fill(t.plans.tree.fold, { code: "1.2.a" }), exact: true });
    expect((await fold.getAttribute("aria-expanded")) === "true", "1.2.a is unfolded");
    await fold.click();
    await item(page, "1.2.a.1").waitFor({ state: "detached" });
    const unfold = page.getByRole("button", { name: fill(t.plans.tree.unfold, { code: "1.2.a" }), exact: true });
    expect((await unfold.getAttribute("aria-expanded")) === "false", "1.2.a is folded");
    await unfold.focus();
    await page.keyboard.press("Enter");
    await item(page, "1.2.a.1").waitFor();
    // Fold all, unfold all.
    await page.getByRole("button", { name: t.plans.tree.collapseAll, exact: true }).click();
    await item(page, "1.1").waitFor({ state: "detached" });
    expect((await page.locator("li.tree-node").count()) === 2, "only the two dimensions");
    await page.getByRole("button", { name: t.plans.tree.expandAll, exact: true }).click();
    await item(page, "2.3.c").waitFor();
    expect((await page.locator("li.tree-node-activity").count()) === 19, "19 activities again");
    await shot(page, "20-plan");

    // The activities as CSV, fetched with the token and saved as a file.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t.plans.csv.download }).click()]);
    const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
    expect(csv[0].startsWith("code,kind,parent_code,title_es"), `CSV header: ${csv[0]}`);
    expect(csv.filter((l) => /^\d\.\d\.[a-z](\.\d)?,/.test(l)).length === 22, `22 activity rows: ${csv.length}`);
    expect(download.suggestedFilename().endsWith(".csv"), download.suggestedFilename());
    // The same activities as an XLSX workbook (a zip archive: "PK").
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t.plans.csv.downloadXlsx }).click()]);
    const workbook = readFileSync(await xlsx.path());
    expect(workbook.subarray(0, 2).toString("latin1") === "PK" && workbook.length > 1000, `an XLSX workbook: ${workbook.length} bytes`);
    expect(xlsx.suggestedFilename() === download.suggestedFilename().replace(/\.csv$/, ".xlsx"), xlsx.suggestedFilename());

    // Add an activity under 2.3.O: the form offers only "activity" and suggests the next code.
    await openNode(page, "2.3.O");
    await page.getByRole("button", { name: t.plans.node.addChild }).click();
    const form = page.locator("form.node-form");
    const kind = form.getByLabel(t.plans.node.kind);
    expect((await kind.locator("option").allInnerTexts()).join() === t.plans.kind.activity, "only activity may stand under an objective");
    expect((await form.getByLabel(t.plans.node.code).inputValue()) === "2.3.d", "suggested code 2.3.d");
    // An empty title: the server's message stands beside the title.
    await form.getByRole("button", { name: t.plans.node.add }).click();
    const titleEs = form.getByLabel(fill(t.plans.node.titleIn, { language: L.es.language.es }));
    await page.waitForFunction(() => document.querySelector(".node-form .field-invalid input") !== null);
    expect((await titleEs.getAttribute("aria-invalid")) === "true", "title marked invalid");
    const described = (await titleEs.getAttribute("aria-describedby")).split(" ").pop();
    const message = await page.locator(`[id="${described}"]`).innerText();
    expect(message.length > 3, `message beside the title: ${message}`);
    // A valid activity, with dates, a budget and a goal it serves.
    await titleEs.fill("Campaña regional de captación de fondos");
    await form.getByLabel(t.plans.activity.startsOn, { exact: true }).fill("2012-03-01");
    await form.getByLabel(t.plans.activity.endsOn, { exact: true }).fill("2012-11-30");
    await form.getByLabel(t.plans.node.amount, { exact: true }).fill("2.500,50");
    // The goal it serves, the responsible body and city are picked by name.
    await form.getByTestId("serves").getByRole("checkbox", { name: /^T3\.4 \S/ }).check();
    await form.getByTestId("responsible-bodies").getByRole("checkbox", { name: /\(SE\)$/ }).check();
    const cityChoice = form.getByLabel(t.plans.node.cityToAdd);
    await cityChoice.selectOption("Montevideo (UY)");
    await form.getByRole("button", { name: t.plans.node.addCity }).click();
    await form.getByTestId("responsible-cities").locator('li[data-city="Montevideo (UY)"]').waitFor();
    await form.getByLabel(t.plans.activity.partners, { exact: true }).fill("FAMSI\nAUGM");
    await form.getByLabel(fill(t.plans.node.expectedResultsIn, { language: L.es.language.es })).fill("Diez ciudades aportan al fondo");
    await form.getByLabel(t.plans.activity.fundingSource, { exact: true }).fill("Fondos propios");
    await shot(page, "21-activity-form");
    await form.getByRole("button", { name: t.plans.node.add }).click();
    await page.getByText(fill(t.plans.node.added, { code: "2.3.d" })).waitFor();
    await page.getByRole("link", { name: "Campaña regional de captación de fondos" }).click();
    await page.getByRole("heading", { level: 1, name: /^2\.3\.d · Campaña/ }).waitFor();
    const budget = await page.getByTestId("budget").innerText();
    expect(/2\.?500,50/.test(budget) && /US\$|USD/.test(budget), `budget formatted for es: ${budget}`);
    await page.getByText("Fondos propios").waitFor();
    // Every field the form offered is kept.
    const [, planId, nodeId] = /\/plans\/([^/]+)\/nodes\/([^/?]+)/.exec(page.url());
    const saved = await fetch(`${baseURL}/api/v1/plans/${planId}/nodes/${nodeId}`, { headers: { authorization: `Bearer ${await apiLogin("staff")}` } }).then((r) => r.json());
    expect(JSON.stringify(saved.responsible_bodies) === '["SE"]', `responsible bodies: ${saved.responsible_bodies}`);
    expect(JSON.stringify(saved.responsible_cities) === '["Montevideo (UY)"]', `responsible cities: ${saved.responsible_cities}`);
    expect(JSON.stringify(saved.partners) === '["FAMSI","AUGM"]', `partners: ${saved.partners}`);
    expect(JSON.stringify(saved.serves) === '["T3.4"]', `serves: ${saved.serves}`);
    expect(saved.expected_results?.es === "Diez ciudades aportan al fondo", `expected results: ${JSON.stringify(saved.expected_results)}`);
    await page.getByText("Diez ciudades aportan al fondo").waitFor();
    await shot(page, "21-activity");

    // Back on the plan: 20 activities now.
    await page.getByRole("navigation", { name: t.plans.node.breadcrumb }).getByRole("link", { name: COPY_TITLE }).click();
    await item(page, "2.3.d").waitFor();
    expect((await page.locator("li.tree-node-activity").count()) === 20, "20 activities");

    // Coverage: T3.4 is served now, the other goals stand out as served by nothing.
    await page.getByRole("link", { name: t.plans.coverage.title }).click();
    await page.getByRole("heading", { level: 1, name: t.plans.coverage.title }).waitFor();
    const served = page.locator('li.goal[data-code="T3.4"]');
    await served.getByText("2.3.d").waitFor();
    expect(!(await served.getAttribute("class")).includes("goal-uncovered"), "T3.4 is served");
    expect((await page.locator("li.goal-uncovered").count()) >= 1, "some goals are served by nothing");
    await page.getByTestId("uncovered-summary").waitFor();
    await shot(page, "22-coverage");
  });

  test("admin: approve, frozen structure, activity status, new revision, edit, approve again, diff 1 → 2", async ({ page }) => {
    const t = await login(page, "admin");
    // The draft the staff test imported and edited.
    await openPlan(page, t, COPY_TITLE);
    // Approve with the meeting and its date.
    const lifecycle = page.locator("section.lifecycle");
    await lifecycle.getByLabel(t.plans.lifecycle.meeting).fill("XVI Cumbre de Mercociudades");
    await lifecycle.getByLabel(t.plans.lifecycle.approvedOn).fill("2011-12-02");
    await lifecycle.getByRole("button", { name: t.plans.lifecycle.approve }).click();
    // Every change of the plan's status is asked first.
    await lifecycle.getByRole("group", { name: t.plans.lifecycle.approveConfirm }).waitFor();
    await lifecycle.getByRole("button", { name: t.plans.lifecycle.approveYes }).click();
    await page.getByText(t.plans.lifecycle.done.approve).waitFor();
    const facts = page.getByTestId("plan-facts");
    await facts.getByText(t.plans.status.approved).waitFor();
    await facts.getByText(/XVI Cumbre de Mercociudades · 2 dic\.? 2011/).waitFor();
    // Editing is no longer offered; a note says how to change the plan.
    await page.getByTestId("frozen-note").waitFor();
    expect((await page.getByRole("button", { name: t.plans.node.addRoot }).count()) === 0, "no add dimension");
    await openNode(page, "1.2.d");
    await page.getByTestId("frozen-note").waitFor();
    for (const name of [t.common.edit, t.plans.node.addChild, t.plans.node.delete]) {
      expect((await page.getByRole("button", { name }).count()) === 0, `no ${name} on an approved plan`);
    }
    // The activity's status moves, offering only the legal next statuses.
    const select = page.getByLabel(t.plans.activity.newStatus);
    const offered = await select.locator("option").evaluateAll((os) => os.map((o) => o.value));
    expect(offered.join() === "in_progress,not_done,cancelled", `legal statuses from planned: ${offered}`);
    await select.selectOption("in_progress");
    await page.getByRole("button", { name: t.plans.activity.changeStatus }).click();
    await page.getByRole("button", { name: t.plans.activity.statusYes }).click();
    await page.getByText(fill(t.plans.activity.statusChanged, { status: t.plans.activityStatus.in_progress })).waitFor();
    await page.locator(".facts .badge[data-status=in_progress]").waitFor();
    const next = await page.getByLabel(t.plans.activity.newStatus).locator("option").evaluateAll((os) => os.map((o) => o.value));
    expect(next.join() === "done,partially_done,not_done,cancelled", `legal statuses from in_progress: ${next}`);

    // A new revision: the plan is a draft again, at revision 2.
    await page.getByRole("navigation", { name: t.plans.node.breadcrumb }).getByRole("link", { name: COPY_TITLE }).click();
    await page.getByRole("button", { name: t.plans.lifecycle.revise }).click();
    await page.getByRole("button", { name: t.plans.lifecycle.reviseYes }).click();
    await page.getByText(t.plans.lifecycle.done.revise).waitFor();
    await facts.getByText(t.plans.status.draft).waitFor();
    await page.getByTestId("frozen-note").waitFor({ state: "detached" });
    // Change a title.
    await openNode(page, "1.3.a");
    await page.getByRole("button", { name: t.common.edit }).click();
    const form = page.locator("form.node-form");
    const titleEs = form.getByLabel(fill(t.plans.node.titleIn, { language: L.es.language.es }));
    await titleEs.fill("Una reunión de trabajo de Mercociudades para diseñar un programa de cooperación (revisado)");
    await form.getByRole("button", { name: t.common.save }).click();
    await page.getByText(t.common.saved).waitFor();
    await page.getByRole("heading", { level: 1, name: /\(revisado\)$/ }).waitFor();
    // Approve again.
    await page.getByRole("navigation", { name: t.plans.node.breadcrumb }).getByRole("link", { name: COPY_TITLE }).click();
    await lifecycle.getByLabel(t.plans.lifecycle.meeting).fill("Consejo de Mercociudades, Porto Alegre");
    await lifecycle.getByLabel(t.plans.lifecycle.approvedOn).fill("2012-06-15");
    await lifecycle.getByRole("button", { name: t.plans.lifecycle.approve }).click();
    // Every change of the plan's status is asked first.
    await lifecycle.getByRole("group", { name: t.plans.lifecycle.approveConfirm }).waitFor();
    await lifecycle.getByRole("button", { name: t.plans.lifecycle.approveYes }).click();
    await page.getByText(t.plans.lifecycle.done.approve).waitFor();
    await facts.getByText(t.plans.status.approved).waitFor();

    // The revisions and the diff between 1 and 2.
    await page.getByRole("link", { name: t.plans.revisions.title }).click();
    await page.getByRole("heading", { level: 1, name: t.plans.revisions.title }).waitFor();
    await page.getByRole("cell", { name: "XVI Cumbre de Mercociudades" }).waitFor();
    await page.getByRole("cell", { name: "Consejo de Mercociudades, Porto Alegre" }).waitFor();
    await page.getByLabel(t.plans.diff.from).selectOption("1");
    await page.getByLabel(t.plans.diff.to).selectOption("2");
    const diff = page.getByTestId("diff");
    const changed = diff.locator("tr", { hasText: "1.3.a" });
    await changed.waitFor();
    expect((await changed.innerText()).includes(t.plans.diff.field.title), "1.3.a: title changed");
    await changed.getByText(/\(revisado\)$/).waitFor();
    const status = diff.locator("tr", { hasText: "1.2.d" });
    expect((await status.innerText()).includes(t.plans.diff.field.status), "1.2.d: status changed");
    await shot(page, "23-diff");
  });

  test("observer: plan, activity, revisions and coverage without edit controls or 403", async ({ page }) => {
    const t = await login(page, "observer");
    const forbidden = [];
    page.on("response", (r) => {
      if (r.status() === 403) forbidden.push(r.url());
    });
    await openPlan(page, t);
    await page.waitForLoadState("networkidle");
    for (const name of [t.plans.node.addRoot, t.plans.lifecycle.approve, t.plans.lifecycle.revise, t.plans.lifecycle.start, t.plans.lifecycle.close]) {
      expect((await page.getByRole("button", { name }).count()) === 0, `observer: no ${name}`);
    }
    expect((await page.locator("section.lifecycle").count()) === 0, "no life-cycle section");
    await openNode(page, "1.2.a");
    await page.waitForLoadState("networkidle");
    for (const name of [t.common.edit, t.plans.node.addChild, t.plans.node.delete, t.plans.activity.changeStatus]) {
      expect((await page.getByRole("button", { name }).count()) === 0, `observer: no ${name}`);
    }
    expect((await page.locator("select").count()) === 1, "only the language select");
    await page.getByRole("navigation", { name: t.plans.node.breadcrumb }).getByRole("link", { name: PLAN_TITLE }).click();
    await page.getByRole("link", { name: t.plans.coverage.title }).click();
    await page.getByRole("heading", { level: 2, name: t.plans.coverage.perspectives }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(forbidden.length === 0, `no 403: ${forbidden}`);
  });
}
