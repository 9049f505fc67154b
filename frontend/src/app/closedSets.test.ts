import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { EXECUTIONS, oneOf } from "../lib/api/closed";
import { ACTIVITY_STATUSES } from "../lib/plans/activityStatus";
import { BODY_KINDS, TERM_ROLES } from "../features/bodies/api/bodies";
import { MEMBERSHIP_STATUSES } from "../features/cities/api/cities";
import { MERCOSUR_STATUSES } from "../features/countries/api/countries";
import { REPORT_STATUSES, RESULT_KINDS, STAGE_LADDERS } from "../features/monitoring/model/indicators";
import { MEASURES } from "../features/monitoring/model/indicatorForm";
import { NODE_KINDS, PLAN_STATUSES } from "../features/plans/model/rules";
import { ALL_ACTIONS, ROLES, grantableToToken } from "../lib/auth/permissions";
import { LANGUAGES } from "../lib/i18n/language";
import { RECORD_TYPES } from "../features/audit/api/audit";
import { INBOX_KINDS } from "../features/home/model/inbox";
import { NOTIFICATION_KINDS } from "../features/notifications/api/notifications";
import { EVENT_KINDS, EVENT_STATUSES, PARTICIPANT_KINDS } from "../features/events/api/events";
import { DELEGATION_STATUSES } from "../features/events/api/delegations";
import { GENDERS } from "../features/events/model/delegations";

const doc = JSON.parse(readFileSync(resolve(__dirname, "../../../openapi/openapi.json"), "utf8")) as {
  components: { schemas: Record<string, { enum?: string[] }> };
};
const values = (name: string) => [...(doc.components.schemas[name]?.enum ?? [])].sort();

describe("the closed sets the SPA offers", () => {
  it("are exactly the API's", () => {
    const offered: [string, readonly string[]][] = [
      ["BodyKind", BODY_KINDS],
      ["TermRole", TERM_ROLES],
      ["MembershipStatus", MEMBERSHIP_STATUSES],
      ["MercosurStatus", MERCOSUR_STATUSES],
      ["Execution", EXECUTIONS],
      ["ReportStatus", REPORT_STATUSES],
      ["ResultKind", RESULT_KINDS],
      ["Measure", MEASURES],
      ["NodeKind", NODE_KINDS],
      ["PlanStatus", PLAN_STATUSES],
      ["ActivityStatus", ACTIVITY_STATUSES],
      ["Role", ROLES],
      ["Permission", ALL_ACTIONS],
      ["TokenPermission", ALL_ACTIONS.filter(grantableToToken)],
      ["Language", LANGUAGES],
      ["RecordType", RECORD_TYPES],
      ["InboxKind", INBOX_KINDS],
      ["NotificationKind", NOTIFICATION_KINDS],
      ["EventKind", EVENT_KINDS],
      ["EventStatus", EVENT_STATUSES],
      ["ParticipantKind", PARTICIPANT_KINDS],
      ["DelegationStatus", DELEGATION_STATUSES],
      ["Gender", GENDERS],
    ];
    for (const [name, list] of offered) {
      expect(values(name), name).not.toEqual([]);
      expect([...list].sort(), name).toEqual(values(name));
    }
  });

  it("climb only the API's stages", () => {
    const stages = new Set(Object.values(STAGE_LADDERS).flat());
    expect([...stages].sort()).toEqual(values("ResultStage"));
  });
});

describe("oneOf", () => {
  it("keeps a value of the set and drops anything else", () => {
    expect(oneOf(TERM_ROLES, "holder")).toBe("holder");
    expect(oneOf(TERM_ROLES, "")).toBeUndefined();
    expect(oneOf(TERM_ROLES, "HOLDER")).toBeUndefined();
    expect(oneOf(TERM_ROLES, null)).toBeUndefined();
  });
});
