// Browser tests at a phone's width (390 × 844): each demo role opens every main screen it may
// see, and none is wider than the screen (no sideways scrolling of the page; wide tables scroll
// inside their own box). The header's menu opens from its button and closes on a link or Escape.
// They run after the others, when the demo holds a progress report and more.

const NARROW = { width: 390, height: 844 };
const PLAN_TITLE = /Plan de Trabajo SECRETARÍA EJECUTIVA MERCOCIUDADES 2011/;

/** The records the main screens show: read over the API as an admin. */
export async function demoRecords({ expect, baseURL, apiLogin }) {
  const token = await apiLogin("admin");
  const get = async (path) => {
    const res = await fetch(`${baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.ok, `GET ${path}: ${res.status}`);
    return res.json();
  };
  const plans = await get("/api/v1/plans?per_page=50");
  const plan = plans.items.find((p) => PLAN_TITLE.test(p.title.es ?? ""));
  expect(plan, "the demo plan");
  const tree = await get(`/api/v1/plans/${plan.id}`);
  const flat = (nodes) => nodes.flatMap((n) => [n, ...flat(n.children)]);
  const activity = flat(tree.nodes).find((n) => n.code === "1.1.a");
  const bodies = await get("/api/v1/bodies?per_page=200");
  const secretariat = bodies.items.find((b) => b.id === plan.owner.id);
  const culture = bodies.items.find((b) => /Cultura/.test(b.name.es ?? ""));
  const rosario = (await get("/api/v1/cities?q=Rosario")).items.find((c) => c.name === "Rosario");
  const montevideo = (await get("/api/v1/cities?q=Montevideo")).items.find((c) => c.name === "Montevideo");
  const reports = await get("/api/v1/reports?per_page=10");
  const users = await get("/api/v1/users?q=Facundo");
  const events = await get("/api/v1/events?per_page=1");
  return { plan, activity, secretariat, culture, rosario, montevideo, report: reports.items[0], user: users.items[0], event: events.items[0] };
}

/** The main screens each role may see, [name, path], for the records of {@link demoRecords}. */
export function roleScreens(r) {
  const registry = [
    ["home", "/"],
    ["cities", "/cities"],
    ["city", `/cities/${r.montevideo.id}`],
    ["bodies", "/bodies"],
    ["body", `/bodies/${r.secretariat.id}`],
    ["countries", "/countries"],
    ["map", "/map"],
  ];
  const plans = [
    ["plans", "/plans"],
    ["plan", `/plans/${r.plan.id}`],
    ["activity", `/plans/${r.plan.id}/nodes/${r.activity.id}`],
    ["coverage", `/plans/${r.plan.id}/coverage`],
    ["revisions", `/plans/${r.plan.id}/revisions`],
    // Execution, participation and results: the plan's Reports section.
    ["plan-reports", `/plans/${r.plan.id}/reports`],
  ];
  const report = r.report ? [["report", `/reports/${r.report.id}`]] : [];
  // Everyone's own screens: their notifications and their profile (with the e-mail preferences);
  // and the network's events, as a list, a month's calendar and an event's page.
  const events = [["events", "/events"], ["events-calendar", "/events?view=calendar"], ...(r.event ? [["event", `/events/${r.event.id}`]] : [])];
  const own = [...events, ["notifications", "/notifications"], ["profile", "/profile"]];
  const all = {
    staff: [...registry, ...plans, ["review-queue", "/reports"], ...report, ["users", "/users"], ["user", `/users/${r.user.id}`], ["audit", "/audit"]],
    admin: [["home", "/"], ["review-queue", "/reports"], ...report, ["users", "/users"], ["user", `/users/${r.user.id}`], ["tokens", "/api-tokens"], ["audit", "/audit"], ["plan-reports", `/plans/${r.plan.id}/reports`]],
    coordinator: [["home", "/"], ["body", `/bodies/${r.culture.id}`], ...plans, ...report],
    focal: [["home", "/"], ["city", `/cities/${r.rosario.id}`], ["tokens", "/api-tokens"], ["countries", "/countries"], ["map", "/map"]],
    observer: [...registry, ...plans, ...report],
    finance: [["home", "/"], ["cities", "/cities"], ["map", "/map"], ["bodies", "/bodies"], ["plans", "/plans"]],
  };
  return Object.fromEntries(Object.entries(all).map(([who, list]) => [who, [...list, ...own]]));
}

/** The first approved plan, as anyone reads it without signing in. */
export async function approvedPlan({ expect, baseURL }) {
  const res = await fetch(`${baseURL}/api/v1/public/plans`);
  expect(res.ok, `GET /public/plans: ${res.status}`);
  const [plan] = await res.json();
  expect(plan, "an approved plan");
  return plan;
}

/** The public pages, [name, path], for an approved plan: the list, its structure and its execution. */
export function publicScreens(plan) {
  return [
    ["plans", "/public"],
    ["plan", `/public/plans/${plan.id}`],
    ["execution", `/public/plans/${plan.id}/execution`],
  ];
}

export function narrowTests({ test, expect, login, shot, baseURL, apiLogin }) {
  const records = () => demoRecords({ expect, baseURL, apiLogin });

  async function narrowPage(context) {
    const narrow = await context.browser().newContext({ baseURL, viewport: NARROW, locale: "es-UY" });
    narrow.setDefaultTimeout(15_000);
    const page = await narrow.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    return { narrow, page, errors };
  }

  /** How much wider than the screen the page is, and the elements that stick out. */
  async function overflow(page) {
    return page.evaluate((width) => {
      const scrollWidth = document.documentElement.scrollWidth;
      const out = scrollWidth <= width ? [] : [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
      return { scrollWidth, out };
    }, NARROW.width);
  }

  for (const who of ["staff", "admin", "coordinator", "focal", "observer", "finance"]) {
    test(`${who} at 390 px: every main screen fits the width`, async ({ context }) => {
      const r = await records();
      const { narrow, page, errors } = await narrowPage(context);
      try {
        await login(page, who);
        const wide = [];
        for (const [name, path] of roleScreens(r)[who]) {
          await page.goto(path);
          await page.locator("h1").first().waitFor();
          await page.waitForLoadState("networkidle");
          const { scrollWidth, out } = await overflow(page);
          if (scrollWidth > NARROW.width) wide.push(`${name} (${path}): ${scrollWidth} px wide, ${out.join(", ")}`);
          if (["staff", "observer"].includes(who)) await shot(page, `60-narrow-${who}-${name}`);
        }
        expect(wide.length === 0, `screens wider than ${NARROW.width} px for ${who}:\n  ${wide.join("\n  ")}`);
        expect(errors.length === 0, `errors in the page: ${errors.join("; ")}`);
      } finally {
        await narrow.close();
      }
    });
  }

  test("an anonymous visitor at 390 px: the public pages fit the width", async ({ context }) => {
    const plan = await approvedPlan({ expect, baseURL });
    const { narrow, page, errors } = await narrowPage(context);
    try {
      const wide = [];
      for (const [name, path] of [...publicScreens(plan), ["login", "/login"]]) {
        await page.goto(path);
        await page.locator("h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        const { scrollWidth, out } = await overflow(page);
        if (scrollWidth > NARROW.width) wide.push(`${name} (${path}): ${scrollWidth} px wide, ${out.join(", ")}`);
        await shot(page, `62-narrow-public-${name}`);
      }
      expect(wide.length === 0, `public pages wider than ${NARROW.width} px:\n  ${wide.join("\n  ")}`);
      expect(errors.length === 0, `errors in the page: ${errors.join("; ")}`);
    } finally {
      await narrow.close();
    }
  });

  test("at 390 px the header is one line with a menu button that opens the navigation and closes on a link or Escape", async ({ context }) => {
    const r = await records();
    const { narrow, page } = await narrowPage(context);
    try {
      const t = await login(page, "staff");
      const header = await page.locator("header.app-header").boundingBox();
      expect(header.height <= 70, `a compact header: ${header.height} px`);
      const nav = page.getByRole("navigation", { name: t.nav.label });
      expect(!(await nav.isVisible()), "the navigation waits behind the menu");
      const button = page.getByRole("button", { name: t.nav.menu });
      expect((await button.getAttribute("aria-expanded")) === "false", "menu closed");
      const menu = page.locator(`#${await button.getAttribute("aria-controls")}`);
      await button.click();
      expect((await button.getAttribute("aria-expanded")) === "true", "menu open");
      await nav.waitFor();
      await shot(page, "61-narrow-menu-open");
      await nav.getByRole("link", { name: t.nav.bodies }).click();
      await page.getByRole("heading", { level: 1, name: t.bodies.title }).waitFor();
      expect((await button.getAttribute("aria-expanded")) === "false", "a link closes the menu");
      expect(!(await menu.isVisible()), "menu hidden after the link");
      await button.click();
      await page.keyboard.press("Escape");
      expect((await button.getAttribute("aria-expanded")) === "false", "Escape closes the menu");
      expect(await button.evaluate((b) => document.activeElement === b), "the focus is back on the button");

      // The Executive Secretariat's page links to the plans it owns.
      await page.goto(`/bodies/${r.secretariat.id}`);
      await page.getByTestId("body-plans").getByRole("link", { name: PLAN_TITLE }).click();
      await page.getByRole("heading", { level: 1, name: PLAN_TITLE }).waitFor();
    } finally {
      await narrow.close();
    }
  });
}
