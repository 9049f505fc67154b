// The SPA's lint: its layers import one way (app → features → components, lib) and no feature
// imports another, as in bulletproof-react; what two features share lives in src/components or
// src/lib, and the app composes features. `npm run lint` runs it, and `npm run build` runs lint
// first, so a cross-feature import fails the build.
import { readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import tseslint from "typescript-eslint";
import importPlugin from "eslint-plugin-import";
import reactHooks from "eslint-plugin-react-hooks";

const here = dirname(fileURLToPath(import.meta.url));

/** The zones of `import/no-restricted-paths` for the source tree under `root`. */
function layerZones(root) {
  const features = readdirSync(resolve(here, root, "features"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return [
    // Every feature stands alone: it imports no other feature.
    ...features.map((feature) => ({
      target: `./${root}/features/${feature}`,
      from: `./${root}/features`,
      except: [`./${feature}`],
      message: "A feature imports no other feature: move what they share to src/components or src/lib, or compose them in src/app.",
    })),
    // Features do not reach up into the app that composes them.
    { target: `./${root}/features`, from: `./${root}/app` },
    // Shared code knows neither the features nor the app.
    {
      target: [`./${root}/components`, `./${root}/lib`],
      from: [`./${root}/features`, `./${root}/app`],
      message: "Shared code imports no feature and nothing of src/app.",
    },
  ];
}

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/lib/api/schema.d.ts", "e2e/screenshots/"] },
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { import: importPlugin, "react-hooks": reactHooks },
    settings: {
      "import/resolver": { node: { extensions: [".ts", ".tsx", ".js", ".json"] } },
    },
    rules: {
      "import/no-restricted-paths": ["error", { zones: layerZones("src") }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
);
