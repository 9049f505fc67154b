// Measures the gzipped JavaScript a browser loads for the first screen (the entry chunk, the
// chunks it imports statically, and the lazy chunk of the screen shown first, with its imports)
// and fails when it exceeds the budget. Run after `vite build`.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET_KB = Number(process.env.FIRST_SCREEN_BUDGET_KB ?? 300);
const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");
const manifest = JSON.parse(readFileSync(resolve(dist, ".vite/manifest.json"), "utf8"));

const [entryKey] = Object.entries(manifest).find(([, c]) => c.isEntry) ?? [];
if (!entryKey) throw new Error("no entry chunk in dist/.vite/manifest.json");

function collect(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) collect(dep, files);
  return files;
}

const gz = (file) => gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

// The screens a user can land on first: the sign-in page, or the home page when signed in.
const screens = {
  login: "src/features/auth/components/LoginPage.tsx",
  home: "src/features/home/components/HomePage.tsx",
};

let worst = 0;
for (const [name, key] of Object.entries(screens)) {
  if (!manifest[key]) throw new Error(`no chunk for ${key}: was it renamed?`);
  const files = collect(key, collect(entryKey));
  const total = [...files].reduce((sum, f) => sum + gz(f), 0);
  worst = Math.max(worst, total);
  console.log(`first screen (${name}): ${files.size} JS files, ${kb(total)} KB gzip`);
}
const all = Object.values(manifest)
  .map((c) => c.file)
  .filter((f) => f.endsWith(".js"));
const allTotal = [...new Set(all)].reduce((sum, f) => sum + gz(f), 0);
console.log(`all JS: ${new Set(all).size} files, ${kb(allTotal)} KB gzip`);
if (worst > BUDGET_KB * 1024) {
  console.error(`FAIL: first screen JS ${kb(worst)} KB gzip is over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
console.log(`OK: first screen JS ${kb(worst)} KB gzip (budget ${BUDGET_KB} KB)`);
