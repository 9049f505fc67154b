import { describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import type { Plan } from "../api/plans";
import { PlanLifecycle } from "./PlanLifecycle";

const plan = (status: Plan["status"]): Plan => ({
  id: "p1",
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" } },
  title: { es: "Plan 2011-2012" },
  starts_on: "2011-01-01",
  ends_on: "2012-12-31",
  status,
  revision: 1,
  version: 5,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

const sent = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.map(([r]) => `${(r as Request).method} ${new URL((r as Request).url).pathname}`);

describe("PlanLifecycle: every change of the plan's status is confirmed first", () => {
  const fetchMock = mockFetch();

  it("approves a draft only after the question, with the meeting and its date", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, plan("approved")));
    renderWithProviders(<PlanLifecycle plan={plan("draft")} etag='"5"' onReload={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Reunión que aprueba/), "XVI Cumbre");
    await user.type(screen.getByLabelText(/Fecha de aprobación/), "2011-12-02");
    await user.click(screen.getByRole("button", { name: "Aprobar" }));
    const question = screen.getByRole("group", { name: /¿Aprobar el plan\?/ });
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(within(question).getByRole("button", { name: "Cancelar" }));
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Aprobar" }));
    await user.click(screen.getByRole("button", { name: "Sí, aprobar" }));
    await screen.findByText("Plan aprobado.");
    expect(sent(fetchMock)).toEqual(["POST /api/v1/plans/p1/approve"]);
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.headers.get("if-match")).toBe('"5"');
    expect(await request.json()).toEqual({ meeting: "XVI Cumbre", approved_on: "2011-12-02" });
  });

  it.each([
    ["Poner en ejecución", /¿Poner el plan en ejecución\?/, "Sí, poner en ejecución", "start", "El plan está en ejecución."],
    ["Abrir una nueva revisión", /¿Abrir una nueva revisión\?/, "Sí, abrir una revisión", "revisions", "Se abrió una nueva revisión"],
    ["Cerrar el plan", /¿Cerrar el plan\?/, "Sí, cerrar", "close", "Plan cerrado."],
  ])("%s: nothing is sent before the confirmation", async (button, asked, yes, path, done) => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, plan("in_execution")));
    renderWithProviders(<PlanLifecycle plan={plan("approved")} etag='"5"' onReload={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: button }));
    const question = screen.getByRole("group", { name: asked });
    expect(question).toHaveFocus();
    // While the question is open, the other steps are not offered.
    expect(screen.queryByRole("button", { name: "Cerrar el plan" })).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(within(question).getByRole("button", { name: yes }));
    await screen.findByText((text) => text.startsWith(done));
    expect(sent(fetchMock)).toEqual([`POST /api/v1/plans/p1/${path}`]);
  });
});
