import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { components } from "../../../lib/api/schema";
import { jsonResponse, mockFetch, renderWithProviders, validationProblem } from "../../../test/render";
import { signIn } from "../../../test/session";
import { DelegationForm } from "./DelegationForm";

type Delegation = components["schemas"]["DelegationOut"];

const delegation = (over: Partial<Delegation> = {}): Delegation => ({
  id: "d1",
  event_id: "e1",
  city: { id: "c1", name: "Rosario", country_code: "AR" },
  quota: 2,
  status: "invited",
  delegates: [],
  version: 3,
  created_at: "2026-11-30T10:00:00Z",
  updated_at: "2026-11-30T10:00:00Z",
  ...over,
});

describe("DelegationForm", () => {
  const fetchMock = mockFetch();

  it("registers delegates up to the quota and saves them with the delegation's version as If-Match", async () => {
    signIn([{ role: "focal_point", city_id: "c1" }]);
    fetchMock.mockResolvedValue(jsonResponse(200, delegation({ status: "registered", version: 4 })));
    renderWithProviders(<DelegationForm eventId="e1" delegation={delegation()} />);
    const user = userEvent.setup();
    const add = screen.getByRole("button", { name: "Agregar un delegado" });
    await user.click(add);
    await user.click(add);
    expect(add).toBeDisabled();
    const rows = screen.getAllByTestId("delegate-row");
    await user.type(within(rows[0]).getByLabelText(/Nombre/), "Lucía Paraná");
    await user.type(within(rows[0]).getByLabelText("Cargo"), "Directora de Cultura");
    await user.selectOptions(within(rows[0]).getByLabelText("Género"), "female");
    await user.type(within(rows[1]).getByLabelText(/Nombre/), "Martín Rosales");
    await user.click(screen.getByRole("button", { name: "Guardar los delegados" }));
    await screen.findByText("Delegados guardados.");
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("PUT");
    expect(new URL(request.url).pathname).toBe("/api/v1/events/e1/delegations/c1/delegates");
    expect(request.headers.get("if-match")).toBe('"3"');
    expect(await request.json()).toEqual({
      delegates: [
        { name: "Lucía Paraná", position: "Directora de Cultura", gender: "female" },
        { name: "Martín Rosales", position: null, gender: null },
      ],
    });
  });

  it("puts the server's message beside the delegate's field", async () => {
    signIn([{ role: "focal_point", city_id: "c1" }]);
    fetchMock.mockResolvedValue(validationProblem([{ field: "delegates[0].name", code: "required", message: "Falta el nombre." }]));
    renderWithProviders(<DelegationForm eventId="e1" delegation={delegation()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Agregar un delegado" }));
    await user.click(screen.getByRole("button", { name: "Guardar los delegados" }));
    const name = within(screen.getByTestId("delegate-row")).getByLabelText(/Nombre/);
    await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Falta el nombre.")).toBeInTheDocument();
  });

  it("confirms a registered delegation only once the question is answered", async () => {
    signIn([{ role: "focal_point", city_id: "c1" }]);
    const registered = delegation({ status: "registered", delegates: [{ id: "p1", name: "Lucía Paraná", position: null, gender: null }] });
    fetchMock.mockResolvedValue(jsonResponse(200, { ...registered, status: "confirmed", version: 4 }));
    renderWithProviders(<DelegationForm eventId="e1" delegation={registered} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Confirmar la delegación" }));
    expect(fetchMock).not.toHaveBeenCalled();
    const question = screen.getByRole("group", { name: /¿Confirmar la delegación de Rosario\?/ });
    await user.click(within(question).getByRole("button", { name: "Confirmar la delegación" }));
    await screen.findByText("Delegación confirmada.");
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe("/api/v1/events/e1/delegations/c1/confirm");
    expect(request.headers.get("if-match")).toBe('"3"');
  });
});
