import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { components } from "../../../lib/api/schema";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { BodyPlans } from "./BodyPlans";

type Schemas = components["schemas"];

const plan: Schemas["PlanOut"] = {
  id: "p1",
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" } },
  title: { es: "Plan de Trabajo 2011-2012" },
  starts_on: "2011-01-01",
  ends_on: "2012-12-31",
  status: "in_execution",
  revision: 1,
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

describe("BodyPlans", () => {
  const fetchMock = mockFetch();

  it("lists the plans the body owns, each linked, asking the plans list for that owner", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [plan], page: 1, per_page: 10, total: 1 }));
    renderWithProviders(<BodyPlans bodyId="b-se" />);
    const section = screen.getByRole("region", { name: "Planes de trabajo" });
    const link = await within(section).findByRole("link", { name: "Plan de Trabajo 2011-2012" });
    expect(link).toHaveAttribute("href", "/plans/p1");
    expect(within(section).getByText("En ejecución")).toBeInTheDocument();
    const url = new URL((fetchMock.mock.calls[0][0] as Request).url);
    expect(url.pathname).toBe("/api/v1/plans");
    expect(url.searchParams.get("owner_body_id")).toBe("b-se");
  });

  it("says so when the body owns no plan", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [], page: 1, per_page: 10, total: 0 }));
    renderWithProviders(<BodyPlans bodyId="b-x" />);
    expect(await screen.findByText("Este órgano no tiene planes de trabajo.")).toBeInTheDocument();
  });
});
