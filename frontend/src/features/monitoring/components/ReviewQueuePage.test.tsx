import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import type { components } from "../../../lib/api/schema";
import { endSession } from "../../../lib/auth/session";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import ReviewQueuePage from "./ReviewQueuePage";

type Schemas = components["schemas"];

const activity = (id: string, code: string, title: string): Schemas["PlanNodeOut"] => ({ id, kind: "activity", code, title: { es: title }, version: 1, children: [] });
const tree = (id: string, title: string, nodes: Schemas["PlanNodeOut"][]): Schemas["PlanTreeOut"] => ({
  id,
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" } },
  title: { es: title },
  starts_on: "2011-01-01",
  ends_on: "2012-12-31",
  status: "in_execution",
  revision: 1,
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  nodes: [{ id: `${id}-dim`, kind: "dimension", code: "1", title: { es: "Dimensión" }, version: 1, children: nodes }],
});
const report = (id: string, planId: string, nodeId: string, code: string, author: Partial<Schemas["ReportOut"]>): Schemas["ReportOut"] => ({
  id,
  plan_id: planId,
  node_id: nodeId,
  activity_code: code,
  activity_status: "in_progress",
  reported_on: "2012-05-10",
  execution: "yes",
  cities: [],
  countries: [],
  organizations: [],
  mercosur_institutions: [],
  specific_groups: [],
  results: [],
  evidence: [],
  status: "submitted",
  author_kind: "user",
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-02T00:00:00Z",
  ...author,
});

const REPORTS = [
  report("r1", "p1", "n-a", "1.1.a", { author_id: "u-carla" }),
  report("r2", "p1", "n-b", "1.1.b", { author_id: "u-carla" }),
  report("r3", "p2", "n-c", "2.1.a", { author_kind: "token", author_id: "t-1" }),
  report("r4", "p1", "n-a", "1.1.a", { author_id: "u-me" }),
];

describe("ReviewQueuePage", () => {
  const fetchMock = mockFetch();
  afterEach(() => {
    cleanup();
    endSession();
  });

  it("names each report's activity, plan and author, reading each plan and each person once", async () => {
    signIn([{ role: "secretariat_staff" }], { id: "u-me", display_name: "Sergio Staff" });
    fetchMock.mockImplementation(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/v1/reports") return jsonResponse(200, { items: REPORTS, page: 1, per_page: 25, total: REPORTS.length });
      if (path === "/api/v1/plans/p1") return jsonResponse(200, tree("p1", "Plan de la SE 2011-2012", [activity("n-a", "1.1.a", "Jornada regional"), activity("n-b", "1.1.b", "Seminario")]));
      if (path === "/api/v1/plans/p2") return jsonResponse(200, tree("p2", "Plan de la UT de Cultura", [activity("n-c", "2.1.a", "Festival")]));
      if (path === "/api/v1/users/u-carla") return jsonResponse(200, { id: "u-carla", display_name: "Carla Coordinadora" });
      return jsonResponse(404, { type: "x", title: "No encontrado", status: 404, code: "not_found", request_id: "r" });
    });
    renderWithProviders(<ReviewQueuePage />, { route: "/reports" });
    const table = await screen.findByTestId("review-queue");
    const row = (id: string) => table.querySelector<HTMLElement>(`tr[data-report="${id}"]`)!;
    expect(await within(row("r1")).findByRole("link", { name: "1.1.a · Jornada regional" })).toHaveAttribute("href", "/reports/r1");
    expect(within(row("r1")).getByRole("link", { name: "Plan de la SE 2011-2012" })).toHaveAttribute("href", "/plans/p1");
    await within(row("r1")).findByText("Carla Coordinadora");
    expect(within(row("r2")).getByRole("link", { name: "1.1.b · Seminario" })).toBeInTheDocument();
    expect(await within(row("r3")).findByRole("link", { name: "2.1.a · Festival" })).toBeInTheDocument();
    expect(within(row("r3")).getByText("Un sistema (token de API)")).toBeInTheDocument();
    expect(within(row("r4")).getByText("Sergio Staff (usted)")).toBeInTheDocument();
    const asked = fetchMock.mock.calls.map(([r]) => new URL((r as Request).url).pathname);
    expect(asked.filter((p) => p === "/api/v1/plans/p1")).toHaveLength(1);
    expect(asked.filter((p) => p === "/api/v1/plans/p2")).toHaveLength(1);
    expect(asked.filter((p) => p.startsWith("/api/v1/users/"))).toEqual(["/api/v1/users/u-carla"]);
  });
});
