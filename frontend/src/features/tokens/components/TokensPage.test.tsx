import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { components } from "../../../lib/api/schema";
import { endSession } from "../../../lib/auth/session";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import TokensPage from "./TokensPage";

type Schemas = components["schemas"];

const token: Schemas["ApiTokenOut"] = {
  id: "t1",
  name: "Sincronización",
  prefix: "mc_abc",
  scope: { role: "focal_point", city_id: "c-ros" },
  permissions: ["registry:read"],
  created_by: "u1",
  created_at: "2026-01-01T00:00:00Z",
  expires_at: "2099-01-01T00:00:00Z",
};

describe("TokensPage: revoking a token", () => {
  const fetchMock = mockFetch();
  afterEach(() => {
    cleanup();
    endSession();
  });

  it("asks first and revokes only once confirmed", async () => {
    signIn([{ role: "secretariat_admin" }]);
    const revoked: Request[] = [];
    fetchMock.mockImplementation(async (request: Request) => {
      const url = new URL(request.url);
      if (request.method === "DELETE") {
        revoked.push(request);
        return jsonResponse(200, { ...token, revoked_at: "2026-02-01T00:00:00Z" });
      }
      if (url.pathname === "/api/v1/api-tokens") {
        const items = [revoked.length ? { ...token, revoked_at: "2026-02-01T00:00:00Z" } : token];
        return jsonResponse(200, { items, page: 1, per_page: 25, total: 1 });
      }
      return jsonResponse(200, { items: [], page: 1, per_page: 200, total: 0 });
    });
    renderWithProviders(<TokensPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Revocar el token Sincronización" }));
    const question = screen.getByRole("group", { name: /¿Revocar «Sincronización»\?/ });
    await user.click(within(question).getByRole("button", { name: "Cancelar" }));
    expect(revoked).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Revocar el token Sincronización" }));
    expect(revoked).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Sí, revocar" }));
    await screen.findByText("Token «Sincronización» revocado.");
    expect(revoked).toHaveLength(1);
    expect(new URL(revoked[0].url).pathname).toBe("/api/v1/api-tokens/t1");
  });
});
