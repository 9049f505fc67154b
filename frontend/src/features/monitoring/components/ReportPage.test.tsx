import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import type { components } from "../../../lib/api/schema";
import { endSession } from "../../../lib/auth/session";
import { jsonResponse, mockFetch, renderWithProviders, validationProblem } from "../../../test/render";
import { signIn } from "../../../test/session";
import ReportPage from "./ReportPage";

type Schemas = components["schemas"];

const report = (status: Schemas["ReportOut"]["status"]): Schemas["ReportOut"] => ({
  id: "r1",
  plan_id: "p1",
  node_id: "n1",
  activity_code: "1.1.a",
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
  status,
  author_kind: "user",
  author_id: "u-author",
  version: 2,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-02T00:00:00Z",
});

const PLAN: Schemas["PlanTreeOut"] = {
  id: "p1",
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" } },
  title: { es: "Plan de la SE 2011-2012" },
  starts_on: "2011-01-01",
  ends_on: "2012-12-31",
  status: "in_execution",
  revision: 1,
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  nodes: [{ id: "n1", kind: "activity", code: "1.1.a", title: { es: "Jornada regional" }, version: 1, children: [] }],
};

/** Answers the report and records every step sent; any other read is not found. */
function serve(fetchMock: ReturnType<typeof mockFetch>, status: Schemas["ReportOut"]["status"]) {
  const steps: Request[] = [];
  fetchMock.mockImplementation(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (request.method === "GET" && path === "/api/v1/reports/r1") return jsonResponse(200, report(status), { etag: '"2"' });
    if (path === "/api/v1/plans/p1") return jsonResponse(200, PLAN);
    if (path === "/api/v1/users/u-author") return jsonResponse(200, { id: "u-author", display_name: "Carla Coordinadora" });
    if (request.method === "POST" && path.startsWith("/api/v1/reports/r1/")) {
      steps.push(request.clone());
      const next = path.endsWith("/approve") ? "approved" : path.endsWith("/return") ? "returned" : "submitted";
      const body = request.method === "POST" && request.headers.get("content-type") ? await request.clone().text() : "";
      const moved = body ? (JSON.parse(body) as { activity_status?: Schemas["ActivityStatus"] }).activity_status : undefined;
      return jsonResponse(200, { ...report(next), version: 3, activity_status: moved ?? "in_progress" });
    }
    return jsonResponse(404, { type: "x", title: "No encontrado", status: 404, code: "not_found", request_id: "r" });
  });
  return steps;
}

const validationProblemFor = (field: string, message: string) => validationProblem([{ field, code: "invalid", message }]);

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
    // Left as it was offered, the activity's status is not sent.
    expect(await steps[0].text()).toBe("");
  });

  it("offers the activity's reachable statuses with the approval, unchanged by default, and says the change before sending it", async () => {
    signIn([{ role: "secretariat_staff" }]);
    const steps = serve(fetchMock, "submitted");
    renderPage();
    const user = userEvent.setup();
    expect(await screen.findByTestId("activity-status")).toHaveTextContent("En curso");
    await user.click(await screen.findByRole("button", { name: "Aprobar" }));
    const form = screen.getByTestId("approve-form");
    const select = within(form).getByLabelText("Estado de ejecución de 1.1.a con la aprobación");
    expect(select).toHaveValue("");
    const options = within(select as HTMLElement).getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["Dejarlo sin cambios («En curso»)", "Realizada", "Realizada en parte", "No realizada", "Cancelada"]);
    await user.selectOptions(select, "done");
    expect(within(form).getByText("¿Aprobar este informe de avance y cambiar el estado de 1.1.a de «En curso» a «Realizada»? El informe contará en los reportes del plan y ya no podrá modificarse.")).toBeInTheDocument();
    expect(steps).toHaveLength(0);
    await user.click(within(form).getByRole("button", { name: "Sí, aprobar" }));
    await screen.findByText("Informe aprobado: ahora cuenta en los reportes del plan, y 1.1.a está «Realizada».");
    expect(steps).toHaveLength(1);
    expect(await steps[0].json()).toEqual({ activity_status: "done" });
  });

  it("shows the server's refusal of a status beside the status, and approves nothing", async () => {
    signIn([{ role: "secretariat_admin" }]);
    serve(fetchMock, "submitted");
    const served = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation(async (request: Request) =>
      request.method === "POST"
        ? validationProblemFor("activity_status", "No se puede pasar de «En curso» a «Planificada».")
        : served(request),
    );
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Aprobar" }));
    const form = screen.getByTestId("approve-form");
    await user.selectOptions(within(form).getByRole("combobox"), "cancelled");
    await user.click(within(form).getByRole("button", { name: "Sí, aprobar" }));
    expect(await within(form).findByText("No se puede pasar de «En curso» a «Planificada».")).toBeInTheDocument();
    expect(within(form).getByRole("combobox")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText(/Informe aprobado/)).toBeNull();
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

describe("ReportPage: what the report is about and who wrote it", () => {
  const fetchMock = mockFetch();
  afterEach(() => {
    cleanup();
    endSession();
  });

  it("names the activity, the plan and the author for who may read users", async () => {
    signIn([{ role: "secretariat_staff" }]);
    serve(fetchMock, "submitted");
    renderPage();
    const facts = await screen.findByTestId("report-facts");
    expect(await within(facts).findByRole("link", { name: "1.1.a · Jornada regional" })).toHaveAttribute("href", "/plans/p1/nodes/n1");
    expect(within(facts).getByRole("link", { name: "Plan de la SE 2011-2012" })).toHaveAttribute("href", "/plans/p1");
    expect(await within(facts).findByText("Carla Coordinadora")).toBeInTheDocument();
  });

  it("says it is theirs to its author, and asks nobody's name of those who may not read users", async () => {
    signIn([{ role: "coordinator", body_id: "b-utc" }], { id: "u-author", display_name: "Carla" });
    serve(fetchMock, "draft");
    renderPage();
    expect(await screen.findByTestId("report-author")).toHaveTextContent("Carla (usted)");
    cleanup();
    endSession();
    signIn([{ role: "observer" }]);
    renderPage();
    expect(await screen.findByTestId("report-author")).toHaveTextContent("Otra persona");
    expect(fetchMock.mock.calls.some(([r]) => new URL((r as Request).url).pathname.startsWith("/api/v1/users/"))).toBe(false);
  });
});
