import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import type { components } from "../../../lib/api/schema";
import { endSession } from "../../../lib/auth/session";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import NodePage from "./NodePage";

type Schemas = components["schemas"];

const node: Schemas["PlanNodeOut"] = { id: "n1", kind: "activity", code: "1.1.a", title: { es: "Jornada regional" }, status: "planned", version: 2, children: [] };
const plan: Schemas["PlanTreeOut"] = {
  id: "p1",
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" } },
  title: { es: "Plan 2011-2012" },
  starts_on: "2011-01-01",
  ends_on: "2012-12-31",
  status: "draft",
  revision: 1,
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  nodes: [node],
};

describe("NodePage: deleting a node", () => {
  const fetchMock = mockFetch();
  afterEach(() => {
    cleanup();
    endSession();
  });

  it("asks first and deletes only once confirmed", async () => {
    signIn([{ role: "secretariat_admin" }]);
    const deletes: Request[] = [];
    fetchMock.mockImplementation(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "DELETE") {
        deletes.push(request);
        return new Response(null, { status: 204 });
      }
      if (path === "/api/v1/plans/p1") return jsonResponse(200, plan, { etag: '"1"' });
      if (path === "/api/v1/plans/p1/nodes/n1") return jsonResponse(200, node, { etag: '"2"' });
      return jsonResponse(404, { type: "x", title: "No encontrado", status: 404, code: "not_found", request_id: "r" });
    });
    renderWithProviders(
      <Routes>
        <Route path="/plans/:id/nodes/:nodeId" element={<NodePage />} />
        <Route path="/plans/:id" element={<p>the plan</p>} />
      </Routes>,
      { route: "/plans/p1/nodes/n1" },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Eliminar" }));
    const question = screen.getByRole("group", { name: /¿Eliminar 1\.1\.a y todo lo que contiene\?/ });
    expect(question).toHaveFocus();
    await user.click(within(question).getByRole("button", { name: "Cancelar" }));
    expect(deletes).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Eliminar" }));
    expect(deletes).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Sí, eliminar" }));
    await screen.findByText("the plan");
    expect(deletes).toHaveLength(1);
    expect(new URL(deletes[0].url).pathname).toBe("/api/v1/plans/p1/nodes/n1");
    expect(deletes[0].headers.get("if-match")).toBe('"2"');
  });
});
