import { can, tokenScopeCities, type RoleGrant } from "../lib/auth/permissions";

export interface NavEntry {
  to: string;
  /** Translation key of its label. */
  label: string;
  end?: boolean;
}

/** The main navigation of a user: everyone reads the registry; the rest is shown by role. */
export function navEntries(roles: readonly RoleGrant[] | undefined): NavEntry[] {
  const mayManageCityTokens = tokenScopeCities(roles).some((id) => can(roles, "token:manage", { kind: "city", id }));
  return [
    { to: "/", label: "nav.home", end: true },
    { to: "/cities", label: "nav.cities" },
    { to: "/bodies", label: "nav.bodies" },
    { to: "/countries", label: "nav.countries" },
    { to: "/plans", label: "nav.plans" },
    ...(can(roles, "report:review") ? [{ to: "/reports", label: "nav.reviewQueue" }] : []),
    ...(can(roles, "user:read") ? [{ to: "/users", label: "nav.users" }] : []),
    ...(can(roles, "token:manage") || mayManageCityTokens ? [{ to: "/api-tokens", label: "nav.tokens" }] : []),
    ...(can(roles, "audit:read") ? [{ to: "/audit", label: "nav.audit" }] : []),
  ];
}
