// Browser tests of the registry's creation and edit screens: staff add a city and land on its
// page; an admin edits a body (with If-Match) and adds a working group; staff edit a country,
// meet a stale record (412) and reload it, and add a country; the roles that may not do these
// are not offered them. They run after the other tests, on the same server, in order: the new
// city, body and country change the totals the earlier tests count.

const CITY = "Las Piedras";
const BODY = "Unidad Temática de Turismo";
const NEW_BODY = { acronym: "GT-E2E", name: "Grupo de Trabajo de Turismo Rural (e2e)" };

export function registryTests({ test, expect, login, shot, baseURL, apiLogin }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
  const nav = (page, t) => page.getByRole("navigation", { name: t.nav.label });
  const language = (t, l) => fill(t.bodies.nameIn, { language: t.language[l] });

  /** The message shown beside a field (its aria-describedby), or "". */
  async function messageBeside(page, field) {
    const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    return texts.join(" ");
  }

  test("staff: add a new city from the cities list, with messages beside the fields, and land on its page", async ({ page }) => {
    const t = await login(page, "staff");
    await nav(page, t).getByRole("link", { name: t.nav.cities }).click();
    await page.getByRole("heading", { level: 1, name: t.cities.title }).waitFor();
    await page.getByRole("link", { name: t.cities.new }).click();
    await page.waitForURL("**/cities/new");
    await page.getByRole("heading", { level: 1, name: t.cities.newTitle }).waitFor();
    const form = page.locator("form.city-form");

    // Nothing filled in: the server's messages stand beside the name and the country.
    await form.getByRole("button", { name: t.cities.create }).click();
    await page.waitForFunction(() => document.querySelectorAll("form.city-form [aria-invalid=true]").length >= 2);
    const name = form.getByLabel(t.cities.name, { exact: false }).first();
    expect((await name.getAttribute("aria-invalid")) === "true", "name marked invalid");
    expect((await messageBeside(page, name)).length > 3, "a message beside the name");
    const country = form.getByLabel(t.cities.country);
    expect((await messageBeside(page, country)).length > 3, "a message beside the country");
    await shot(page, "50-city-new-validation");

    await name.fill(CITY);
    await country.selectOption("UY");
    await form.getByLabel(t.cities.population).fill("71258");
    await form.getByLabel(t.cities.joinedOn).fill("2008-11-27");
    await form.getByLabel(t.cities.email).fill("relaciones@laspiedras.example.org");
    const post = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/v1/cities"));
    await form.getByRole("button", { name: t.cities.create }).click();
    await post;
    await page.getByRole("heading", { level: 1, name: CITY }).waitFor();
    expect(/\/cities\/[0-9a-f-]{36}$/.test(page.url()), `on the new city's page: ${page.url()}`);
    await page.getByText(t.cities.created).waitFor();
    await page.getByText("71.258").waitFor();
    // Its membership starts the day it joined.
    await page.locator("ol.timeline", { hasText: "27 nov" }).waitFor();
    await shot(page, "51-city-created");

    // And it is in the list.
    await nav(page, t).getByRole("link", { name: t.nav.cities }).click();
    await page.getByLabel(t.cities.searchLabel).fill("Piedras");
    await page.getByRole("link", { name: CITY, exact: true }).waitFor();
  });

  test("admin: edits a body's description with If-Match, then adds a working group", async ({ page }) => {
    const t = await login(page, "admin");
    await nav(page, t).getByRole("link", { name: t.nav.bodies }).click();
    await page.getByLabel(t.bodies.kind).selectOption("thematic_unit");
    await page.getByRole("link", { name: BODY }).click();
    await page.getByRole("heading", { level: 1, name: BODY }).waitFor();
    await page.getByRole("button", { name: t.common.edit, exact: true }).click();
    const form = page.locator("form.body-form");
    await form.getByRole("heading", { name: fill(t.bodies.editTitle, { name: BODY }) }).waitFor();
    expect((await form.getByLabel(language(t, "en")).inputValue()) === "Thematic Unit on Tourism", "the form starts from the body");
    expect(await form.getByLabel(t.bodies.kind).isEnabled(), "admin: may change the kind");
    const description = "Coordina la cooperación de las ciudades en turismo sostenible (e2e).";
    await form.getByLabel(fill(t.bodies.descriptionIn, { language: t.language.es })).fill(description);
    await shot(page, "52-body-edit");
    const put = page.waitForRequest((r) => r.method() === "PUT" && /\/api\/v1\/bodies\/[0-9a-f-]+$/.test(r.url()));
    await form.getByRole("button", { name: t.common.save }).click();
    expect(!!(await put).headers()["if-match"], "PUT carries If-Match");
    await page.getByText(t.common.saved).waitFor();
    await page.locator("p.lead", { hasText: description }).waitFor();
    await page.locator("ol.history").getByText(t.history.update).first().waitFor();

    // A new body: the list offers it to an admin.
    await nav(page, t).getByRole("link", { name: t.nav.bodies }).click();
    await page.getByRole("link", { name: t.bodies.new }).click();
    await page.getByRole("heading", { level: 1, name: t.bodies.newTitle }).waitFor();
    const create = page.locator("form.body-form");
    await create.getByLabel(t.bodies.kind).selectOption("working_group");
    await create.getByLabel(t.bodies.acronym).fill(NEW_BODY.acronym);
    // No name in any language: the server's message stands beside the first one.
    await create.getByRole("button", { name: t.bodies.create }).click();
    await page.waitForFunction(() => document.querySelector("form.body-form [aria-invalid=true]") !== null);
    const nameEs = create.getByLabel(language(t, "es"));
    expect((await messageBeside(page, nameEs)).length > 3, "a message beside the name");
    await nameEs.fill(NEW_BODY.name);
    await create.getByRole("button", { name: t.bodies.create }).click();
    await page.getByRole("heading", { level: 1, name: NEW_BODY.name }).waitFor();
    await page.getByText(t.bodies.created).waitFor();
    await page.getByText(`${t.bodyKind.working_group} · ${NEW_BODY.acronym}`).waitFor();
    await shot(page, "53-body-created");
  });

  test("staff: edit a country (If-Match; a stale record is reloaded) and add one", async ({ page }) => {
    const t = await login(page, "staff");
    await nav(page, t).getByRole("link", { name: t.nav.countries }).click();
    await page.getByRole("heading", { level: 1, name: t.countries.title }).waitFor();

    // Surinam's English name.
    await page.getByRole("button", { name: fill(t.countries.editNamed, { name: "Surinam" }) }).click();
    let form = page.locator("form.country-form");
    const surinamEn = form.getByLabel(fill(t.countries.nameIn, { language: t.language.en }));
    await surinamEn.fill("Suriname");
    const put = page.waitForRequest((r) => r.method() === "PUT" && r.url().endsWith("/api/v1/countries/SR"));
    await form.getByRole("button", { name: t.common.save }).click();
    expect((await put).headers()["if-match"] === '"1"', "PUT carries the ETag read with the country");
    await page.getByText(t.common.saved).waitFor();
    await form.waitFor({ state: "detached" });

    // Someone changes Guyana meanwhile: saving gets 412 and offers to reload.
    await page.getByRole("button", { name: fill(t.countries.editNamed, { name: "Guyana" }) }).click();
    form = page.locator("form.country-form");
    await form.getByLabel(t.countries.mercosurStatus).selectOption("associate_state");
    const token = await apiLogin("admin");
    const current = await fetch(`${baseURL}/api/v1/countries/GY`, { headers: { authorization: `Bearer ${token}` } });
    const body = await current.json();
    const changed = await fetch(`${baseURL}/api/v1/countries/GY`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "if-match": current.headers.get("etag"), "content-type": "application/json" },
      body: JSON.stringify({ name: { ...body.name, en: "Co-operative Republic of Guyana" }, mercosur_status: body.mercosur_status }),
    });
    expect(changed.ok, `out-of-band PUT ${changed.status}`);
    await form.getByRole("button", { name: t.common.save }).click();
    const stale = page.getByTestId("stale-alert");
    await stale.waitFor();
    await shot(page, "54-country-stale-412");
    await stale.getByRole("button", { name: t.common.reload }).click();
    await stale.waitFor({ state: "detached" });
    const en = await form.getByLabel(fill(t.countries.nameIn, { language: t.language.en })).inputValue();
    expect(en === "Co-operative Republic of Guyana", `the form reloaded with the other person's change: ${en}`);
    await form.getByRole("button", { name: t.common.cancel }).click();

    // A new country.
    await page.getByRole("button", { name: t.countries.new }).click();
    form = page.locator("form.country-form");
    await form.getByLabel(t.countries.code).fill("mx");
    await form.getByLabel(fill(t.countries.nameIn, { language: t.language.es })).fill("México");
    await form.getByLabel(fill(t.countries.nameIn, { language: t.language.pt })).fill("México");
    await form.getByLabel(fill(t.countries.nameIn, { language: t.language.en })).fill("Mexico");
    await form.getByLabel(t.countries.mercosurStatus).selectOption("other");
    await shot(page, "55-country-new");
    await form.getByRole("button", { name: t.countries.create }).click();
    await page.getByText(fill(t.countries.created, { name: "México", code: "MX" })).waitFor();
    await page.locator('tr[data-country="MX"]').getByText("México").waitFor();
    await shot(page, "56-countries-after");
  });

  test("roles: only those who may are offered a new city, body or country, or a body's edit", async ({ page }) => {
    const forbidden = [];
    page.on("response", (r) => {
      if (r.status() === 403) forbidden.push(r.url());
    });
    const offered = async (path, name) => {
      await page.goto(path);
      await page.locator("h1").waitFor();
      await page.waitForLoadState("networkidle");
      return (await page.getByRole(path === "/countries" ? "button" : "link", { name, exact: true }).count()) > 0;
    };

    let t = await login(page, "staff");
    expect(!(await offered("/bodies", t.bodies.new)), "staff: no new body (admins only)");
    await page.getByLabel(t.bodies.searchLabel).fill("Cultura");
    await page.getByRole("link", { name: /Unidad Temática de Cultura/ }).click();
    await page.getByRole("heading", { level: 2, name: t.bodies.members }).waitFor();
    expect((await page.getByRole("button", { name: t.common.edit, exact: true }).count()) === 0, "staff: no body edit");
    await page.getByRole("button", { name: t.auth.logout }).click();

    // A coordinator edits their own body only.
    t = await login(page, "coordinator");
    expect(!(await offered("/cities", t.cities.new)), "coordinator: no new city");
    await page.goto("/bodies?q=Cultura");
    await page.getByRole("link", { name: /Unidad Temática de Cultura/ }).click();
    await page.getByRole("button", { name: t.common.edit, exact: true }).click();
    // Their body's names, yes; its kind (body:reclassify), only admins.
    const own = page.locator("form.body-form");
    expect(await own.getByLabel(t.bodies.kind).isDisabled(), "coordinator: the kind is locked");
    await own.getByText(t.bodies.kindLocked).waitFor();
    expect(await own.getByLabel(t.bodies.acronym).isEnabled(), "coordinator: the acronym is editable");
    await own.getByRole("button", { name: t.common.cancel }).click();
    await page.goto("/bodies?q=Turismo");
    await page.getByRole("link", { name: BODY }).click();
    await page.getByRole("heading", { level: 2, name: t.bodies.members }).waitFor();
    await page.waitForLoadState("networkidle");
    expect((await page.getByRole("button", { name: t.common.edit, exact: true }).count()) === 0, "coordinator: not another body");

    // Opening the creation page by its address explains instead of offering a form.
    await page.goto("/cities/new");
    await page.getByText(t.cities.mayNotCreate).waitFor();
    expect((await page.locator("form.city-form").count()) === 0, "no form");
    await page.getByRole("button", { name: t.auth.logout }).click();

    // The observer works in English: signed in last, after the Spanish-speaking roles.
    t = await login(page, "observer");
    expect(!(await offered("/cities", t.cities.new)), "observer: no new city");
    expect(!(await offered("/bodies", t.bodies.new)), "observer: no new body");
    expect(!(await offered("/countries", t.countries.new)), "observer: no new country");
    expect((await page.getByRole("button", { name: t.common.edit }).count()) === 0, "observer: no country edits");
    expect(forbidden.length === 0, `no 403: ${forbidden}`);
  });
}
