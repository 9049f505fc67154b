import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CountryForm, countryValues, toCountryIn } from "./CountryForm";
import type { Country } from "../api/countries";
import { jsonResponse, mockFetch, renderWithProviders, validationProblem } from "../../../test/render";

const surinam: Country = {
  code: "SR",
  name: { es: "Surinam", pt: "Suriname", en: "Surinam" },
  mercosur_status: "other",
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

function renderForm(overrides: Partial<Parameters<typeof CountryForm>[0]> = {}) {
  const props = { country: surinam, etag: '"1"', onSaved: vi.fn(), onCancel: vi.fn(), onReload: vi.fn().mockResolvedValue(undefined), ...overrides };
  renderWithProviders(<CountryForm {...props} />);
  return props;
}

describe("toCountryIn", () => {
  it("sends the code only when creating, upper-cased, and every name trimmed", () => {
    const values = { ...countryValues(surinam), code: "sr " };
    values.name.en = " Suriname ";
    expect(toCountryIn(values, false)).toEqual({ name: { es: "Surinam", pt: "Suriname", en: "Suriname" }, mercosur_status: "other" });
    expect(toCountryIn(values, true)).toMatchObject({ code: "SR" });
  });
});

describe("CountryForm", () => {
  const fetchMock = mockFetch();

  it("labels every field; the code is asked only for a new country", () => {
    renderForm();
    for (const label of ["Situación en el Mercosur", "Nombre \\(Español\\)", "Nombre \\(Português\\)", "Nombre \\(English\\)"]) {
      expect(screen.getByLabelText(new RegExp(`^${label}`))).toBeInTheDocument();
    }
    expect(screen.queryByLabelText(/^Código/)).toBeNull();
    expect(screen.getByRole("heading", { name: "Editar Surinam (SR)" })).toBeInTheDocument();
  });

  it("saves with If-Match, without the code", async () => {
    const saved = { ...surinam, name: { ...surinam.name, en: "Suriname" }, version: 2 };
    fetchMock.mockResolvedValueOnce(jsonResponse(200, saved, { etag: '"2"' }));
    const props = renderForm();
    const user = userEvent.setup();
    const en = screen.getByLabelText(/^Nombre \(English\)/);
    await user.clear(en);
    await user.type(en, "Suriname");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalledWith(saved));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("PUT");
    expect(new URL(request.url).pathname).toBe("/api/v1/countries/SR");
    expect(request.headers.get("if-match")).toBe('"1"');
    expect(JSON.parse(await request.text())).toEqual({ name: { es: "Surinam", pt: "Suriname", en: "Suriname" }, mercosur_status: "other" });
  });

  it("creates a country, with the server's messages beside the code and a name", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, {
        type: "urn:mercociudades:problem:duplicate",
        title: "Ya existe",
        status: 409,
        detail: "Ya hay un registro con ese valor.",
        code: "duplicate",
        request_id: "r1",
        errors: [{ field: "code", code: "duplicate", message: "Ya existe." }],
      }),
    );
    renderForm({ country: undefined, etag: undefined, onReload: undefined });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Código/), "uy");
    expect(screen.getByLabelText(/^Código/)).toHaveValue("UY");
    await user.type(screen.getByLabelText(/^Nombre \(Español\)/), "Uruguay");
    await user.click(screen.getByRole("button", { name: "Crear el país" }));
    await waitFor(() => expect(screen.getByLabelText(/^Código/)).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByLabelText(/^Código/)).toHaveAccessibleDescription(/Ya existe\./);
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("POST");
    expect(JSON.parse(await request.text())).toMatchObject({ code: "UY", name: { es: "Uruguay", pt: "", en: "" } });

    fetchMock.mockResolvedValueOnce(
      validationProblem([{ field: "name.pt", code: "empty", message: "No puede estar vacío." }], "r2"),
    );
    await user.clear(screen.getByLabelText(/^Código/));
    await user.type(screen.getByLabelText(/^Código/), "MX");
    await user.click(screen.getByRole("button", { name: "Crear el país" }));
    await waitFor(() => expect(screen.getByLabelText(/^Nombre \(Português\)/)).toHaveAccessibleDescription("No puede estar vacío."));
    expect(screen.getByLabelText(/^Código/)).not.toHaveAttribute("aria-invalid");
  });

  it("on 412 offers to reload", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(412, { type: "x", title: "El registro cambió", status: 412, detail: "", code: "precondition_failed", request_id: "r3", current_version: 3 }),
    );
    const props = renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    const alert = await screen.findByTestId("stale-alert");
    expect(alert).toHaveTextContent("versión 3");
    await user.click(screen.getByRole("button", { name: "Recargar" }));
    expect(props.onReload).toHaveBeenCalled();
  });
});
