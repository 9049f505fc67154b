import { describe, expect, it } from "vitest";
import { executionBreakdown, executionByPolicy, executionShares, wrapLabel } from "./charts";
import type { components } from "./api/schema";

type Schemas = components["schemas"];

describe("execution chart data", () => {
  it("keeps one bar per policy with activities, in order", () => {
    const rows: { code: string; kind: Schemas["ExecutionRowKind"]; activities: number; executed_share: number; executed_or_partial_share: number }[] = [
      { code: "1", kind: "dimension", activities: 9, executed_share: 11.1, executed_or_partial_share: 11.1 },
      { code: "1.1", kind: "policy", activities: 2, executed_share: 50, executed_or_partial_share: 100 },
      { code: "1.1.1", kind: "axis", activities: 0, executed_share: 0, executed_or_partial_share: 0 },
      { code: "1.2", kind: "policy", activities: 4, executed_share: 0, executed_or_partial_share: 25 },
      { code: "2.1", kind: "policy", activities: 0, executed_share: 0, executed_or_partial_share: 0 },
    ];
    expect(executionByPolicy(rows, (r) => `P ${r.code}`)).toEqual([
      { key: "1.1", label: "P 1.1", value: 50, partial: 100 },
      { key: "1.2", label: "P 1.2", value: 0, partial: 25 },
    ]);
  });

  it("keeps one bar per responsible body with activities", () => {
    const rows: { code: string; kind: Schemas["ExecutionRowKind"]; activities: number; executed_share: number; executed_or_partial_share: number }[] = [
      { code: "SE", kind: "body", activities: 16, executed_share: 31.3, executed_or_partial_share: 50 },
      { code: "XX", kind: "body", activities: 0, executed_share: 0, executed_or_partial_share: 0 },
      { code: "1.1", kind: "policy", activities: 2, executed_share: 100, executed_or_partial_share: 100 },
    ];
    expect(executionShares(rows, "body", (r) => r.code)).toEqual([{ key: "SE", label: "SE", value: 31.3, partial: 50 }]);
  });

  it("counts a row's activities by execution, the unreported last, absent ones as 0", () => {
    const label = (x: string) => `E:${x}`;
    expect(executionBreakdown({ by_execution: { yes: 2, not_reported: 5 } }, label)).toEqual([
      { key: "yes", label: "E:yes", tone: "yes", value: 2 },
      { key: "partially", label: "E:partially", tone: "partially", value: 0 },
      { key: "no", label: "E:no", tone: "no", value: 0 },
      { key: "not_reported", label: "E:not_reported", tone: "not_reported", value: 5 },
    ]);
  });
});

describe("wrapLabel", () => {
  it("breaks a label into lines that fit, cutting a word longer than a line and a label longer than the lines", () => {
    expect(wrapLabel("1.1 Políticas estratégicas", 20)).toEqual(["1.1 Políticas", "estratégicas"]);
    expect(wrapLabel("Corto", 20)).toEqual(["Corto"]);
    expect(wrapLabel("Internacionalización", 10)).toEqual(["Internaci…"]);
    expect(wrapLabel("uno dos tres cuatro cinco seis siete", 8, 2)).toEqual(["uno dos", "tres…"]);
    expect(wrapLabel("", 10)).toEqual([""]);
  });
});
