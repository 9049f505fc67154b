// Browser tests of the home page's inbox and the notifications: each demo role's home lists the
// work the API's /inbox gives that person at that moment (read in the test, never counted by
// hand), grouped by kind, and each kind of item opens the screen where its work is done. Later,
// once the monitoring tests have returned and approved a report, its author reads the
// notifications, marks them read, and chooses which reach them by e-mail.

/** Reads the API as one of the demo's people (a fresh token each time: the tests' tokens live 10 s). */
function reader({ expect, baseURL, apiLogin }) {
  return async (who, path) => {
    const token = await apiLogin(who);
    const res = await fetch(`${baseURL}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.ok, `GET ${path} as ${who}: ${res.status}`);
    return res.json();
  };
}

export function homeTests({ test, expect, login, shot, L, baseURL, apiLogin }) {
  const fill = (s, vars) => Object.entries(vars).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
  const counted = (t, key, n, lang) => fill(t[`${key}_${n === 1 ? "one" : "other"}`], { n: new Intl.NumberFormat(lang).format(n) });
  const target = (i) => (i.kind === "activity_unreported" ? `/plans/${i.plan_id}/nodes/${i.activity_id}` : `/reports/${i.report_id}`);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  const apiGet = reader({ expect, baseURL, apiLogin });

  /** The kinds of item opened by the tests of each role, to check that every kind was opened. */
  const opened = new Set();
  const ROLES = { admin: "es", staff: "es", finance: "pt", coordinator: "es", focal: "es", observer: "en" };

  for (const [who, lang] of Object.entries(ROLES)) {
    test(`${who}: the home page lists the waiting work /inbox gives, and each kind opens its screen`, async ({ page }) => {
      const t = await login(page, who);
      const inbox = await apiGet(who, "/api/v1/inbox");
      const section = page.getByTestId("inbox");
      await section.getByRole("heading", { level: 2, name: t.home.inbox.title }).waitFor();
      // The network at a glance stays below the inbox.
      await page.getByRole("heading", { level: 2, name: t.home.registry }).waitFor();
      const below = await page.evaluate(() => {
        const inbox = document.querySelector('[data-testid="inbox"]').getBoundingClientRect();
        const registry = document.getElementById("home-registry").getBoundingClientRect();
        return registry.top >= inbox.bottom;
      });
      expect(below, "the registry's figures stand below the inbox");

      const kinds = ["report_returned", "report_to_review", "activity_unreported"];
      const invitations = inbox.invitations ?? [];
      if (inbox.items.length === 0 && invitations.length === 0) {
        await section.getByTestId("inbox-empty").waitFor();
        expect((await section.getByRole("link").count()) === (inbox.unread_notifications > 0 ? 1 : 0), "no item listed");
      }
      // A focal point's invitations to events, each opening its event.
      const invited = section.locator('section.inbox-group[data-kind="invitation"]');
      if (invitations.length === 0) {
        expect((await invited.count()) === 0, `${who}: no invitation group`);
      } else {
        await invited.getByRole("heading", { level: 3, name: counted(t.home.inbox.invitation, "title", invitations.length, lang), exact: true }).waitFor();
        const hrefs = await invited.locator("a.inbox-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        expect(JSON.stringify(hrefs) === JSON.stringify(invitations.map((i) => `/events/${i.event_id}`)), `${who} invitations: ${hrefs}`);
      }
      for (const kind of kinds) {
        const items = inbox.items.filter((i) => i.kind === kind);
        const group = section.locator(`section.inbox-group[data-kind="${kind}"]`);
        if (items.length === 0) {
          expect((await group.count()) === 0, `${who}: no ${kind} group`);
          continue;
        }
        const heading = counted(t.home.inbox.kind, kind, items.length, lang);
        await group.getByRole("heading", { level: 3, name: heading, exact: true }).waitFor();
        const hrefs = await group.locator("a.inbox-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        expect(JSON.stringify(hrefs) === JSON.stringify(items.map(target)), `${who} ${kind}: ${hrefs} ≠ ${items.map(target)}`);
        const codes = await group.locator("a.inbox-link .tree-code").allInnerTexts();
        expect(JSON.stringify(codes) === JSON.stringify(items.map((i) => i.activity_code)), `${who} ${kind} codes: ${codes}`);
        for (const i of items.filter((i) => i.reason)) await group.getByText(i.reason).first().waitFor();
      }
      if (inbox.unread_notifications > 0) {
        await section.getByRole("link", { name: counted(t.home.inbox, "unread", inbox.unread_notifications, lang) }).waitFor();
      }
      await shot(page, `20-home-inbox-${who}`);

      // The first item of each kind opens where its work is done.
      for (const kind of kinds) {
        const item = inbox.items.find((i) => i.kind === kind);
        if (!item) continue;
        await page.goto("/");
        await section.locator(`section.inbox-group[data-kind="${kind}"] a.inbox-link`).first().click();
        await page.waitForURL(`**${target(item)}`);
        if (kind === "activity_unreported") {
          await page.getByRole("heading", { level: 1, name: new RegExp(`^${escape(item.activity_code)} · `) }).waitFor();
          await page.getByRole("heading", { level: 2, name: t.monitoring.section.title }).waitFor();
          await page.getByRole("button", { name: t.monitoring.section.write }).waitFor();
        } else {
          const title = fill(t.monitoring.page.title, { code: item.activity_code, date: "" });
          await page.getByRole("heading", { level: 1, name: new RegExp(`^${escape(title)}`) }).waitFor();
          if (kind === "report_returned") {
            await page.getByTestId("return-reason").getByText(item.reason).waitFor();
            await page.getByRole("button", { name: t.monitoring.workflow.submit }).waitFor();
          } else {
            await page.getByRole("button", { name: t.monitoring.workflow.approve }).waitFor();
          }
        }
        await shot(page, `21-inbox-opens-${kind}`);
        opened.add(kind);
      }
    });
  }

  test("the demo's inboxes hold every kind of waiting work, and each kind was opened", async () => {
    for (const kind of ["report_returned", "report_to_review", "activity_unreported"]) {
      expect(opened.has(kind), `no ${kind} item was opened from a home page`);
    }
  });
}

export function notificationTests({ test, expect, login, shot, baseURL, apiLogin }) {
  const apiGet = reader({ expect, baseURL, apiLogin });
  const unreadOf = async (who) => (await apiGet(who, "/api/v1/notifications?unread=true&per_page=1")).total;

  test("staff: the header counts the unread notifications, the list opens their reports and marks them read", async ({ page }) => {
    const t = await login(page, "staff");
    const all = await apiGet("staff", "/api/v1/notifications?per_page=25");
    const unread = all.items.filter((n) => !n.read_at).length;
    // The demo holds notifications of the staff's reports; the monitoring tests add a return and an approval.
    expect(unread >= 2 && unread === (await unreadOf("staff")), `unread notifications: ${unread}`);
    const badge = page.getByTestId("notifications-badge");
    await badge.locator(`.unread-badge[data-unread="${unread}"]`).waitFor();
    await badge.click();
    await page.getByRole("heading", { level: 1, name: t.notifications.title }).waitFor();
    const rows = page.getByTestId("notifications").locator("tbody tr");
    await rows.first().waitFor();
    expect((await rows.count()) === all.items.length, `${all.items.length} notifications listed: ${await rows.count()}`);
    const kinds = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("a")?.getAttribute("href")));
    expect(JSON.stringify(kinds) === JSON.stringify(all.items.map((n) => `/reports/${n.record_id}`)), `links: ${kinds}`);
    const returned = all.items.find((n) => n.kind === "report_returned");
    expect(returned, "a returned report's notification");
    await page.getByTestId("notifications").getByText(returned.params.reason).first().waitFor();
    await shot(page, "22-notifications");

    // One marked read: the badge and the API count one less.
    await page.locator('tr[data-read="false"]').first().getByRole("button", { name: t.notifications.markRead }).click();
    await badge.locator(`.unread-badge[data-unread="${unread - 1}"]`).waitFor();
    expect((await unreadOf("staff")) === unread - 1, "the API holds it read");
    // All marked read: no badge, and the button leaves.
    await page.getByRole("button", { name: t.notifications.markAll }).click();
    await badge.locator(".unread-badge").waitFor({ state: "detached" });
    await page.getByRole("button", { name: t.notifications.markAll }).waitFor({ state: "detached" });
    expect((await unreadOf("staff")) === 0, "the API holds every one read");
    expect((await page.locator('tr[data-read="false"]').count()) === 0, "no unread row");

    // A notification opens its report.
    await page.getByTestId("notifications").getByRole("link").first().click();
    await page.waitForURL(`**/reports/${all.items[0].record_id}`);
    await page.getByRole("heading", { level: 1, name: new RegExp(all.items[0].params.activity_code.replace(/\./g, "\\.")) }).waitFor();
  });

  test("staff: the profile screen keeps which notifications reach them by e-mail", async ({ page }) => {
    const t = await login(page, "staff");
    await page.getByTestId("user-box").click();
    await page.getByRole("heading", { level: 1, name: t.profile.title }).waitFor();
    const section = page.getByTestId("email-preferences");
    const before = await apiGet("staff", "/api/v1/auth/me/email-preferences");
    expect(before.preferences.length >= 2, `every kind: ${JSON.stringify(before)}`);
    for (const p of before.preferences) {
      const box = section.getByRole("checkbox", { name: t.notifications.email.kind[p.kind] });
      expect((await box.isChecked()) === p.email, `${p.kind} shown as the API holds it`);
    }
    const approved = section.getByRole("checkbox", { name: t.notifications.email.kind.report_approved });
    const was = await approved.isChecked();
    await approved.setChecked(!was);
    await section.getByRole("button", { name: t.common.save }).click();
    await section.getByText(t.notifications.email.saved).waitFor();
    const after = await apiGet("staff", "/api/v1/auth/me/email-preferences");
    expect(after.preferences.find((p) => p.kind === "report_approved").email === !was, `saved: ${JSON.stringify(after)}`);
    expect(
      after.preferences.find((p) => p.kind === "report_returned").email === before.preferences.find((p) => p.kind === "report_returned").email,
      "the other kind kept",
    );
    await shot(page, "23-profile-email-preferences");
    await page.reload();
    await section.getByRole("checkbox", { name: t.notifications.email.kind.report_approved }).waitFor();
    expect((await approved.isChecked()) === !was, "kept after a reload");
    // Back as it was.
    await approved.setChecked(was);
    await section.getByRole("button", { name: t.common.save }).click();
    await section.getByText(t.notifications.email.saved).waitFor();
  });
}
