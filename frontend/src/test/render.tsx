import { render } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
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

/**
 * A fetch stub for the tests of a `describe`: fresh before each test (no answers, no calls) and
 * taken away after it.
 */
export function mockFetch() {
  const fetchMock = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());
  return fetchMock;
}

/** The server's 422 with its field `errors`, as the API writes it in Spanish. */
export const validationProblem = (errors: { field: string; code: string; message: string }[], requestId = "r1") =>
  jsonResponse(422, {
    type: "urn:mercociudades:problem:validation_failed",
    title: "Datos inválidos",
    status: 422,
    detail: "Corrija los campos indicados en errors.",
    code: "validation_failed",
    request_id: requestId,
    errors,
  });

/** The server's 412: someone changed the record since it was read (now at `currentVersion`). */
export const staleProblem = (currentVersion: number, requestId = "r1") =>
  jsonResponse(412, {
    type: "urn:mercociudades:problem:precondition_failed",
    title: "El registro cambió",
    status: 412,
    detail: "Otra persona cambió el registro.",
    code: "precondition_failed",
    request_id: requestId,
    current_version: currentVersion,
  });
