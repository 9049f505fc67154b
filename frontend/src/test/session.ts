import { startSession } from "../lib/auth/session";
import type { RoleGrant } from "../lib/auth/permissions";

/** Starts a session for a user holding `roles` (render afterwards: the page reads what they hold). */
export function signIn(roles: RoleGrant[], user: { id?: string; display_name?: string } = {}) {
  startSession({
    access_token: "a",
    token_type: "Bearer",
    expires_in: 900,
    refresh_token: "r",
    user: {
      id: user.id ?? "u-me",
      email: "me@example.org",
      display_name: user.display_name ?? "Me",
      language: "es",
      active: true,
      roles,
      version: 1,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    },
  });
}
