import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EMPTY_USER, UserForm, roleRowErrors, toUserIn, type UserFormValues } from "./UserForm";
import type { User } from "../api/users";
import { jsonResponse, mockFetch, renderWithProviders, validationProblem } from "../../../test/render";

const cities = [
  { id: "c-ros", name: "Rosario", country: "AR" },
  { id: "c-mvd", name: "Montevideo", country: "UY" },
];
const bodies = [{ id: "b-cul", name: "Unidad Temática de Cultura" }];

const existing: User = {
  id: "u1",
  email: "ana@example.org",
  display_name: "Ana",
  language: "es",
  active: true,
  roles: [{ role: "focal_point", city_id: "c-ros" }],
  version: 2,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

function renderForm(overrides: Partial<Parameters<typeof UserForm>[0]> = {}) {
  const props = { cities, bodies, onSaved: vi.fn(), onCancel: vi.fn(), onReload: vi.fn().mockResolvedValue(undefined), ...overrides };
  renderWithProviders(<UserForm {...props} />);
  return props;
}

describe("toUserIn", () => {
  it("puts a role's scope where its role needs it, and the password only on creation", () => {
    const values: UserFormValues = {
      ...EMPTY_USER,
      email: " a@b.org ",
      display_name: "A",
      password: "correct horse battery",
      roles: [
        { role: "coordinator", scopeId: "b-cul" },
        { role: "focal_point", scopeId: "c-ros" },
        { role: "observer", scopeId: "ignored" },
      ],
    };
    expect(toUserIn(values, true)).toEqual({
      email: "a@b.org",
      display_name: "A",
      language: "es",
      active: true,
      roles: [{ role: "coordinator", body_id: "b-cul" }, { role: "focal_point", city_id: "c-ros" }, { role: "observer" }],
      password: "correct horse battery",
    });
    expect(toUserIn(values, false)).not.toHaveProperty("password");
  });

  it("gathers a role row's scope messages from every spelling of its path", () => {
    const errors = { "roles[1]": ["scope"], "roles[1].city_id": ["city"], "roles[0].role": ["role"] };
    expect(roleRowErrors(errors, 1)).toEqual({ role: [], scope: ["scope", "city"] });
    expect(roleRowErrors(errors, 0)).toEqual({ role: ["role"], scope: [] });
  });
});

describe("UserForm", () => {
  const fetchMock = mockFetch();

  it("asks for a city for a focal point and a body for a coordinator", async () => {
    renderForm();
    const user = userEvent.setup();
    const row = screen.getByRole("group", { name: "Rol 1" });
    expect(within(row).queryByLabelText(/Ciudad del punto focal/)).toBeNull();
    await user.selectOptions(within(row).getByLabelText("Rol"), "focal_point");
    expect(within(row).getByLabelText(/Ciudad del punto focal/)).toBeInTheDocument();
    await user.selectOptions(within(row).getByLabelText("Rol"), "coordinator");
    expect(within(row).getByLabelText(/Órgano que coordina/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Contraseña inicial/)).toBeInTheDocument();
  });

  it("creates a user and shows the server's messages beside the role's city and the password", async () => {
    fetchMock.mockResolvedValueOnce(
      validationProblem([
        { field: "roles[1].city_id", code: "invalid_format", message: "Falta la ciudad." },
        { field: "password", code: "too_short", message: "Al menos 12 caracteres." },
      ]),
    );
    const props = renderForm();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Correo electrónico/), "new@example.org");
    await user.type(screen.getByLabelText(/^Nombre/), "Nueva");
    await user.type(screen.getByLabelText(/^Contraseña inicial/), "short");
    await user.click(screen.getByRole("button", { name: "Agregar un rol" }));
    const second = screen.getByRole("group", { name: "Rol 2" });
    await user.selectOptions(within(second).getByLabelText("Rol"), "focal_point");
    await user.click(screen.getByRole("button", { name: "Crear usuario" }));

    const city = within(second).getByLabelText(/Ciudad del punto focal/);
    await waitFor(() => expect(city).toHaveAttribute("aria-invalid", "true"));
    expect(city).toHaveAccessibleDescription("Falta la ciudad.");
    expect(screen.getByLabelText(/^Contraseña inicial/)).toHaveAccessibleDescription(expect.stringContaining("Al menos 12 caracteres."));
    expect(props.onSaved).not.toHaveBeenCalled();
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("POST");
    expect(JSON.parse(await request.text())).toMatchObject({
      email: "new@example.org",
      roles: [{ role: "observer" }, { role: "focal_point", city_id: null }],
      password: "short",
    });
  });

  it("saves an edit with If-Match, can deactivate, and has no password field", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...existing, active: false, version: 3 }, { etag: '"3"' }));
    const props = renderForm({ user: existing, etag: '"2"' });
    const user = userEvent.setup();
    expect(screen.queryByLabelText(/Contraseña inicial/)).toBeNull();
    expect(within(screen.getByRole("group", { name: "Rol 1" })).getByLabelText(/Ciudad del punto focal/)).toHaveValue("c-ros");
    await user.click(screen.getByLabelText("Cuenta activa"));
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    // Deactivating is asked first: nothing is sent until it is confirmed.
    const question = screen.getByRole("group", { name: "¿Desactivar la cuenta de Ana? No podrá iniciar sesión mientras esté inactiva." });
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(within(question).getByRole("button", { name: "Sí, desactivar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("PUT");
    expect(request.headers.get("if-match")).toBe('"2"');
    expect(JSON.parse(await request.text())).toMatchObject({ active: false, roles: [{ role: "focal_point", city_id: "c-ros" }] });
  });

  it("sends nothing when the deactivation is cancelled, and saves other changes without asking", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...existing, display_name: "Ana María", version: 3 }, { etag: '"3"' }));
    const props = renderForm({ user: existing, etag: '"2"' });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Cuenta activa"));
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await user.click(within(screen.getByRole("group", { name: /¿Desactivar la cuenta de Ana\?/ })).getByRole("button", { name: "Cancelar" }));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(props.onCancel).not.toHaveBeenCalled();
    // Active again: a plain save.
    await user.click(screen.getByLabelText("Cuenta activa"));
    await user.type(screen.getByLabelText(/^Nombre/), " María");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await (fetchMock.mock.calls[0][0] as Request).text())).toMatchObject({ active: true, display_name: "Ana María" });
  });

  it("on 412 offers to reload", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(412, { type: "x", title: "El registro cambió", status: 412, detail: "d", code: "precondition_failed", request_id: "r2", current_version: 4 }),
    );
    const props = renderForm({ user: existing, etag: '"2"' });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    const alert = await screen.findByTestId("stale-alert");
    expect(alert).toHaveTextContent("versión 4");
    await user.click(screen.getByRole("button", { name: "Recargar" }));
    expect(props.onReload).toHaveBeenCalled();
  });
});
