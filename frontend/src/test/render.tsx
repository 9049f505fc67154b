import { render } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { MemoryRouter } from "react-router";
import type { ReactElement } from "react";
import { Providers } from "../app/providers";
import { getSessionState } from "../lib/auth/session";
import { meKey } from "../lib/auth/useAuth";
import "../lib/i18n";
import { heldBy } from "./held";

/**
 * Renders a component with a fresh query client and a router, as the app does. A signed-in
 * user (a session started by the test) holds what the server lists for their roles.
 */
export function renderWithProviders(ui: ReactElement, { route = "/" }: { route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const { user } = getSessionState();
  if (user) client.setQueryData(meKey, { data: { ...user, permissions: heldBy(user.roles) }, etag: `"${user.version}"` });
  return {
    client,
    ...render(
      <Providers client={client}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </Providers>,
    ),
  };
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": status >= 400 ? "application/problem+json" : "application/json",
      ...headers,
    },
  });
