import type { components } from "../lib/api/schema";

type Schemas = components["schemas"];

/**
 * A row of the execution report as the server counts it: `activities`, of which `yes` were
 * carried out and `partially` partly (none refused), the others not reported, with the shares.
 */
export const executionRow = (
  code: string,
  kind: Schemas["ExecutionRowKind"],
  title: Schemas["Localized"],
  activities: number,
  yes: number,
  partially: number,
): Schemas["ExecutionRow"] => ({
  code,
  kind,
  title,
  activities,
  by_status: { planned: activities },
  by_execution: { yes, partially, no: 0, not_reported: activities - yes - partially },
  executed_share: activities ? (100 * yes) / activities : 0,
  executed_or_partial_share: activities ? (100 * (yes + partially)) / activities : 0,
});
