import { resolve } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The SPA's own lint configuration (eslint.config.js), run on a file placed in the source tree.
const eslint = new ESLint({ cwd: resolve(__dirname, "../..") });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, "../..", filePath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the layers of the SPA", () => {
  it("refuses a feature importing another feature", async () => {
    const found = await problems(
      "src/features/monitoring/components/Probe.tsx",
      'import { usePlan } from "../../plans/api/plans";\nexport const probe = usePlan;\n',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^import\/no-restricted-paths: .*A feature imports no other feature/);
  });

  it("lets a feature import its own files, shared components and lib", async () => {
    const found = await problems(
      "src/features/monitoring/components/Probe.tsx",
      [
        'import { useReportList } from "../api/reports";',
        'import { Loading } from "../../../components/Loading";',
        'import { localized } from "../../../lib/i18n/format";',
        "export const probe = [useReportList, Loading, localized];",
        "",
      ].join("\n"),
    );
    expect(found).toEqual([]);
  });

  it("refuses shared code importing a feature or the app", async () => {
    const found = await problems(
      "src/components/Probe.tsx",
      'import { usePlan } from "../features/plans/api/plans";\nimport { AppRoutes } from "../app/routes";\nexport const probe = [usePlan, AppRoutes];\n',
    );
    expect(found).toHaveLength(2);
    for (const f of found) expect(f).toMatch(/^import\/no-restricted-paths: .*Shared code imports no feature/);
  });

  it("lets the app compose features", async () => {
    const found = await problems(
      "src/app/screens/Probe.tsx",
      'import NodePage from "../../features/plans/components/NodePage";\nimport { ReportsSection } from "../../features/monitoring/components/ReportsSection";\nexport const probe = [NodePage, ReportsSection];\n',
    );
    expect(found).toEqual([]);
  });
});
