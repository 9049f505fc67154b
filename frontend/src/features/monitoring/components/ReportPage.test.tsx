import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import type { components } from "../../../lib/api/schema";
import { endSession } from "../../../lib/auth/session";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import ReportPage from "./ReportPage";

type Schemas = components["schemas"];

const report = (status: Schemas["ReportOut"]["status"]): Schemas["ReportOut"] => ({
  id: "r1",
  plan_id: "p1",
  node_id: "n1",
  activity_code: "1.1.a",
  reported_on: "2012-05-10",
  execution: "yes",
  cities: [],
  countries: [],
  organizations: [],
  mercosur_institutions: [],
  specific_groups: [],
  results: [],
  evidence: [],
  status,
  author_kind: "user",
  author_id: "u-author",
  version: 2,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-02T00:00:00Z",
});

/** Answers the report and records every step sent; any other read is not found. */
function serve(fetchMock: ReturnType<typeof mockFetch>, status: Schemas["ReportOut"]["status"]) {
  const steps: Request[] = [];
  fetchMock.mockImplementation(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (request.method === "GET" && path === "/api/v1/reports/r1") return jsonResponse(200, report(status), { etag: '"2"' });
    if (request.method === "POST" && path.startsWith("/api/v1/reports/r1/")) {
      steps.push(request.clone());
      const next = path.endsWith("/approve") ? "approved" : path.endsWith("/return") ? "returned" : "submitted";
      return jsonResponse(200, { ...report(next), version: 3 });
    }
    return jsonResponse(404, { type: "x", title: "No encontrado", status: 404, code: "not_found", request_id: "r" });
  });
  return steps;
}

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/reports/:reportId" element={<ReportPage />} />
    </Routes>,
    { route: "/reports/r1" },
  );
}

describe("ReportPage: review steps wait for a confirmation", () => {
  const fetchMock = mockFetch();
  afterEach(() => {
    cleanup();
    endSession();
  });

  it("approves only once the question is answered yes, and not after a cancel", async () => {
    signIn([{ role: "secretariat_staff" }]);
    const steps = serve(fetchMock, "submitted");
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Aprobar" }));
    const question = screen.getByRole("group", { name: /¿Aprobar este informe de avance\?/ });
    expect(question).toHaveFocus();
    expect(steps).toHaveLength(0);
    await user.click(within(question).getByRole("button", { name: "Cancelar" }));
    expect(screen.queryByRole("group", { name: /¿Aprobar/ })).toBeNull();
    expect(steps).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Aprobar" }));
    await user.click(screen.getByRole("button", { name: "Sí, aprobar" }));
    await screen.findByText(/Informe aprobado/);
    expect(steps).toHaveLength(1);
    expect(new URL(steps[0].url).pathname).toBe("/api/v1/reports/r1/approve");
    expect(steps[0].headers.get("if-match")).toBe('"2"');
  });

  it("returns only once the reason is confirmed", async () => {
    signIn([{ role: "secretariat_admin" }]);
    const steps = serve(fetchMock, "submitted");
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Devolver al autor" }));
    const question = screen.getByRole("group", { name: /¿Devolver este informe a su autor\?/ });
    expect(screen.queryByRole("button", { name: "Aprobar" })).toBeNull();
    await user.type(within(question).getByLabelText(/Motivo/), "Falta la evidencia.");
    expect(steps).toHaveLength(0);
    await user.click(within(question).getByRole("button", { name: "Devolver con este motivo" }));
    await screen.findByText("Informe devuelto a su autor.");
    expect(steps).toHaveLength(1);
    expect(new URL(steps[0].url).pathname).toBe("/api/v1/reports/r1/return");
    expect(await steps[0].json()).toEqual({ reason: "Falta la evidencia." });
  });

  it("offers no review to who may not review", async () => {
    signIn([{ role: "observer" }]);
    serve(fetchMock, "submitted");
    renderPage();
    await screen.findByTestId("report-facts");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Aprobar" })).toBeNull());
    expect(screen.queryByRole("button", { name: "Devolver al autor" })).toBeNull();
  });
});
