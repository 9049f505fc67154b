// Browser tests of a body's member cities: an admin adds Paysandú to the Thematic Unit on Tourism
// (found by a search, with the day it joined), corrects that day (If-Match; a change made
// meanwhile answers 412 and the form reloads), and removes it after confirming; the Culture unit's
// coordinator is offered these controls on their unit and not on another body. They run last, on
// the same server: the membership is gone again at the end.

const BODY = "Unidad Temática de Turismo";
const OWN_UNIT = "Unidad Temática de Cultura";
// Countries are shown by their names (Spanish here).
const CITY = { name: "Paysandú", country: "Uruguay", search: "Paysan" };

export function memberTests({ test, expect, login, shot, baseURL, apiLogin }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replaceAll(`{{${k}}}`, v), s);

  async function openBody(page, t, q, name) {
    await page.goto(`/bodies?q=${encodeURIComponent(q)}`);
    await page.getByRole("link", { name, exact: true }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const section = page.getByTestId("body-members");
    await section.getByRole("heading", { level: 2, name: t.bodies.members }).waitFor();
    await section.locator("tbody tr").first().waitFor();
    return section;
  }

  /** The member count under the body's title ("9 ciudades miembro"). */
  async function memberCount(page) {
    const text = await page.getByTestId("body-summary").innerText();
    return Number(/(\d+)\s/.exec(text.split("·").pop())?.[1] ?? NaN);
  }

  /** A day as the browser formats it for the UI's language (Spanish here). */
  const dayInSpanish = (page, iso) =>
    page.evaluate(
      (d) =>
        new Intl.DateTimeFormat("es-UY", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`)),
      iso,
    );

  test("admin: adds a member city to a body with the day it joined, corrects that day (412 reloads), then removes it", async ({ page }) => {
    const t = await login(page, "admin");
    const section = await openBody(page, t, "Turismo", BODY);
    const before = await memberCount(page);
    expect(before > 0, `the body has members: ${before}`);
    expect((await section.locator(`tr[data-city="${CITY.name}"]`).count()) === 0, `${CITY.name} is not a member yet`);

    // Add: the search finds the city by part of its name (accents aside); cities already members are not offered.
    await section.getByRole("button", { name: t.members.add }).click();
    const form = section.locator("form.member-form");
    const search = form.getByRole("searchbox", { name: new RegExp(`^${t.members.citySearch}`) });
    expect(await search.evaluate((el) => el === document.activeElement), "the search has the focus");
    await search.fill("Tand");
    const tandil = form.getByRole("button", { name: fill(t.members.alreadyMember, { city: "Tandil", country: "Argentina" }) });
    await tandil.waitFor();
    expect(await tandil.isDisabled(), "Tandil (already a member) is not offered");
    await search.fill(CITY.search);
    await form.getByRole("button", { name: fill(t.members.cityOption, { city: CITY.name, country: CITY.country }), exact: true }).click();
    await form.getByTestId("member-choice").getByText(fill(t.members.chosen, { city: CITY.name, country: CITY.country })).waitFor();
    await form.getByLabel(t.members.since).fill("2015-03-12");
    await shot(page, "60-member-add");
    const post = page.waitForResponse((r) => r.request().method() === "POST" && /\/api\/v1\/bodies\/[0-9a-f-]+\/members$/.test(r.url()));
    await form.getByRole("button", { name: t.members.submit }).click();
    const created = await post;
    expect(created.status() === 201, `POST answered ${created.status()}`);
    expect((await created.json()).since === "2015-03-12", "the member joined on the day given");
    await section.getByText(fill(t.members.added, { city: CITY.name })).waitFor();
    const row = section.locator(`tr[data-city="${CITY.name}"]`);
    await row.locator('td[data-since="2015-03-12"]').getByText(await dayInSpanish(page, "2015-03-12"), { exact: true }).waitFor();
    await page.waitForFunction((n) => document.querySelector("[data-testid=body-summary]")?.textContent?.includes(`${n} `), before + 1);
    await page.waitForLoadState("networkidle");
    await shot(page, "61-body-members");

    // Correct the day: the PUT carries the version read with the list.
    await row.getByRole("button", { name: fill(t.members.editNamed, { city: CITY.name }) }).click();
    let edit = section.locator("form.member-form");
    await edit.getByRole("heading", { name: fill(t.members.editTitle, { city: CITY.name }) }).waitFor();
    expect((await edit.getByLabel(t.members.since).inputValue()) === "2015-03-12", "the form starts from the stored day");
    await edit.getByLabel(t.members.since).fill("2016-04-20");
    const put = page.waitForRequest((r) => r.method() === "PUT" && r.url().includes("/members/"));
    await edit.getByRole("button", { name: t.common.save }).click();
    expect((await put).headers()["if-match"] === '"1"', "PUT carries the member's version");
    await section.getByText(fill(t.members.saved, { city: CITY.name })).waitFor();
    await row.locator('td[data-since="2016-04-20"]').waitFor();

    // Someone else corrects it meanwhile: saving answers 412, said plainly, and the form reloads.
    await row.getByRole("button", { name: fill(t.members.editNamed, { city: CITY.name }) }).click();
    edit = section.locator("form.member-form");
    await edit.getByLabel(t.members.since).fill("2017-01-01");
    const token = await apiLogin("staff");
    const path = new URL((await put).url()).pathname;
    const current = await fetch(`${baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const changed = await fetch(`${baseURL}${path}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "if-match": current.headers.get("etag"), "content-type": "application/json" },
      body: JSON.stringify({ since: "2016-05-05" }),
    });
    expect(changed.ok, `out-of-band PUT ${changed.status}`);
    await edit.getByRole("button", { name: t.common.save }).click();
    const stale = edit.getByTestId("stale-alert");
    await stale.waitFor();
    await shot(page, "62-member-stale-412");
    await stale.getByRole("button", { name: t.common.reload }).click();
    await stale.waitFor({ state: "detached" });
    const reloaded = await edit.getByLabel(t.members.since).inputValue();
    expect(reloaded === "2016-05-05", `the form reloaded with the other person's day: ${reloaded}`);
    // The list was read again as well.
    await row.locator('td[data-since="2016-05-05"]').waitFor();
    await edit.getByRole("button", { name: t.common.cancel }).click();
    await edit.waitFor({ state: "detached" });

    // Remove, after confirming.
    await row.getByRole("button", { name: fill(t.members.removeNamed, { city: CITY.name }) }).click();
    const confirm = row.getByRole("group", { name: fill(t.members.confirmRemove, { city: CITY.name, body: BODY }) });
    await confirm.waitFor();
    const del = page.waitForRequest((r) => r.method() === "DELETE" && r.url().includes("/members/"));
    await confirm.getByRole("button", { name: t.members.remove, exact: true }).click();
    expect((await del).headers()["if-match"] === '"3"', "DELETE carries the member's version");
    await section.getByText(fill(t.members.removed, { city: CITY.name })).waitFor();
    await row.waitFor({ state: "detached" });
    await page.waitForFunction((n) => document.querySelector("[data-testid=body-summary]")?.textContent?.includes(`${n} `), before);
    expect((await memberCount(page)) === before, "the member count is back");

    // The body's history tells the membership's story, newest first.
    const membership = fill(t.history.membership, { city: CITY.name, body: BODY });
    const entries = page.locator("li.history-entry").filter({ hasText: membership });
    await entries.first().waitFor();
    const told = await entries.evaluateAll((lis) => lis.map((li) => li.textContent ?? ""));
    expect(told.length === 4, `four membership entries (add, two corrections, removal): ${told.length}`);
    expect(told[0].includes(t.history.memberRemoved), `the newest is the removal: ${told[0]}`);
    expect(told[3].includes(t.history.memberAdded), `the oldest is the addition: ${told[3]}`);
    await entries.first().scrollIntoViewIfNeeded();
    await shot(page, "65-body-history-memberships");
  });

  test("coordinator: member controls on their own unit, none on another body", async ({ page }) => {
    const forbidden = [];
    page.on("response", (r) => {
      if (r.status() === 403) forbidden.push(r.url());
    });
    const t = await login(page, "coordinator");
    let section = await openBody(page, t, "Cultura", OWN_UNIT);
    await section.getByRole("button", { name: t.members.add }).waitFor();
    await section.getByRole("button", { name: fill(t.members.editNamed, { city: "Rosario" }) }).waitFor();
    await section.getByRole("button", { name: fill(t.members.removeNamed, { city: "Rosario" }) }).waitFor();
    // Cancelling the add form hands the focus back to the button that opened it.
    await section.getByRole("button", { name: t.members.add }).click();
    await section.locator("form.member-form").waitFor();
    await page.waitForLoadState("networkidle");
    await shot(page, "63-body-members-coordinator");
    await section.getByRole("button", { name: t.common.cancel }).click();
    await section.locator("form.member-form").waitFor({ state: "detached" });
    await page.waitForFunction((name) => document.activeElement?.textContent === name, t.members.add);

    section = await openBody(page, t, "Turismo", BODY);
    await page.waitForLoadState("networkidle");
    expect((await section.getByRole("button", { name: t.members.add }).count()) === 0, "no add on another body");
    expect((await section.getByRole("button", { name: fill(t.members.editNamed, { city: "Tandil" }) }).count()) === 0, "no date correction on another body");
    expect((await section.getByRole("button", { name: fill(t.members.removeNamed, { city: "Tandil" }) }).count()) === 0, "no removal on another body");
    expect((await section.locator("tbody button").count()) === 0, "no control in the member rows");
    expect(forbidden.length === 0, `no 403: ${forbidden}`);
  });
}
