// Browser tests of the events: an admin creates events over the API (one in Montevideo with its
// sessions and a plan activity, one online on Madrid's clocks) and reads them in the list, in the
// month calendar and on the event's page (times on the event's own clocks, the zone named), marks
// one held, and the screens fit a phone's width.

const NARROW = { width: 390, height: 844 };
const WIDE = { width: 1440, height: 900 };

export function eventTests({ test, expect, login, shot, L, baseURL, apiLogin }) {
  async function api(token, method, path, body, headers = {}) {
    const res = await fetch(`${baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    expect(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return { data: text ? JSON.parse(text) : null, etag: res.headers.get("etag") };
  }

  /** The month the tests' events fall in: the next one, so that they are still planned. */
  function nextMonth() {
    const now = new Date();
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  }

  /** The demo's records the events name: the Culture unit, Montevideo, the demo plan's 1.1.a. */
  async function records(token) {
    const bodies = (await api(token, "GET", "/api/v1/bodies?per_page=200")).data.items;
    const culture = bodies.find((b) => /Cultura/.test(b.name.es ?? "") && b.kind === "thematic_unit");
    const montevideo = (await api(token, "GET", "/api/v1/cities?q=Montevideo")).data.items.find((c) => c.name === "Montevideo");
    const plans = (await api(token, "GET", "/api/v1/plans?per_page=50")).data.items;
    const plan = plans.find((p) => /SECRETARÍA EJECUTIVA MERCOCIUDADES 2011/.test(p.title.es ?? ""));
    const tree = (await api(token, "GET", `/api/v1/plans/${plan.id}`)).data;
    const flat = (nodes) => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const activity = flat(tree.nodes).find((n) => n.code === "1.1.a");
    expect(culture && montevideo && activity, "the demo's Culture unit, Montevideo and 1.1.a");
    return { culture, montevideo, plan, activity };
  }

  let created = null;
  /** The tests' two events, created once. */
  async function events() {
    if (created) return created;
    const token = await apiLogin("admin");
    const r = await records(token);
    const month = nextMonth();
    const jornada = (
      await api(token, "POST", "/api/v1/events", {
        kind: "workshop",
        title: { es: "Jornada de cultura urbana", pt: "Jornada de cultura urbana", en: "Urban culture workshop" },
        description: { es: "Dos días de talleres en Montevideo." },
        time_zone: "America/Montevideo",
        starts_at: `${month}-14T09:00`,
        ends_at: `${month}-15T18:00`,
        host_city_id: r.montevideo.id,
        body_ids: [r.culture.id],
        activity_ids: [r.activity.id],
        sessions: [
          { title: { es: "Apertura", pt: "Abertura", en: "Opening" }, starts_at: `${month}-14T09:00`, ends_at: `${month}-14T12:00` },
          { title: { es: "Talleres", pt: "Oficinas", en: "Workshops" }, starts_at: `${month}-15T09:00`, ends_at: `${month}-15T18:00` },
        ],
      })
    ).data;
    const online = (
      await api(token, "POST", "/api/v1/events", {
        kind: "meeting",
        title: { es: "Reunión en línea del Consejo", en: "Online Council meeting" },
        time_zone: "Europe/Madrid",
        starts_at: `${month}-20T16:00`,
        ends_at: `${month}-20T18:00`,
        body_ids: [r.culture.id],
      })
    ).data;
    created = { ...r, month, jornada, online };
    return created;
  }

  test("admin reads the events in the list, in the month calendar and on the event's page", async ({ page }) => {
    const e = await events();
    await page.setViewportSize(WIDE);
    const t = await login(page, "admin");
    await page.getByRole("navigation", { name: t.nav.label }).getByRole("link", { name: t.nav.events }).click();
    await page.getByRole("heading", { level: 1, name: t.events.pageTitle }).waitFor();
    // The whole calendar as a file.
    const all = page.waitForEvent("download");
    await page.getByTestId("events-ics").click();
    expect((await all).suggestedFilename().endsWith(".ics"), "the network's calendar file");
    // The list, filtered to the tests' month.
    await page.getByLabel(t.common.since).fill(`${e.month}-01`);
    await page.waitForURL(/from=/);
    const row = page.locator("tr", { has: page.locator(`a[data-event="${e.jornada.id}"]`) });
    await row.waitFor();
    const text = await row.innerText();
    expect(text.includes("Jornada de cultura urbana"), `the title in Spanish: ${text}`);
    expect(text.toLowerCase().includes(t.events.kind.workshop.toLowerCase()) && text.includes("Montevideo, Uruguay"), `kind and place: ${text}`);
    expect(text.includes("America/Montevideo (GMT-3)"), `the zone named: ${text}`);
    const onlineRow = page.locator("tr", { has: page.locator(`a[data-event="${e.online.id}"]`) });
    expect((await onlineRow.innerText()).includes(t.events.online), "the online event says so");
    await page.getByLabel(t.events.kindLabel).selectOption("meeting");
    await page.waitForURL(/kind=meeting/);
    await page.locator(`a[data-event="${e.jornada.id}"]`).waitFor({ state: "detached" });
    await page.locator(`a[data-event="${e.online.id}"]`).waitFor();
    await page.getByLabel(t.events.kindLabel).selectOption("");
    await shot(page, "90-events-list");

    // The calendar: the workshop on both its days, the meeting on its own.
    await page.getByRole("button", { name: t.events.viewCalendar }).click();
    await page.waitForURL(/view=calendar/);
    const calendar = page.getByTestId("event-calendar");
    await calendar.waitFor();
    // The tests' month is the next one after today's unless the list's "since" said it.
    const day = (d) => calendar.locator(`td[data-date="${e.month}-${d}"]`);
    await day("14").locator(`a[data-event="${e.jornada.id}"]`).waitFor();
    await day("15").locator(`a[data-event="${e.jornada.id}"]`).waitFor();
    expect((await day("16").locator(`a[data-event="${e.jornada.id}"]`).count()) === 0, "not on the day after");
    const meeting = day("20").locator(`a[data-event="${e.online.id}"]`);
    expect((await meeting.innerText()).startsWith("16:00"), `the meeting on Madrid's clock: ${await meeting.innerText()}`);
    await shot(page, "91-events-calendar");
    await calendar.getByRole("button", { name: t.events.calendar.next }).click();
    await calendar.locator(`a[data-event="${e.online.id}"]`).waitFor({ state: "detached" });
    await calendar.getByRole("button", { name: t.events.calendar.previous }).click();
    await day("14").locator(`a[data-event="${e.jornada.id}"]`).click();

    // The event's page.
    await page.getByRole("heading", { level: 1, name: "Jornada de cultura urbana" }).waitFor();
    const when = await page.getByTestId("event-when").innerText();
    expect(when.includes("09:00") && when.includes("18:00"), `on Montevideo's clocks: ${when}`);
    expect((await page.getByTestId("event-zone").innerText()) === "America/Montevideo (GMT-3)", "the zone named");
    await page.getByRole("link", { name: t.events.activity.replace("{{code}}", "1.1.a") }).waitFor();
    const sessions = await page.getByTestId("event-sessions").innerText();
    expect(sessions.includes("Apertura") && sessions.includes("Talleres"), `the sessions: ${sessions}`);
    const download = page.waitForEvent("download");
    await page.getByTestId("event-ics").click();
    expect((await download).suggestedFilename().endsWith(".ics"), "the calendar file");
    await shot(page, "92-event");

    // The activity's link opens its page in the plan.
    await page.getByRole("link", { name: t.events.activity.replace("{{code}}", "1.1.a") }).click();
    await page.waitForURL(`**/plans/${e.plan.id}/nodes/${e.activity.id}`);
    await page.goBack();

    // Held: asked first, and nothing is sent before the confirmation.
    let posted = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/status")) posted += 1;
    });
    await page.getByRole("button", { name: t.events.markHeld }).click();
    await page.getByRole("button", { name: t.common.cancel }).click();
    expect(posted === 0, "nothing sent before the confirmation");
    await page.getByRole("button", { name: t.events.markHeld }).click();
    await page.getByRole("group", { name: t.events.markHeldQuestion }).getByRole("button", { name: t.events.markHeld }).click();
    await page.getByTestId("event-facts").getByText(t.events.status.held).waitFor();
    expect((await page.getByRole("button", { name: t.events.markHeld }).count()) === 0, "a held event has no status to change");
  });

  test("admin edits an event: a field the server refuses is named beside it, then the change is saved", async ({ page }) => {
    const e = await events();
    const t = await login(page, "admin");
    await page.goto(`/events/${e.online.id}`);
    await page.getByRole("heading", { level: 1, name: "Reunión en línea del Consejo" }).waitFor();
    await page.getByRole("button", { name: t.common.edit }).click();
    const form = page.locator("form.event-form");
    await form.getByLabel(t.events.timeZone).fill("Mars/Olympus_Mons");
    await form.getByRole("button", { name: t.common.save }).click();
    await page.waitForFunction(() => document.querySelector(".event-form .field-invalid") !== null);
    expect((await form.getByLabel(t.events.timeZone).getAttribute("aria-invalid")) === "true", "the zone is refused beside its field");
    await shot(page, "93-event-form-refused");
    await form.getByLabel(t.events.timeZone).fill("America/Sao_Paulo");
    await form.getByRole("button", { name: t.events.form.addSession }).click();
    const session = form.getByTestId("session-row");
    await session.getByLabel(t.events.form.titleIn.es).fill("Única sesión");
    await session.getByLabel(t.events.form.startsAt).fill(`${e.month}-20T16:00`);
    await session.getByLabel(t.events.form.endsAt).fill(`${e.month}-20T17:30`);
    await form.getByRole("button", { name: t.common.save }).click();
    await page.getByText(t.common.saved).waitFor();
    expect((await page.getByTestId("event-zone").innerText()) === "America/Sao Paulo (GMT-3)", "the new zone");
    expect((await page.getByTestId("event-sessions").innerText()).includes("Única sesión"), "the new session");
  });

  test("the events' screens fit a phone's width", async ({ context }) => {
    const e = await events();
    const narrow = await context.browser().newContext({ baseURL, viewport: NARROW, locale: "es-UY" });
    narrow.setDefaultTimeout(15_000);
    const page = await narrow.newPage();
    try {
      await login(page, "staff");
      const wide = [];
      for (const [name, path] of [
        ["list", "/events"],
        ["calendar", `/events?view=calendar&month=${e.month}`],
        ["event", `/events/${e.jornada.id}`],
      ]) {
        await page.goto(path);
        await page.locator("h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > NARROW.width) wide.push(`${name}: ${width} px`);
        await shot(page, `94-narrow-events-${name}`);
      }
      expect(wide.length === 0, `wider than the screen: ${wide.join(", ")}`);
    } finally {
      await narrow.close();
    }
  });

  // A delegation from invitation to attendance: the Culture unit's coordinator organises, Rosario's
  // focal point answers for Rosario only, and the activity the event carries out (1.2.a, which
  // counted Uruguay alone) counts Argentina once the attendance is recorded.
  let flow = null;
  async function delegationEvent() {
    if (flow) return flow;
    const token = await apiLogin("admin");
    const r = await records(token);
    const tree = (await api(token, "GET", `/api/v1/plans/${r.plan.id}`)).data;
    const flat = (nodes) => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const activity = flat(tree.nodes).find((n) => n.code === "1.2.a");
    const before = (await api(token, "GET", `/api/v1/plans/${r.plan.id}/participation-report`)).data.rows.find((x) => x.code === "1.2.a");
    expect(before && !before.countries.includes("AR"), `1.2.a counts no Argentine city yet: ${before?.countries}`);
    const now = new Date();
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    const event = (
      await api(token, "POST", "/api/v1/events", {
        kind: "seminar",
        title: { es: "Seminario de alianzas culturales", pt: "Seminário de alianças culturais", en: "Cultural partnerships seminar" },
        time_zone: "America/Montevideo",
        starts_at: `${month}-10T09:00`,
        ends_at: `${month}-10T18:00`,
        host_city_id: r.montevideo.id,
        body_ids: [r.culture.id],
        activity_ids: [activity.id],
        sessions: [
          { title: { es: "Mañana", pt: "Manhã", en: "Morning" }, starts_at: `${month}-10T09:00`, ends_at: `${month}-10T12:00` },
          { title: { es: "Tarde", pt: "Tarde", en: "Afternoon" }, starts_at: `${month}-10T14:00`, ends_at: `${month}-10T18:00` },
        ],
      })
    ).data;
    flow = { ...r, activity, event };
    return flow;
  }

  const delegationRow = (page, city) => page.getByTestId("delegations-table").locator("tr", { has: page.getByRole("link", { name: city, exact: true }) });

  test("the organiser invites cities; Rosario's focal point registers and confirms Rosario's delegation, and nothing else", async ({ page }) => {
    const f = await delegationEvent();
    let t = await login(page, "coordinator");
    await page.goto(`/events/${f.event.id}`);
    await page.getByRole("heading", { level: 1, name: "Seminario de alianzas culturales" }).waitFor();
    const section = page.getByTestId("delegations");
    for (const [city, quota] of [["Rosario", "2"], ["Montevideo", "1"]]) {
      await section.getByRole("button", { name: t.events.delegations.invite }).click();
      const form = section.locator("form.invite-form");
      const option = await form.getByLabel(t.events.delegations.city).locator("option", { hasText: new RegExp(`^${city} \\(`) }).first().getAttribute("value");
      await form.getByLabel(t.events.delegations.city).selectOption(option);
      await form.getByLabel(t.events.delegations.quota).fill(quota);
      await form.getByRole("button", { name: t.events.delegations.inviteSubmit }).click();
      await delegationRow(page, city).getByText(t.events.delegations.status.invited, { exact: true }).waitFor();
    }
    expect((await delegationRow(page, "Rosario").innerText()).includes("2"), "Rosario's quota");
    await shot(page, "95-event-delegations-organiser");
    await page.getByRole("button", { name: t.auth.logout }).click();

    t = await login(page, "focal");
    // The invitation waits at home, and opens the event.
    const invitation = page.getByTestId("inbox").locator('section.inbox-group[data-kind="invitation"]');
    await invitation.locator(`a[href="/events/${f.event.id}"]`).click();
    await page.getByRole("heading", { level: 1, name: "Seminario de alianzas culturales" }).waitFor();
    await delegationRow(page, "Montevideo").waitFor();
    // Rosario's form only; no organiser's controls.
    const forms = page.getByTestId("delegation-form");
    expect((await forms.count()) === 1, `one delegation form: ${await forms.count()}`);
    const form = forms.first();
    await form.getByRole("heading", { name: t.events.delegations.formTitle.replace("{{city}}", "Rosario") }).waitFor();
    for (const name of [t.events.delegations.invite, t.events.delegations.changeQuota, t.events.delegations.withdraw, t.common.edit, t.events.markHeld]) {
      expect((await page.getByRole("button", { name }).count()) === 0, `no "${name}" for the focal point`);
    }
    const add = form.getByRole("button", { name: t.events.delegations.addDelegate });
    await add.click();
    let row = form.getByTestId("delegate-row").nth(0);
    await row.getByLabel(t.events.delegations.name).fill("Lucía Paraná");
    await row.getByLabel(t.events.delegations.position).fill("Directora de Cultura");
    await row.getByLabel(t.events.delegations.genderLabel).selectOption("female");
    await add.click();
    row = form.getByTestId("delegate-row").nth(1);
    await row.getByLabel(t.events.delegations.name).fill("Martín Rosales");
    // The quota is 2: no third delegate.
    expect(await add.isDisabled(), "no more delegates than the quota");
    await form.getByRole("button", { name: t.events.delegations.saveDelegates }).click();
    await form.getByText(t.events.delegations.saved).waitFor();
    await delegationRow(page, "Rosario").getByText(t.events.delegations.status.registered, { exact: true }).waitFor();
    expect((await delegationRow(page, "Rosario").innerText()).includes("Lucía Paraná"), "the delegates listed");
    await shot(page, "96-event-delegation-focal");

    // Confirmed, after the question.
    await form.getByRole("button", { name: t.events.delegations.confirm }).click();
    await form.getByRole("group", { name: t.events.delegations.confirmQuestion.replace("{{city}}", "Rosario") }).getByRole("button", { name: t.events.delegations.confirm }).click();
    await delegationRow(page, "Rosario").getByText(t.events.delegations.status.confirmed, { exact: true }).waitFor();
    await form.getByText(t.events.delegations.confirmedNotice).waitFor();
    // Answered: the home page has no invitation of it any more.
    await page.goto("/");
    await page.getByTestId("inbox").getByRole("heading", { level: 2 }).waitFor();
    await page.waitForLoadState("networkidle");
    expect((await page.locator(`[data-testid=inbox] a[href="/events/${f.event.id}"]`).count()) === 0, "the confirmed invitation leaves the inbox");
  });

  test("the organiser records the attendance, and the activity's participation report counts Argentina", async ({ page }) => {
    const f = await delegationEvent();
    const t = await login(page, "coordinator");
    await page.goto(`/events/${f.event.id}`);
    const attendance = page.getByTestId("attendance");
    const grid = attendance.getByTestId("attendance-grid");
    await grid.waitFor();
    const cell = (name, session) => grid.getByRole("checkbox", { name: t.events.attendance.presentAt.replace("{{name}}", name).replace("{{session}}", session) });
    await cell("Lucía Paraná", "Mañana").check();
    await cell("Lucía Paraná", "Tarde").check();
    await attendance.getByRole("button", { name: t.events.attendance.save }).click();
    await attendance.getByText(t.events.attendance.saved).waitFor();
    await delegationRow(page, "Rosario").getByText(t.events.delegations.status.attended, { exact: true }).waitFor();
    expect(await cell("Lucía Paraná", "Tarde").isChecked(), "kept after saving");
    expect(!(await cell("Martín Rosales", "Mañana").isChecked()), "the other delegate absent");
    await shot(page, "97-event-attendance");
    // Rosario's page lists the event its delegates attended.
    await delegationRow(page, "Rosario").getByRole("link", { name: "Rosario", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Rosario" }).waitFor();
    await page.getByTestId("city-events").getByRole("link", { name: "Seminario de alianzas culturales" }).waitFor();
    await page.goBack();
    await grid.waitFor();

    await page.getByRole("button", { name: t.auth.logout }).click();

    // The plan's participation: 1.2.a counts Argentina now.
    const ta = await login(page, "admin");
    await page.goto(`/plans/${f.plan.id}/reports`);
    const row12a = page.getByTestId("participation-rows").locator('tr[data-code="1.2.a"]');
    await row12a.waitFor();
    await page.waitForFunction(() => /Argentina/.test(document.querySelector('[data-testid=participation-rows] tr[data-code="1.2.a"]')?.textContent ?? ""));
    await shot(page, "99-plan-participation-event");
    // The events' participation by country.
    await page.goto("/events/participation");
    await page.getByRole("heading", { level: 1, name: ta.events.participation.title }).waitFor();
    await page.getByTestId("participation-by-country").locator('tr[data-country="AR"]').waitFor();
    await page.getByTestId("participation-country-chart").locator('[data-key="AR"]').waitFor();
    await shot(page, "99-events-participation");
  });

  test("staff subscribe to the calendar from their profile: an address shown once, replaced, then revoked", async ({ page }) => {
    const e = await events();
    const t = await login(page, "staff");
    await page.goto("/profile");
    const section = page.getByTestId("calendar-feed");
    await section.getByRole("heading", { name: t.events.feed.title }).waitFor();
    await section.getByRole("button", { name: t.events.feed.create }).click();
    const address = section.getByLabel(t.events.feed.address);
    await address.waitFor();
    const first = await address.inputValue();
    expect(/\/calendar-feeds\/[^/]+\/events\.ics/.test(first), `the feed's address: ${first}`);
    // The address reads the network's events without a token.
    const feed = await fetch(first.startsWith("http") ? first : `${baseURL}${first}`);
    expect(feed.ok, `the feed answers: ${feed.status}`);
    const ics = await feed.text();
    expect(ics.includes("BEGIN:VCALENDAR") && ics.includes("Jornada de cultura urbana"), "the feed holds the events");
    await shot(page, "99-profile-calendar-feed");

    // A new address replaces it, after the question.
    await section.getByRole("button", { name: t.events.feed.rotate }).click();
    await section.getByRole("group", { name: t.events.feed.rotateQuestion }).getByRole("button", { name: t.events.feed.rotate }).click();
    await page.waitForFunction((old) => {
      const input = document.querySelector("#calendar-feed-url");
      return input && input.value && input.value !== old;
    }, first);
    const second = await address.inputValue();
    const old = await fetch(first.startsWith("http") ? first : `${baseURL}${first}`);
    expect(!old.ok, `the replaced address reads nothing: ${old.status}`);

    // Revoked, after the question: the page says so and the address reads nothing.
    await section.getByRole("button", { name: t.events.feed.revoke }).click();
    await section.getByRole("group", { name: t.events.feed.revokeQuestion }).getByRole("button", { name: t.events.feed.revoke }).click();
    await section.getByText(t.events.feed.revoked).waitFor();
    const gone = await fetch(second.startsWith("http") ? second : `${baseURL}${second}`);
    expect(!gone.ok, `the revoked address reads nothing: ${gone.status}`);
    expect(e.jornada.id, "the tests' events");
  });
  test("the organiser downloads the attendance sheet, and a wrong sheet is refused row by row with nothing written", async ({ page }) => {
    const f = await delegationEvent();
    const t = await login(page, "coordinator");
    await page.goto(`/events/${f.event.id}`);
    const attendance = page.getByTestId("attendance");
    const grid = attendance.getByTestId("attendance-grid");
    await grid.waitFor();
    const cell = (name, session) => grid.getByRole("checkbox", { name: t.events.attendance.presentAt.replace("{{name}}", name).replace("{{session}}", session) });
    // The sheet: downloaded, and a wrong one refused row by row with nothing written.
    const download = page.waitForEvent("download");
    await attendance.getByTestId("attendance-csv-download").click();
    const sheet = await download;
    expect(sheet.suggestedFilename().endsWith(".csv"), "the sheet is a CSV file");
    const text = await (await import("node:fs/promises")).readFile(await sheet.path(), "utf8");
    const [header] = text.split(/\r?\n/);
    const bad = `${header}\n${header.split(",").map(() => "zzz").join(",")}\n`;
    await attendance.getByTestId("attendance-csv-upload").setInputFiles({ name: "asistencia.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    const errors = attendance.getByTestId("attendance-csv-errors");
    await errors.waitFor();
    expect((await errors.locator("li").count()) > 0, "the refused rows listed");
    await shot(page, "98-event-attendance-csv-refused");
    expect(await cell("Lucía Paraná", "Mañana").isChecked(), "nothing written");

  });
}
