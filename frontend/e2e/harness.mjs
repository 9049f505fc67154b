// A small test harness for the browser tests: runs tests one after another, each in a fresh
// browser context, and ends with the line `N passed, M failed`.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), "screenshots");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const tests = [];
export function test(name, fn) {
  tests.push({ name, fn });
}

export async function run({ baseURL }) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const only = process.env.E2E_ONLY;
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const context = await browser.newContext({ baseURL, locale: "es-UY", viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
    });
    const started = Date.now();
    try {
      await t.fn({ page, context, baseURL });
      if (pageErrors.length) throw new Error(`errors in the page:\n  ${pageErrors.join("\n  ")}`);
      passed += 1;
      console.log(`✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed += 1;
      console.log(`✖ ${t.name} (${Date.now() - started} ms)\n  ${String(e?.stack ?? e).split("\n").slice(0, 8).join("\n  ")}`);
      const safe = t.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
      await page.screenshot({ path: resolve(SCREENSHOTS, `FAILED-${safe}.png`), fullPage: true }).catch(() => {});
    } finally {
      await context.close();
    }
  }
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}
