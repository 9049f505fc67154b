// End-to-end tests of the built SPA against the real API (served together by the API binary).
// Usage: E2E_BASE_URL=http://127.0.0.1:PORT node e2e/run.mjs   (E2E_ACCESS_TTL: the server's
// access-token lifetime in seconds, to test the silent refresh; skipped when unset or long).
import { readFileSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { SCREENSHOTS, expect, run, test } from "./harness.mjs";
import { planTests } from "./plans.mjs";
import { monitoringTests } from "./monitoring.mjs";
import { adminTests } from "./admin.mjs";
import { registryTests } from "./registry.mjs";
import { importTests } from "./imports.mjs";
import { memberTests } from "./members.mjs";
import { narrowTests } from "./narrow.mjs";
import { publicTests } from "./public.mjs";
import { mapTests } from "./map.mjs";
import { homeTests, notificationTests } from "./home.mjs";
import { languageTests } from "./language.mjs";
import { eventTests } from "./events.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const locale = (l) => JSON.parse(readFileSync(resolve(here, `../src/lib/i18n/locales/${l}.json`), "utf8"));
const L = { es: locale("es"), pt: locale("pt"), en: locale("en") };

const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080";
const ACCESS_TTL = Number(process.env.E2E_ACCESS_TTL ?? 0);

const USERS = {
  admin: { email: "admin@demo.mercociudades.org", password: "demo-admin-montevideo", name: "Ana Admin (STPM)", lang: "es", role: "secretariat_admin" },
  staff: { email: "staff@demo.mercociudades.org", password: "demo-staff-montevideo", name: "Sergio Staff (SE)", lang: "es", role: "secretariat_staff" },
  finance: { email: "finance@demo.mercociudades.org", password: "demo-finance-montevideo", name: "Fernanda Finanzas", lang: "pt", role: "finance" },
  coordinator: { email: "coordinator@demo.mercociudades.org", password: "demo-coordinator-cultura", name: "Carla Coordinadora (UT Cultura)", lang: "es", role: "coordinator" },
  focal: { email: "focal@demo.mercociudades.org", password: "demo-focal-point-rosario", name: "Facundo Focal (Rosario)", lang: "es", role: "focal_point" },
  observer: { email: "observer@demo.mercociudades.org", password: "demo-observer-network", name: "Olivia Observer", lang: "en", role: "observer" },
};

const shot = (page, name) => page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Signs in through the login page (in Spanish, the default) and waits for the home page. */
async function login(page, who) {
  const u = USERS[who];
  await page.goto("/login");
  await page.getByLabel(L.es.auth.email).fill(u.email);
  await page.getByLabel(L.es.auth.password).fill(u.password);
  await page.getByRole("button", { name: L.es.auth.submit }).click();
  // The UI switches to the language of the user's profile.
  await page.getByRole("heading", { level: 1, name: L[u.lang].home.title.replace("{{name}}", u.name) }).waitFor();
  return L[u.lang];
}

async function openCity(page, t, name) {
  await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.cities }).click();
  await page.getByLabel(t.cities.searchLabel).fill(name);
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Text of roles=alert elements in the page (none expected on a 403-free page). */
async function alerts(page) {
  return page.getByRole("alert").allInnerTexts();
}

/** Signs in over the API (for changes made behind the browser's back). */
async function apiLogin(who) {
  const u = USERS[who];
  const res = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: u.email, password: u.password }),
  });
  expect(res.ok, `API login ${res.status}`);
  return (await res.json()).access_token;
}

// ---------------------------------------------------------------------------------------------

test("login page is in Spanish by default, labelled, and refuses a wrong password", async ({ page }) => {
  await page.goto("/");
  await page.waitForURL("**/login");
  await page.getByRole("heading", { level: 1, name: L.es.auth.title }).waitFor();
  expect((await page.getAttribute("html", "lang")) === "es", "html lang is es");
  await shot(page, "01-login");
  await page.getByLabel(L.es.auth.email).fill(USERS.staff.email);
  await page.getByLabel(L.es.auth.password).fill("not-the-password");
  await page.getByRole("button", { name: L.es.auth.submit }).click();
  await page.getByRole("alert").waitFor();
  expect(page.url().endsWith("/login"), "still on the login page");
});

for (const who of Object.keys(USERS)) {
  test(`${who} signs in, sees the home page in their language and browses cities`, async ({ page }) => {
    const t = await login(page, who);
    const userBox = await page.getByTestId("user-box").innerText();
    expect(userBox.includes(USERS[who].name), `user box shows the name: ${userBox}`);
    expect(userBox.includes(t.roles[USERS[who].role]), `user box shows the role: ${userBox}`);
    await page.getByRole("link", { name: t.nav.cities }).first().waitFor();
    await openCity(page, t, "Montevideo");
    await page.getByRole("heading", { name: t.history.title }).waitFor();
    expect((await alerts(page)).length === 0, `no alert on the city page: ${await alerts(page)}`);
    const mayEdit = ["admin", "staff"].includes(who);
    const edit = await page.getByRole("button", { name: t.common.edit }).count();
    expect(edit === (mayEdit ? 1 : 0), `${who}: edit button on Montevideo ${edit}`);
    await shot(page, `10-home-city-${who}`);
    await page.getByRole("button", { name: t.auth.logout }).click();
    await page.waitForURL("**/login");
  });
}

// Each role's inbox, while the demo still holds every kind of waiting work.
homeTests({ test, expect, login, shot, L, baseURL, apiLogin });

test("cities table: server-side filters, sort and pagination", async ({ page }) => {
  const t = await login(page, "staff");
  await page.goto("/cities");
  const rows = page.locator("table.data-table tbody tr");
  await page.getByRole("link", { name: "Asunción" }).waitFor();
  const totalText = await page.locator(".pagination .muted").innerText();
  expect(/50/.test(totalText), `total: ${totalText}`);
  await shot(page, "02-cities");

  // Next page
  await page.getByRole("button", { name: new RegExp(t.pagination.next) }).click();
  await page.waitForURL(/page=2/);
  await page.getByText(t.pagination.pageOf.replace("{{page}}", "2").replace("{{pages}}", "2")).waitFor();

  // Filter by country, then by status, then search
  await page.getByLabel(t.cities.country).selectOption("AR");
  await page.waitForURL(/country=AR/);
  // The table shows the previous page until the filtered one arrives.
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll("table.data-table tbody tr td:nth-child(2)")];
    return cells.length > 0 && cells.every((c) => c.textContent === "Argentina");
  });
  await page.getByRole("link", { name: "Rosario" }).waitFor();
  const countries = await rows.locator("td:nth-child(2)").allInnerTexts();
  expect(countries.length > 0 && countries.every((c) => c === "Argentina"), `only Argentina: ${countries}`);
  expect(!page.url().includes("page=2"), "a filter goes back to page 1");

  // Sort by population, descending (two clicks)
  const sortButton = page.getByRole("button", { name: t.cities.population });
  await sortButton.click();
  await page.waitForURL(/sort=population/);
  await sortButton.click();
  await page.waitForURL(/sort=-population/);
  // The table shows the previous page until the new one arrives.
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll("table.data-table tbody tr td:nth-child(3)")];
    const n = cells.map((c) => Number(c.textContent.replace(/\D/g, "")));
    return n.length > 1 && n[0] > n[n.length - 1];
  });
  const pops = (await rows.locator("td:nth-child(3)").allInnerTexts()).map((s) => Number(s.replace(/\D/g, "")));
  expect(pops.every((p, i) => i === 0 || pops[i - 1] >= p), `descending populations: ${pops}`);

  await page.getByLabel(t.cities.searchLabel).fill("Ros");
  await page.waitForURL(/q=Ros/);
  await page.waitForFunction(() => document.querySelectorAll("table.data-table tbody tr").length === 1);
  await page.getByRole("link", { name: "Rosario" }).waitFor();
  await shot(page, "03-cities-filtered");
  await page.getByLabel(t.cities.status).selectOption("withdrawn");
  await page.getByText(t.common.noResults).waitFor();
});

test("city page shows profile, contact, membership history, posts, bodies and history", async ({ page }) => {
  const t = await login(page, "admin");
  await openCity(page, t, "Montevideo");
  for (const h of [t.cities.profile, t.cities.contact, t.cities.membershipHistory, t.cities.posts, t.cities.bodies, t.history.title]) {
    await page.getByRole("heading", { level: 2, name: h }).waitFor();
  }
  await page.getByText("1.319.108").waitFor();
  await page.getByRole("link", { name: /Secretaría Técnica Permanente/ }).first().waitFor();
  await shot(page, "04-city");
});

test("admin edits a city: validation beside the field, save, history, stale record (412)", async ({ page }) => {
  const t = await login(page, "admin");
  await openCity(page, t, "Canelones");
  const cityId = page.url().split("/").pop();
  await page.getByRole("button", { name: t.common.edit }).click();
  const form = page.locator("form.city-form");
  await form.waitFor();

  // A bad email: the server's message appears beside the field.
  await form.getByLabel(t.cities.email).fill("not-an-email");
  await form.getByRole("button", { name: t.common.save }).click();
  const email = form.getByLabel(t.cities.email);
  await page.waitForFunction(() => document.querySelector(".field-invalid input[type=email]") !== null);
  expect((await email.getAttribute("aria-invalid")) === "true", "email marked invalid");
  const described = await email.getAttribute("aria-describedby");
  const message = await page.locator(`[id="${described}"]`).innerText();
  expect(message.length > 3, `message beside email: ${message}`);
  await shot(page, "05-city-edit-validation");

  // A valid change is saved.
  await email.fill("relaciones@imcanelones.gub.uy");
  await form.getByLabel(t.cities.population).fill("520500");
  await form.getByLabel(t.cities.phone).fill("+598 4332 0000");
  await form.getByRole("button", { name: t.common.save }).click();
  await page.getByText(t.common.saved).waitFor();
  await page.getByText("520.500").waitFor();
  await page.getByRole("link", { name: "relaciones@imcanelones.gub.uy" }).waitFor();
  // The history shows the change, with before and after.
  const history = page.locator("ol.history");
  await history.getByText(t.history.update).first().waitFor();
  await history.locator(".diff-after", { hasText: "520500" }).waitFor();
  await shot(page, "06-city-saved-history");

  // Someone else changes the city behind our back: saving now gets 412 and offers a reload.
  await page.getByRole("button", { name: t.common.edit }).click();
  await form.getByLabel(t.cities.population).fill("521000");
  const token = await apiLogin("staff");
  const current = await fetch(`${baseURL}/api/v1/cities/${cityId}`, { headers: { authorization: `Bearer ${token}` } });
  const etag = current.headers.get("etag");
  const body = await current.json();
  const put = await fetch(`${baseURL}/api/v1/cities/${cityId}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "if-match": etag, "content-type": "application/json" },
    body: JSON.stringify({ name: body.name, country: body.country, population: 999999, membership_status: body.membership_status, joined_on: body.joined_on, contact: body.contact }),
  });
  expect(put.ok, `out-of-band PUT ${put.status}`);
  await form.getByRole("button", { name: t.common.save }).click();
  const stale = page.getByTestId("stale-alert");
  await stale.waitFor();
  await shot(page, "07-city-stale-412");
  await stale.getByRole("button", { name: t.common.reload }).click();
  await stale.waitFor({ state: "detached" });
  const population = await form.getByLabel(t.cities.population).inputValue();
  expect(population === "999999", `form reloaded with the other person's value: ${population}`);
  // The history names who made that change (admins may read users).
  await history.locator(".history-entry", { hasText: USERS.staff.name }).first().waitFor();
});

test("focal point may edit their own city only; coordinator reaches their body", async ({ page }) => {
  let t = await login(page, "focal");
  await openCity(page, t, "Rosario");
  expect((await page.getByRole("button", { name: t.common.edit }).count()) === 1, "focal point edits Rosario");
  await openCity(page, t, "Montevideo");
  expect((await page.getByRole("button", { name: t.common.edit }).count()) === 0, "but not Montevideo");
  await page.getByRole("button", { name: t.auth.logout }).click();

  t = await login(page, "coordinator");
  // The home page's roles name the unit (the header's user box names the person, "UT Cultura").
  await page.getByRole("main").getByRole("link", { name: /Unidad Temática de Cultura/ }).first().click();
  await page.getByRole("heading", { level: 2, name: t.bodies.members }).waitFor();
  await page.getByRole("heading", { level: 2, name: t.bodies.coordinators }).waitFor();
  await shot(page, "08-body-coordinator");
});

test("observer: read-only UI with no edit controls and no 403", async ({ page }) => {
  const t = await login(page, "observer");
  const forbidden = [];
  page.on("response", (r) => {
    if (r.status() === 403) forbidden.push(r.url());
  });
  for (const path of ["/", "/cities", "/bodies", "/countries"]) {
    await page.goto(path);
    await page.locator("h1").waitFor();
    await page.waitForLoadState("networkidle");
    expect((await page.getByRole("button", { name: t.common.edit }).count()) === 0, `no edit button on ${path}`);
  }
  await openCity(page, t, "Rosario");
  await page.getByRole("heading", { name: t.history.title }).waitFor();
  await page.waitForLoadState("networkidle");
  expect((await page.getByRole("button", { name: t.common.edit }).count()) === 0, "no edit button on a city");
  expect((await page.locator("form.city-form").count()) === 0, "no form");
  expect((await alerts(page)).length === 0, "no alert");
  expect(forbidden.length === 0, `no 403: ${forbidden}`);
  await shot(page, "09-observer-city");
});

test("bodies list, body page and countries list", async ({ page }) => {
  const t = await login(page, "staff");
  const nav = page.getByRole("navigation", { name: t.nav.label });
  await nav.getByRole("link", { name: t.nav.bodies }).click();
  await page.getByRole("heading", { level: 1, name: t.bodies.title }).waitFor();
  await page.getByLabel(t.bodies.kind).selectOption("thematic_unit");
  await page.waitForURL(/kind=thematic_unit/);
  await page.getByRole("link", { name: /Unidad Temática de Cultura/ }).waitFor();
  await shot(page, "11-bodies");
  await page.getByRole("link", { name: /Unidad Temática de Cultura/ }).click();
  await page.getByRole("heading", { level: 2, name: t.bodies.members }).waitFor();
  await page.locator("section", { hasText: t.bodies.members }).locator("tbody tr").first().waitFor();
  await page.getByRole("heading", { level: 2, name: t.history.title }).waitFor();
  // Who coordinated the unit during the 2011-2012 term.
  await page.getByLabel(t.common.asOf).fill("2012-06-01");
  await page.waitForURL(/as_of=2012-06-01/);
  const posts = page.locator("section", { hasText: t.bodies.coordinators });
  await posts.getByRole("link", { name: "Morón" }).waitFor();
  await posts.getByText(t.postRole.coordinator, { exact: true }).waitFor();
  await shot(page, "12-body");
  await nav.getByRole("link", { name: t.nav.countries }).click();
  await page.getByRole("heading", { level: 1, name: t.countries.title }).waitFor();
  await page.getByText("Uruguay").first().waitFor();
  await shot(page, "13-countries");
  await page.locator("tr", { hasText: "Paraguay" }).getByRole("link", { name: t.countries.citiesOf }).click();
  await page.waitForURL(/country=PY/);
  await page.getByRole("link", { name: "Asunción" }).waitFor();
});

test("switching language translates the UI, formats numbers and is saved to the profile", async ({ page, context }) => {
  await login(page, "coordinator");
  await page.goto("/cities?q=Montevideo");
  await page.getByText("1.319.108").waitFor();
  await page.getByLabel(L.es.language.label).selectOption("en");
  await page.getByRole("heading", { level: 1, name: L.en.cities.title }).waitFor();
  await page.getByText("1,319,108").waitFor();
  await page.getByRole("link", { name: L.en.nav.bodies }).waitFor();
  expect((await page.getAttribute("html", "lang")) === "en", "html lang follows");
  await page.getByLabel(L.en.language.label).selectOption("pt");
  await page.getByRole("heading", { level: 1, name: L.pt.cities.title }).waitFor();
  await page.waitForLoadState("networkidle");
  await shot(page, "14-cities-pt");

  // Saved to the profile: a new browser (no local choice) signs in and gets Portuguese.
  const other = await context.browser().newContext({ baseURL });
  const page2 = await other.newPage();
  const u = USERS.coordinator;
  await page2.goto("/login");
  await page2.getByLabel(L.es.auth.email).fill(u.email);
  await page2.getByLabel(L.es.auth.password).fill(u.password);
  await page2.getByRole("button", { name: L.es.auth.submit }).click();
  await page2.getByRole("heading", { level: 1, name: L.pt.home.title.replace("{{name}}", u.name) }).waitFor();
  await other.close();

  // Back to Spanish for the other tests.
  await page.getByLabel(L.pt.language.label).selectOption("es");
  await page.getByRole("heading", { level: 1, name: L.es.cities.title }).waitFor();
  await page.waitForLoadState("networkidle");
});

test("the session survives a reload, and sign-out ends it", async ({ page }) => {
  const t = await login(page, "staff");
  await openCity(page, t, "Rosario");
  const url = page.url();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Rosario" }).waitFor();
  expect(page.url() === url, "same page after reload");
  const stored = await page.evaluate(() => Object.keys(localStorage));
  expect(stored.includes("mc.refresh_token"), `refresh token kept: ${stored}`);
  const leaked = await page.evaluate(() => Object.values(localStorage).some((v) => v.startsWith("eyJ")));
  expect(!leaked, "no access token in localStorage");
  await page.getByRole("button", { name: t.auth.logout }).click();
  await page.waitForURL("**/login");
  await page.goto("/cities");
  await page.waitForURL("**/login");
});

test("silent refresh: an expired access token is renewed without the user noticing", async ({ page }) => {
  if (!(ACCESS_TTL > 0 && ACCESS_TTL <= 60)) {
    console.log("  (skipped: E2E_ACCESS_TTL not set to a short lifetime)");
    return;
  }
  const t = await login(page, "staff");
  await page.goto("/cities");
  await page.getByRole("link", { name: "Asunción" }).waitFor();
  // The server accepts a token a few seconds past its expiry (clock leeway).
  await page.waitForTimeout((ACCESS_TTL + 8) * 1000);
  const refreshed = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/refresh") && r.status() === 200);
  await openCity(page, t, "Colonia");
  await refreshed;
  expect((await alerts(page)).length === 0, "no error shown");
});

// The public pages, read by anonymous visitors before anything changes the demo.
publicTests({ test, expect, shot, L, baseURL });
planTests({ test, expect, login, shot, L, baseURL, apiLogin });
monitoringTests({ test, expect, login, shot, L, baseURL, apiLogin });
// The staff's report was returned and approved: its author reads the notifications.
notificationTests({ test, expect, login, shot, baseURL, apiLogin });
// Events: created over the API, read, edited and marked held in the browser.
eventTests({ test, expect, login, shot, L, baseURL, apiLogin });
adminTests({ test, expect, login, shot, L, baseURL });
// These change what the tests above count (cities, bodies, countries, plans): they run last.
registryTests({ test, expect, login, shot, baseURL, apiLogin });
importTests({ test, expect, login, shot });
memberTests({ test, expect, login, shot, baseURL, apiLogin });
// Every main screen at a phone's width, once the demo holds a report and more.
narrowTests({ test, expect, login, shot, baseURL, apiLogin });
// The map suspends a city and moves another: after every test that counts or shows them.
mapTests({ test, expect, login, shot, baseURL, apiLogin });
// Every main screen and the public pages in Spanish and in Portuguese, without an English word in
// their chrome; they only read.
languageTests({ test, expect, login, shot, L, baseURL, apiLogin, people: Object.values(USERS).map((u) => u.name) });

const ok = await run({ baseURL });
process.exit(ok ? 0 : 1);
