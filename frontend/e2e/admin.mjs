// Browser tests of the administration screens: an admin creates a focal point for Rosario, who
// then signs in; the demo focal point creates an API token for Rosario (its secret shown once),
// uses it and revokes it; an admin finds those changes in the audit log; staff add a coordinator
// term to a Thematic Unit and get the overlap error for a second coordinator in the same period.
// They run after the other tests, on the same server, in order.

const NEW_USER = {
  email: `rita.rosario.${Date.now().toString(36)}@example.org`,
  name: "Rita Rosario (e2e)",
  password: "e2e-rosario-focal-2026!",
};
const TOKEN_NAME = "Sincronización e2e Rosario";
const UNIT = "Unidad Temática de Juventud";

export function adminTests({ test, expect, login, shot, L, baseURL }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
  const nav = (page, t) => page.getByRole("navigation", { name: t.nav.label });

  test("admin: creates a user with the focal point role for Rosario, who signs in in a fresh page", async ({ page, context }) => {
    const t = await login(page, "admin");
    await nav(page, t).getByRole("link", { name: t.nav.users }).click();
    await page.getByRole("heading", { level: 1, name: t.users.title }).waitFor();
    await page.getByTestId("users-table").getByRole("link", { name: "Facundo Focal (Rosario)" }).waitFor();
    // Server-side filters: by role, then by active state.
    await page.getByLabel(t.users.role, { exact: true }).selectOption("focal_point");
    await page.waitForURL(/role=focal_point/);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=users-table] tbody tr").length === 1);

    await page.getByRole("button", { name: t.users.new }).click();
    const form = page.locator("form.user-form");
    await form.getByLabel(t.users.email).fill(NEW_USER.email);
    await form.getByLabel(t.users.displayName).fill(NEW_USER.name);
    await form.getByLabel(t.users.initialPassword).fill(NEW_USER.password);
    const row = form.getByRole("group", { name: fill(t.users.roleN, { n: "1" }) });
    await row.getByLabel(t.users.role, { exact: true }).selectOption("focal_point");
    // No city chosen: the server's message stands beside the city.
    await form.getByRole("button", { name: t.users.create }).click();
    const city = row.getByLabel(t.users.scopeCity);
    await page.waitForFunction(() => document.querySelector("[data-testid=role-row-0] select[aria-invalid=true]") !== null);
    const described = await city.getAttribute("aria-describedby");
    const message = await page.locator(`[id="${described}"]`).innerText();
    expect(message.length > 3, `message beside the city: ${message}`);
    await shot(page, "40-user-create-error");

    await city.selectOption({ label: "Rosario (Argentina)" });
    await form.getByRole("button", { name: t.users.create }).click();
    await page.getByText(t.users.created).waitFor();
    await page.getByRole("heading", { level: 1, name: NEW_USER.name }).waitFor();
    const facts = await page.getByTestId("user-facts").innerText();
    expect(facts.includes(fill(t.roles.focalPointOf, { city: "Rosario" })), `role with its city: ${facts}`);
    await shot(page, "41-user-created");

    // The new person signs in, in a browser of their own.
    const other = await context.browser().newContext({ baseURL });
    const page2 = await other.newPage();
    await page2.goto("/login");
    await page2.getByLabel(L.es.auth.email).fill(NEW_USER.email);
    await page2.getByLabel(L.es.auth.password).fill(NEW_USER.password);
    await page2.getByRole("button", { name: L.es.auth.submit }).click();
    await page2.getByRole("heading", { level: 1, name: fill(L.es.home.title, { name: NEW_USER.name }) }).waitFor();
    const links = await page2.getByRole("navigation", { name: L.es.nav.label }).getByRole("link").allInnerTexts();
    expect(links.includes(L.es.nav.tokens) && !links.includes(L.es.nav.users) && !links.includes(L.es.nav.audit), `focal point's navigation: ${links}`);
    await other.close();
  });

  test("focal point: creates an API token for Rosario, sees its secret once, and revokes it", async ({ page }) => {
    const t = await login(page, "focal");
    const links = await nav(page, t).getByRole("link").allInnerTexts();
    expect(!links.includes(t.nav.users) && !links.includes(t.nav.audit), `no users or audit for a focal point: ${links}`);
    await nav(page, t).getByRole("link", { name: t.nav.tokens }).click();
    await page.getByRole("heading", { level: 1, name: t.tokens.title }).waitFor();
    await page.getByRole("button", { name: t.tokens.new }).click();
    const form = page.locator("form.token-form");
    await form.getByLabel(t.tokens.name).fill(TOKEN_NAME);
    // A city's token may only read the registry and the events, update the city, and write and
    // confirm the city's delegations to events.
    const offered = await form.getByTestId("token-permissions").locator("input[type=checkbox]").evaluateAll((els) => els.map((e) => e.value));
    expect(offered.join() === "registry:read,city:update,event:read,delegation:write,delegation:confirm", `permissions offered: ${offered}`);
    await form.locator("input[value='city:update']").check();
    await form.getByLabel(t.tokens.expiresInDays).fill("30");
    await form.getByRole("button", { name: t.tokens.create }).click();

    const panel = page.getByTestId("token-secret");
    await panel.waitFor();
    await panel.getByText(t.tokens.secretWarningTitle).waitFor();
    const secret = await panel.getByLabel(t.tokens.secret).inputValue();
    expect(secret.length > 20, "the secret is shown");
    await panel.getByRole("button", { name: t.tokens.copy, exact: true }).click();
    await panel.locator("[role=status]").filter({ hasText: /\S/ }).waitFor();
    await shot(page, "42-token-secret-once");

    // The token works, once, against the API; then the list says when it was last used.
    const used = await fetch(`${baseURL}/api/v1/cities?q=Rosario`, { headers: { authorization: `Bearer ${secret}` } });
    expect(used.ok, `token works: ${used.status}`);
    await panel.getByRole("button", { name: t.tokens.secretDone }).click();
    await panel.waitFor({ state: "detached" });
    expect(!(await page.content()).includes(secret), "the secret is gone from the page");
    await page.reload();
    const row = page.locator(`tr[data-token="${TOKEN_NAME}"]`);
    await row.waitFor();
    expect(!(await row.innerText()).includes(t.tokens.neverUsed), `last use shown: ${await row.innerText()}`);

    await row.getByRole("button", { name: fill(t.tokens.revokeNamed, { name: TOKEN_NAME }) }).click();
    await row.getByText(fill(t.tokens.confirmRevoke, { name: TOKEN_NAME })).waitFor();
    await shot(page, "43-token-revoke-confirm");
    await row.getByRole("button", { name: t.tokens.revokeConfirm }).click();
    await page.getByText(fill(t.tokens.revoked, { name: TOKEN_NAME })).waitFor();
    await row.locator(".badge[data-state=revoked]").waitFor();
    await shot(page, "44-token-revoked");
    const refused = await fetch(`${baseURL}/api/v1/cities?q=Rosario`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status === 401, `a revoked token is refused: ${refused.status}`);
  });

  test("admin: the audit log shows the new user and the token's creation and revocation, with before and after", async ({ page }) => {
    const t = await login(page, "admin");
    await nav(page, t).getByRole("link", { name: t.nav.audit }).click();
    await page.getByRole("heading", { level: 1, name: t.audit.title }).waitFor();
    const table = page.getByTestId("audit-table");
    await page.getByLabel(t.audit.recordType).selectOption("user");
    await page.waitForURL(/record_type=user/);
    const userRow = table.locator("tr[data-record-type=user]", { hasText: NEW_USER.name }).first();
    await userRow.waitFor();
    expect((await userRow.innerText()).includes("Ana Admin (STPM)"), `the admin made it: ${await userRow.innerText()}`);
    await userRow.getByRole("button", { name: t.audit.show }).click();
    // The fields it was created with, labelled in the reader's language.
    await table.locator(".audit-detail .diff tr", { hasText: t.users.displayName }).locator(".diff-after", { hasText: NEW_USER.name }).waitFor();
    await shot(page, "45-audit-user");

    await page.getByLabel(t.audit.recordType).selectOption("api_token");
    await page.getByLabel(t.audit.actor).selectOption({ label: "Facundo Focal (Rosario)" });
    await page.waitForURL(/actor_id=/);
    const tokenRows = table.locator("tr[data-record-type=api_token]", { hasText: TOKEN_NAME });
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=audit-table] tr[data-record-type=api_token]").length >= 2);
    const texts = await tokenRows.allInnerTexts();
    expect(texts.some((s) => s.includes(t.history.create)) && texts.some((s) => s.includes(t.history.update) || s.includes(t.history.delete)), `created and revoked: ${texts}`);
    const revocation = tokenRows.filter({ hasNotText: t.history.create }).first();
    await revocation.getByRole("button", { name: t.audit.show }).click();
    const revoked = table.locator(".audit-detail .diff tr", { hasText: t.audit.field.revokedAt });
    await revoked.waitFor();
    expect((await revoked.locator(".diff-before").innerText()) === "—", "not revoked before");
    expect((await revoked.locator(".diff-after").innerText()) !== "—", "revoked after");
    await shot(page, "46-audit-token");
  });

  test("admin: the audit log names each record and shows what changed, labelled in the reader's language", async ({ page }) => {
    const t = await login(page, "admin");
    const table = page.getByTestId("audit-table");
    const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
    // The approval of a report moved 2.2.b on: its item's entry names it by code and title.
    await page.goto("/audit?record_type=plan_node");
    const node = table.locator("tr[data-record-type=plan_node]", { hasText: /2\.2\.b · \S/ }).first();
    await node.waitFor();
    await node.getByRole("button", { name: t.audit.show }).click();
    const status = table.locator(".audit-detail .diff tr", { hasText: t.plans.activity.statusTitle });
    await status.waitFor();
    const statuses = Object.values(t.plans.activityStatus);
    for (const side of [".diff-before", ".diff-after"]) {
      const text = await status.locator(side).innerText();
      expect(statuses.includes(text), `${side} is a status in Spanish: ${text}`);
    }
    const labels = await table.locator(".audit-detail .diff th[scope=row]").allInnerTexts();
    expect(labels.length > 0 && labels.every((l) => !/_|\./.test(l)), `labels, not stored columns: ${labels}`);
    await shot(page, "47-audit-plan-item");

    // A report is named by its activity and date; its reviewer's approval by its status.
    await page.goto("/audit?record_type=activity_report");
    const prefix = fill(t.monitoring.page.title, { code: "", date: "" }).split(",")[0].trim();
    const reports = table.locator("tr[data-record-type=activity_report] .audit-record-name");
    await reports.first().waitFor();
    // Each one by its activity's code, read from its plan.
    await page.waitForFunction(
      (p) => [...document.querySelectorAll(".audit-record-name")].every((e) => new RegExp(`^${p} \\d+\\.\\d+\\.[a-z]`).test(e.textContent)),
      prefix,
    );
    const approval = table.locator("tr[data-record-type=activity_report]", { hasText: t.history.update }).first();
    await approval.getByRole("button", { name: t.audit.show }).click();
    await table.locator(".audit-detail .diff tr", { hasText: t.monitoring.statusLabel }).first().waitFor();
  });

  test("staff: adds a coordinator term to a Thematic Unit; a second coordinator for the same period is refused", async ({ page }) => {
    const t = await login(page, "staff");
    await nav(page, t).getByRole("link", { name: t.nav.bodies }).click();
    await page.getByLabel(t.bodies.kind).selectOption("thematic_unit");
    await page.getByRole("link", { name: UNIT }).click();
    await page.getByRole("heading", { level: 1, name: UNIT }).waitFor();
    const terms = page.getByTestId("body-terms");
    await terms.getByRole("button", { name: t.terms.new }).click();
    let form = terms.locator("form.term-form");
    await form.getByLabel(t.terms.city).selectOption({ label: "Rosario (Argentina)" });
    await form.getByLabel(t.terms.role).selectOption("coordinator");
    await form.getByLabel(t.terms.startsOn).fill("2031-01-01");
    await form.getByLabel(t.terms.endsOn).fill("2032-12-31");
    await form.getByLabel(t.terms.note).fill("Electa en la Cumbre (e2e)");
    await form.getByRole("button", { name: t.terms.add, exact: true }).click();
    await terms.getByText(t.terms.added).waitFor();
    const rosario = terms.locator("tr", { hasText: "Electa en la Cumbre (e2e)" });
    await rosario.getByRole("link", { name: "Rosario" }).waitFor();

    await terms.getByRole("button", { name: t.terms.new }).click();
    form = terms.locator("form.term-form");
    await form.getByLabel(t.terms.city).selectOption({ label: "Montevideo (Uruguay)" });
    await form.getByLabel(t.terms.role).selectOption("coordinator");
    await form.getByLabel(t.terms.startsOn).fill("2032-01-01");
    await form.getByLabel(t.terms.endsOn).fill("2033-12-31");
    await form.getByRole("button", { name: t.terms.add, exact: true }).click();
    await page.waitForFunction(() => document.querySelector("form.term-form [aria-invalid=true]") !== null);
    const invalid = form.locator("[aria-invalid=true]").first();
    const described = await invalid.getAttribute("aria-describedby");
    const message = await page.locator(`[id="${described}"]`).innerText();
    expect(/coordina|coorden|overlap|superpone|sobrepõe/i.test(message) || message.length > 3, `overlap beside the date: ${message}`);
    const label = await invalid.evaluate((el) => document.querySelector(`label[for="${el.id}"]`)?.textContent ?? "");
    expect(label.startsWith(t.terms.startsOn) || label.startsWith(t.terms.endsOn), `the error stands beside a date: ${label}`);
    await shot(page, "47-term-overlap");
    await form.getByRole("button", { name: t.common.cancel }).click();

    // Changing the term goes with If-Match.
    await rosario.getByRole("button", { name: fill(t.terms.editNamed, { city: "Rosario" }) }).click();
    form = terms.locator("form.term-form");
    await form.getByLabel(t.terms.note).fill("Electa en la Cumbre (e2e), ratificada");
    const put = page.waitForRequest((r) => r.method() === "PUT" && r.url().includes("/api/v1/terms/"));
    await form.getByRole("button", { name: t.common.save }).click();
    const request = await put;
    expect(!!request.headers()["if-match"], "PUT carries If-Match");
    await terms.getByText(t.common.saved).waitFor();
    await terms.locator("tr", { hasText: "ratificada" }).waitFor();
    await shot(page, "48-body-terms");
  });
}
