import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { components } from "../../../lib/api/schema";
import { endSession } from "../../../lib/auth/session";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import { IndicatorsSection } from "./IndicatorsSection";

type Schemas = components["schemas"];

const node: Schemas["PlanNodeOut"] = { id: "n1", kind: "activity", code: "1.1.a", title: { es: "Jornada" }, version: 1, children: [] };
const plan: Schemas["PlanTreeOut"] = {
  id: "p1",
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" } },
  title: { es: "Plan" },
  starts_on: "2011-01-01",
  ends_on: "2012-12-31",
  status: "draft",
  revision: 1,
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  nodes: [node],
};
const indicator: Schemas["IndicatorOut"] = {
  id: "i1",
  plan_id: "p1",
  node_id: "n1",
  node_code: "1.1.a",
  title: { es: "Ciudades que adoptan la agenda" },
  measure: "unit",
  version: 4,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

describe("IndicatorsSection: deleting an indicator", () => {
  const fetchMock = mockFetch();
  afterEach(() => {
    cleanup();
    endSession();
  });

  it("asks first, names the indicator, and deletes only once confirmed", async () => {
    signIn([{ role: "secretariat_staff" }]);
    const deletes: Request[] = [];
    fetchMock.mockImplementation(async (request: Request) => {
      if (request.method === "DELETE") {
        deletes.push(request);
        return new Response(null, { status: 204 });
      }
      return jsonResponse(200, { indicators: deletes.length ? [] : [indicator], roll_ups: [] });
    });
    renderWithProviders(<IndicatorsSection plan={plan} node={node} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Eliminar" }));
    const question = screen.getByRole("group", { name: /¿Eliminar el indicador «Ciudades que adoptan la agenda»/ });
    expect(question).toHaveFocus();
    await user.click(within(question).getByRole("button", { name: "Cancelar" }));
    expect(deletes).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Eliminar" }));
    expect(deletes).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Sí, eliminar" }));
    await screen.findByText("Sin indicadores.");
    expect(deletes).toHaveLength(1);
    expect(new URL(deletes[0].url).pathname).toBe("/api/v1/indicators/i1");
    expect(deletes[0].headers.get("if-match")).toBe('"4"');
  });
});
