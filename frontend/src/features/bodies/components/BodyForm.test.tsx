import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { BodyForm, EMPTY_BODY, bodyValues, toBodyIn } from "./BodyForm";
import type { BodyDetail } from "../api/bodies";
import { can, type RoleGrant } from "../../../lib/auth/permissions";
import { heldBy } from "../../../test/held";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";

const body: BodyDetail = {
  id: "b1",
  kind: "thematic_unit",
  name: { es: "Unidad Temática de Cultura", pt: "Unidade Temática de Cultura", en: null },
  acronym: "UTC",
  description: null,
  version: 4,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  as_of: "2026-11-24",
  member_count: 12,
  posts: [],
};

const problem = (status: number, extra: Record<string, unknown> = {}) =>
  jsonResponse(status, { type: "x", title: "Problema", status, detail: "Detalle del servidor.", code: "x", request_id: "r", ...extra });

function renderForm(overrides: Partial<Parameters<typeof BodyForm>[0]> = {}) {
  const props = { body, etag: '"4"', onSaved: vi.fn(), onCancel: vi.fn(), onReload: vi.fn().mockResolvedValue(undefined), ...overrides };
  renderWithProviders(<BodyForm {...props} />);
  return props;
}

describe("toBodyIn", () => {
  it("sends only the languages given, and an empty acronym or description as null (PUT replaces)", () => {
    const values = { ...bodyValues(body), acronym: " " };
    values.description.en = " Culture ";
    expect(toBodyIn(values)).toEqual({
      kind: "thematic_unit",
      name: { es: "Unidad Temática de Cultura", pt: "Unidade Temática de Cultura" },
      acronym: null,
      description: { en: "Culture" },
    });
    expect(toBodyIn(EMPTY_BODY)).toEqual({ kind: null, name: null, acronym: null, description: null });
  });
});

describe("BodyForm", () => {
  const fetchMock = mockFetch();

  it("labels every field", () => {
    renderForm();
    for (const label of ["Tipo", "Sigla", "Nombre (Español)", "Nombre (Português)", "Nombre (English)", "Descripción (Español)", "Descripción (Português)", "Descripción (English)"]) {
      expect(screen.getByLabelText(new RegExp(`^${label.replace(/[()]/g, "\\$&")}`))).toBeInTheDocument();
    }
  });

  it("saves with If-Match and hands the saved body over", async () => {
    const saved = { ...body, acronym: "UT-C", version: 5 };
    fetchMock.mockResolvedValueOnce(jsonResponse(200, saved, { etag: '"5"' }));
    const props = renderForm();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/^Sigla/));
    await user.type(screen.getByLabelText(/^Sigla/), "UT-C");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalledWith(saved));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("PUT");
    expect(new URL(request.url).pathname).toBe("/api/v1/bodies/b1");
    expect(request.headers.get("if-match")).toBe('"4"');
    expect(JSON.parse(await request.text())).toMatchObject({ kind: "thematic_unit", acronym: "UT-C" });
  });

  it("puts the server's messages beside the name and the acronym", async () => {
    fetchMock.mockResolvedValueOnce(
      problem(422, {
        errors: [
          { field: "name", code: "empty", message: "Al menos un idioma." },
          { field: "acronym", code: "too_long", message: "Demasiado largo." },
        ],
      }),
    );
    renderForm();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/^Nombre \(Español\)/));
    await user.clear(screen.getByLabelText(/^Nombre \(Português\)/));
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    const es = screen.getByLabelText(/^Nombre \(Español\)/);
    await waitFor(() => expect(es).toHaveAttribute("aria-invalid", "true"));
    expect(es).toHaveAccessibleDescription("Al menos un idioma.");
    expect(screen.getByLabelText(/^Sigla/)).toHaveAccessibleDescription(/Demasiado largo\./);
    expect(screen.getByLabelText(/^Tipo/)).not.toHaveAttribute("aria-invalid");
  });

  it("on 412 offers to reload, and shows a 403 plainly", async () => {
    fetchMock.mockResolvedValueOnce(problem(412, { current_version: 6 }));
    const props = renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    const alert = await screen.findByTestId("stale-alert");
    expect(alert).toHaveTextContent("versión 6");
    expect(screen.getByRole("button", { name: "Guardar" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Recargar" }));
    expect(props.onReload).toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByTestId("stale-alert")).toBeNull());

    fetchMock.mockResolvedValueOnce(problem(403, { detail: "Su rol no puede hacer esto." }));
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    expect(await screen.findByText("No tiene permiso para hacer esto.")).toBeInTheDocument();
    expect(screen.getByText("Su rol no puede hacer esto.")).toBeInTheDocument();
  });

  it("lets only those who may reclassify the body change its kind", async () => {
    const coordinator: RoleGrant[] = [{ role: "coordinator", body_id: "b1" }];
    const admin: RoleGrant[] = [{ role: "secretariat_admin" }];
    const mayReclassify = (roles: RoleGrant[]) => can(heldBy(roles), "body:reclassify", { kind: "body", id: "b1" });
    expect(mayReclassify(coordinator)).toBe(false);
    expect(mayReclassify(admin)).toBe(true);

    // The coordinator edits their body's names; its kind shows, locked, with the reason.
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...body, version: 5 }, { etag: '"5"' }));
    const props = renderForm({ mayReclassify: mayReclassify(coordinator) });
    const kind = screen.getByLabelText(/^Tipo/);
    expect(kind).toBeDisabled();
    expect(kind).toHaveValue("thematic_unit");
    expect(kind).toHaveAccessibleDescription("Solo la Administración de la Secretaría puede cambiar el tipo de un órgano.");
    expect(screen.getByLabelText(/^Sigla/)).toBeEnabled();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Nombre \(English\)/), "Thematic Unit on Culture");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    expect(JSON.parse(await (fetchMock.mock.calls[0][0] as Request).text())).toMatchObject({
      kind: "thematic_unit",
      name: { en: "Thematic Unit on Culture" },
    });
  });

  it("offers an admin every kind when editing, without the hint", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...body, kind: "commission", version: 5 }, { etag: '"5"' }));
    const props = renderForm({ mayReclassify: true });
    const kind = screen.getByLabelText(/^Tipo/);
    expect(kind).toBeEnabled();
    expect(kind).not.toHaveAccessibleDescription();
    const user = userEvent.setup();
    await user.selectOptions(kind, "commission");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    expect(JSON.parse(await (fetchMock.mock.calls[0][0] as Request).text())).toMatchObject({ kind: "commission" });
  });

  it("creates a body with POST", async () => {
    const created = { ...body, id: "b-new", kind: "working_group", name: { es: "Grupo de Trabajo de Turismo Rural" }, acronym: "GTTR", version: 1 };
    fetchMock.mockResolvedValueOnce(jsonResponse(201, created, { etag: '"1"' }));
    const props = renderForm({ body: undefined, etag: undefined, onReload: undefined });
    expect(screen.getByRole("heading", { name: "Datos del nuevo órgano" })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText(/^Tipo/), "working_group");
    await user.type(screen.getByLabelText(/^Sigla/), "GTTR");
    await user.type(screen.getByLabelText(/^Nombre \(Español\)/), "Grupo de Trabajo de Turismo Rural");
    await user.click(screen.getByRole("button", { name: "Crear el órgano" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalledWith(created));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("POST");
    expect(request.headers.get("if-match")).toBeNull();
    expect(JSON.parse(await request.text())).toEqual({
      kind: "working_group",
      name: { es: "Grupo de Trabajo de Turismo Rural" },
      acronym: "GTTR",
      description: null,
    });
  });
});
