import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, mockFetch, renderWithProviders, validationProblem } from "../../../test/render";
import type { PlanNode } from "../api/plans";
import { NodeForm, nodeValues, toNodeInput } from "./NodeForm";

const activity: PlanNode = {
  id: "a1",
  kind: "activity",
  code: "1.2.d",
  title: { es: "Iniciar un relacionamiento con la UNASUR" },
  version: 2,
  children: [],
  status: "in_progress",
  partners: ["UNASUR"],
  responsible_bodies: ["SE"],
  budget: { amount_minor: 250000, currency: "USD" },
};
const objective: PlanNode = {
  id: "o1",
  kind: "objective",
  code: "2.3.O",
  title: { es: "Incrementar las capacidades de la red" },
  version: 1,
  children: [{ ...activity, id: "x", code: "2.3.c", children: [] }],
};

describe("toNodeInput", () => {
  it("keeps what the form does not show, leaves the status out, and reads the budget", () => {
    const values = { ...nodeValues(activity), amount: "3.000,00" };
    values.title.pt = "Iniciar relacionamento com a UNASUL";
    expect(toNodeInput(values, activity)).toEqual({
      kind: "activity",
      code: "1.2.d",
      title: { es: "Iniciar un relacionamiento con la UNASUR", pt: "Iniciar relacionamento com a UNASUL" },
      partners: ["UNASUR"],
      responsible_bodies: ["SE"],
      budget: { amount_minor: 300000, currency: "USD" },
    });
    expect(toNodeInput({ ...values, amount: "tres mil" }, activity)).toEqual({ error: "amount" });
  });
});

describe("NodeForm", () => {
  const fetchMock = mockFetch();

  it("offers only the kinds that may stand under the parent and suggests the next code", () => {
    renderWithProviders(<NodeForm mode="create" planId="p1" parent={objective} roots={[]} onDone={vi.fn()} onCancel={vi.fn()} />);
    const kind = screen.getByLabelText(/^Tipo/) as HTMLSelectElement;
    expect([...kind.options].map((o) => o.value)).toEqual(["activity"]);
    expect(screen.getByLabelText(/^Código/)).toHaveValue("2.3.d");
  });

  it("puts the server's messages beside the fields (a 409 duplicate code too)", async () => {
    fetchMock.mockResolvedValueOnce(
      validationProblem([{ field: "title", code: "empty", message: "No puede estar vacío." }]),
    );
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, {
        type: "urn:mercociudades:problem:duplicate",
        title: "Ya existe",
        status: 409,
        detail: "Ya existe un registro con el mismo código.",
        code: "duplicate",
        request_id: "r2",
        errors: [{ field: "code", code: "duplicate", message: "Ya registrado." }],
      }),
    );
    const onDone = vi.fn();
    renderWithProviders(<NodeForm mode="create" planId="p1" parent={objective} roots={[]} onDone={onDone} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Agregar" }));
    const title = screen.getByLabelText(/^Título \(Español\)/);
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
    expect(title).toHaveAccessibleDescription("No puede estar vacío.");
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(new URL(request.url).pathname).toBe("/api/v1/plans/p1/nodes/o1/children");

    await user.type(title, "Nueva actividad");
    await user.click(screen.getByRole("button", { name: "Agregar" }));
    const code = screen.getByLabelText(/^Código/);
    await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"));
    expect(code).toHaveAccessibleDescription(expect.stringContaining("Ya registrado."));
    expect(onDone).not.toHaveBeenCalled();
  });
});
