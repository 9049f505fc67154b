// Browser tests of the map of the member cities: staff open it from the navigation and find a dot
// per city the API locates, filter by status (a city suspended for the test), open a city from
// its dot, and set a city's location in its form. They run last: they change a city's status and
// place.

const SUSPENDED = "Recife";

export function mapTests({ test, expect, login, shot, baseURL, apiLogin }) {
  /** Every city, as the API lists them (200 a page). */
  async function allCities(token) {
    const items = [];
    for (let page = 1; ; page += 1) {
      const res = await fetch(`${baseURL}/api/v1/cities?per_page=200&page=${page}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.ok, `GET /cities: ${res.status}`);
      const data = await res.json();
      items.push(...data.items);
      if (data.items.length === 0 || items.length >= data.total) return items;
    }
  }

  /** Changes a city over the API (PUT replaces every field: the others are sent as they are). */
  async function changeCity(token, id, changes) {
    const current = await fetch(`${baseURL}/api/v1/cities/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await current.json();
    const { name, country, population, membership_status, joined_on, contact, location } = body;
    const res = await fetch(`${baseURL}/api/v1/cities/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "if-match": current.headers.get("etag"), "content-type": "application/json" },
      body: JSON.stringify({ name, country, population, membership_status, joined_on, contact, location, ...changes }),
    });
    expect(res.ok, `PUT /cities/${id}: ${res.status}`);
  }

  const dots = (page) => page.getByTestId("city-map").locator("a.map-city");
  const dotIds = (page) => dots(page).evaluateAll((as) => as.map((a) => a.dataset.city).sort());

  test("staff open the map: a dot per located city, filtered by status, and a city opened from its dot", async ({ page }) => {
    const token = await apiLogin("staff");
    const recife = (await allCities(token)).find((c) => c.name === SUSPENDED);
    expect(recife?.location, `${SUSPENDED} has a location`);
    await changeCity(token, recife.id, { membership_status: "suspended" });
    const cities = await allCities(token);
    const located = cities.filter((c) => c.location);
    expect(located.length > 10, `the demo locates its cities: ${located.length}`);

    const t = await login(page, "staff");
    await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.map }).click();
    await page.getByRole("heading", { level: 1, name: t.map.title }).waitFor();
    await dots(page).first().waitFor();
    const shown = await dotIds(page);
    expect(JSON.stringify(shown) === JSON.stringify(located.map((c) => c.id).sort()), `a dot per located city: ${shown.length} ≠ ${located.length}`);
    // Each dot is named by its city.
    const montevideo = located.find((c) => c.name === "Montevideo");
    const name = await dots(page).and(page.locator(`[data-city="${montevideo.id}"]`)).getAttribute("aria-label");
    expect(name.startsWith("Montevideo, Uruguay: "), `the dot's name: ${name}`);
    const unlocated = cities.length - located.length;
    if (unlocated > 0) await page.getByText(t.map[unlocated === 1 ? "unlocated_one" : "unlocated_other"].replace("{{n}}", String(unlocated))).waitFor();
    await shot(page, "80-map");

    // By status: the suspended cities only, as the API has them.
    await page.getByLabel(t.cities.status, { exact: true }).selectOption("suspended");
    await page.waitForURL(/status=suspended/);
    const suspended = located.filter((c) => c.membership_status === "suspended").map((c) => c.id).sort();
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=city-map] a.map-city").length === n, suspended.length);
    expect(JSON.stringify(await dotIds(page)) === JSON.stringify(suspended), "the suspended cities");
    const legend = page.getByTestId("map-legend").locator('li[data-status="suspended"]');
    expect((await legend.innerText()).includes(String(suspended.length)), `the legend counts them: ${await legend.innerText()}`);
    await page.getByLabel(t.cities.status, { exact: true }).selectOption("withdrawn");
    await page.getByText(t.map.none).waitFor();
    expect((await dots(page).count()) === located.filter((c) => c.membership_status === "withdrawn").length, "the withdrawn cities");
    await page.getByLabel(t.cities.status, { exact: true }).selectOption("suspended");
    await shot(page, "81-map-suspended");

    // A dot opens its city's page.
    await dots(page).and(page.locator(`[data-city="${recife.id}"]`)).click();
    await page.waitForURL(`**/cities/${recife.id}`);
    await page.getByRole("heading", { level: 1, name: SUSPENDED }).waitFor();
  });

  test("staff set a city's location in its form, and the map moves its dot", async ({ page }) => {
    const token = await apiLogin("staff");
    const tandil = (await allCities(token)).find((c) => c.name === "Tandil");
    const t = await login(page, "staff");
    await page.goto(`/cities/${tandil.id}`);
    await page.getByRole("heading", { level: 1, name: "Tandil" }).waitFor();
    await page.getByRole("button", { name: t.common.edit }).click();
    const form = page.locator("form.city-form");
    const latitude = form.getByLabel(t.cities.latitude, { exact: true });
    const longitude = form.getByLabel(t.cities.longitude, { exact: true });

    // Out of range: the server names the field, and its message stands beside it.
    await latitude.fill("-95");
    await form.getByRole("button", { name: t.common.save }).click();
    await page.waitForFunction(() => document.querySelector(".field-invalid input[inputmode=decimal]") !== null);
    expect((await latitude.getAttribute("aria-invalid")) === "true", "latitude marked invalid");
    const message = await page.locator(`[id="${(await latitude.getAttribute("aria-describedby")).split(" ").pop()}"]`).innerText();
    expect(message.length > 3, `the server's message beside the latitude: ${message}`);
    expect((await longitude.getAttribute("aria-invalid")) === null, "the longitude is fine");
    await shot(page, "82-city-location-invalid");

    // Cleared: the city leaves the map.
    await form.getByRole("button", { name: t.cities.clearLocation }).click();
    await form.getByRole("button", { name: t.common.save }).click();
    await page.getByText(t.common.saved).waitFor();
    let saved = (await allCities(token)).find((c) => c.id === tandil.id);
    expect(saved.location === null, `no location: ${JSON.stringify(saved.location)}`);
    await page.goto("/map?country=AR");
    await dots(page).first().waitFor();
    expect((await dots(page).and(page.locator(`[data-city="${tandil.id}"]`)).count()) === 0, "no dot for Tandil");

    // Set again, with a decimal comma: back on the map.
    await page.goto(`/cities/${tandil.id}`);
    await page.getByRole("button", { name: t.common.edit }).click();
    await latitude.fill("-37,3217");
    await longitude.fill("-59.1332");
    await form.getByRole("button", { name: t.common.save }).click();
    await page.getByText(t.common.saved).waitFor();
    saved = (await allCities(token)).find((c) => c.id === tandil.id);
    expect(saved.location?.latitude === -37.3217 && saved.location?.longitude === -59.1332, `location: ${JSON.stringify(saved.location)}`);
    await page.goto("/map?country=AR");
    await dots(page).and(page.locator(`[data-city="${tandil.id}"]`)).waitFor();
  });
}
