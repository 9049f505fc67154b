import { can, tokenScopeCities, type Held } from "../lib/auth/permissions";

export interface NavEntry {
  to: string;
  /** Translation key of its label. */
  label: string;
  end?: boolean;
}

/** The main navigation of a user: everyone reads the registry; the rest is shown by what they hold. */
export function navEntries(held: readonly Held[] | undefined): NavEntry[] {
  const mayManageCityTokens = tokenScopeCities(held).length > 0;
  return [
    { to: "/", label: "nav.home", end: true },
    { to: "/cities", label: "nav.cities" },
    { to: "/map", label: "nav.map" },
    { to: "/bodies", label: "nav.bodies" },
    { to: "/countries", label: "nav.countries" },
    { to: "/plans", label: "nav.plans" },
    ...(can(held, "event:read") ? [{ to: "/events", label: "nav.events" }] : []),
    ...(can(held, "report:review") ? [{ to: "/reports", label: "nav.reviewQueue" }] : []),
    ...(can(held, "user:read") ? [{ to: "/users", label: "nav.users" }] : []),
    ...(can(held, "token:manage") || mayManageCityTokens ? [{ to: "/api-tokens", label: "nav.tokens" }] : []),
    ...(can(held, "audit:read") ? [{ to: "/audit", label: "nav.audit" }] : []),
  ];
}
