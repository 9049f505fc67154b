import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CityForm, EMPTY_CITY, parseDegrees, toCityIn, toFormValues } from "./CityForm";
import type { CityDetail, Country } from "../api/cities";
import { jsonResponse, mockFetch, renderWithProviders, staleProblem, validationProblem } from "../../../test/render";
import { can, type RoleGrant } from "../../../lib/auth/permissions";
import { heldBy } from "../../../test/held";

const city: CityDetail = {
  id: "c1",
  name: "Montevideo",
  country: "UY",
  population: 1319108,
  membership_status: "active",
  joined_on: "1995-11-07",
  contact: { address: null, phone: null, email: null, website: "https://montevideo.gub.uy" },
  location: { latitude: -34.9011, longitude: -56.1645 },
  version: 3,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  as_of: "2026-11-24",
  membership_history: [],
  posts: [],
  bodies: [],
};

const countries: Country[] = [
  { code: "UY", name: { es: "Uruguay", pt: "Uruguai", en: "Uruguay" }, mercosur_status: "state_party", version: 1, created_at: "", updated_at: "" },
  { code: "AR", name: { es: "Argentina", pt: "Argentina", en: "Argentina" }, mercosur_status: "state_party", version: 1, created_at: "", updated_at: "" },
];

function renderForm(overrides: Partial<Parameters<typeof CityForm>[0]> = {}) {
  const props = {
    city,
    etag: '"3"',
    countries,
    onSaved: vi.fn(),
    onCancel: vi.fn(),
    onReload: vi.fn().mockResolvedValue(undefined),
    ...overrides,
  };
  renderWithProviders(<CityForm {...props} />);
  return props;
}

describe("toCityIn", () => {
  it("sends every field, empty inputs as null, the location kept, and the status date only on a status change", () => {
    const values = { ...toFormValues(city), population: "", phone: " +598 1950 " };
    expect(toCityIn(values, city)).toEqual({
      name: "Montevideo",
      country: "UY",
      population: null,
      membership_status: "active",
      joined_on: "1995-11-07",
      contact: { address: null, phone: "+598 1950", email: null, website: "https://montevideo.gub.uy" },
      location: { latitude: -34.9011, longitude: -56.1645 },
    });
    const suspended = { ...values, membership_status: "suspended", status_since: "2026-12-01" };
    expect(toCityIn(suspended, city)).toMatchObject({ membership_status: "suspended", status_since: "2026-12-01" });
  });
});

describe("toCityIn for a new city", () => {
  it("starts the first status on the date given, else on the joining date, else leaves it to the server", () => {
    const values = { ...EMPTY_CITY, name: " Canelones ", country: "UY", joined_on: "1999-05-10" };
    expect(toCityIn(values)).toEqual({
      name: "Canelones",
      country: "UY",
      population: null,
      membership_status: "active",
      joined_on: "1999-05-10",
      status_since: "1999-05-10",
      contact: { address: null, phone: null, email: null, website: null },
      location: null,
    });
    expect(toCityIn({ ...values, status_since: "2000-01-01" }).status_since).toBe("2000-01-01");
    expect(toCityIn({ ...values, joined_on: "" })).not.toHaveProperty("status_since");
  });
});

describe("a city's location in the form", () => {
  it("reads decimal degrees with a point or a comma and either minus sign", () => {
    expect(parseDegrees("-34.9011")).toBe(-34.9011);
    expect(parseDegrees(" −56,1645 ")).toBe(-56.1645);
    expect(parseDegrees("12")).toBe(12);
    expect(parseDegrees("")).toBeNull();
    expect(Number.isNaN(parseDegrees("34°54'S"))).toBe(true);
    expect(Number.isNaN(parseDegrees("1.2.3"))).toBe(true);
  });

  it("sends both coordinates, none when both are empty, and an empty one as null for the server to name", () => {
    const values = toFormValues(city);
    expect(values).toMatchObject({ latitude: "-34.9011", longitude: "-56.1645" });
    expect(toCityIn({ ...values, latitude: "-30,5", longitude: "-55" }, city).location).toEqual({ latitude: -30.5, longitude: -55 });
    expect(toCityIn({ ...values, latitude: "", longitude: " " }, city).location).toBeNull();
    expect(toCityIn({ ...values, longitude: "" }, city).location).toEqual({ latitude: -34.9011, longitude: null });
    // A range is the server's to check: the value goes as it was typed.
    expect(toCityIn({ ...values, latitude: "95" }, city).location).toEqual({ latitude: 95, longitude: -56.1645 });
  });
});

describe("CityForm", () => {
  const fetchMock = mockFetch();

  it("sets, refuses and clears a city's location", async () => {
    fetchMock.mockResolvedValueOnce(validationProblem([{ field: "location.latitude", code: "out_of_range", message: "Debe estar entre -90 y 90." }]));
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...city, location: null, version: 4 }, { etag: '"4"' }));
    const props = renderForm();
    const user = userEvent.setup();
    const latitude = screen.getByLabelText("Latitud");
    const longitude = screen.getByLabelText("Longitud");
    expect(latitude).toHaveValue("-34.9011");
    expect(longitude).toHaveValue("-56.1645");

    // Not a number: said beside the field, and nothing is sent.
    await user.clear(latitude);
    await user.type(latitude, "34°S");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    expect(latitude).toHaveAttribute("aria-invalid", "true");
    expect(latitude).toHaveAccessibleDescription("Escriba un número de grados decimales, como −34,9011.");
    expect(fetchMock).not.toHaveBeenCalled();

    // Out of range: the server's message, beside the field it names.
    await user.clear(latitude);
    await user.type(latitude, "-95");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(latitude).toHaveAccessibleDescription("Debe estar entre -90 y 90."));
    expect(longitude).not.toHaveAttribute("aria-invalid");
    expect(JSON.parse(await (fetchMock.mock.calls[0][0] as Request).text()).location).toEqual({ latitude: -95, longitude: -56.1645 });

    // Cleared: the city has no location any more.
    await user.click(screen.getByRole("button", { name: "Quitar la ubicación" }));
    expect(latitude).toHaveValue("");
    expect(longitude).toHaveValue("");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    expect(JSON.parse(await (fetchMock.mock.calls[1][0] as Request).text()).location).toBeNull();
  });

  it("labels every field", () => {
    renderForm();
    for (const label of ["Nombre", "País", "Población", "Ingreso", "Situación", "Dirección", "Teléfono", "Correo electrónico", "Sitio web"]) {
      expect(screen.getByLabelText(new RegExp(`^${label}`))).toBeInTheDocument();
    }
  });

  it("saves with If-Match and reports success", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...city, name: "Montevideo!", version: 4 }, { etag: '"4"' }));
    const props = renderForm();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/^Nombre/));
    await user.type(screen.getByLabelText(/^Nombre/), "Montevideo!");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("PUT");
    expect(request.headers.get("if-match")).toBe('"3"');
    expect(JSON.parse(await request.text())).toMatchObject({ name: "Montevideo!", country: "UY" });
  });

  it("shows the server's validation messages beside each field", async () => {
    fetchMock.mockResolvedValueOnce(
      validationProblem([
        { field: "name", code: "empty", message: "No puede estar vacío." },
        { field: "contact.email", code: "invalid_format", message: "Formato inválido; se espera email." },
      ]),
    );
    renderForm();
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/^Nombre/));
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    const name = screen.getByLabelText(/^Nombre/);
    await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
    expect(name).toHaveAccessibleDescription("No puede estar vacío.");
    expect(screen.getByLabelText("Correo electrónico")).toHaveAccessibleDescription("Formato inválido; se espera email.");
    expect(screen.getByLabelText(/^País/)).not.toHaveAttribute("aria-invalid");
  });

  it("on 412 tells the user someone changed the record and offers to reload", async () => {
    fetchMock.mockResolvedValueOnce(
      staleProblem(5, "r2"),
    );
    const props = renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    const alert = await screen.findByTestId("stale-alert");
    expect(alert).toHaveTextContent("Otra persona modificó este registro");
    expect(alert).toHaveTextContent("versión 5");
    expect(screen.getByRole("button", { name: "Guardar" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Recargar" }));
    expect(props.onReload).toHaveBeenCalled();
  });

  it("shows a 403 plainly", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(403, { type: "x", title: "Prohibido", status: 403, detail: "Su rol no puede hacer esto.", code: "forbidden", request_id: "r3" }),
    );
    renderForm();
    await userEvent.setup().click(screen.getByRole("button", { name: "Guardar" }));
    expect(await screen.findByText("No tiene permiso para hacer esto.")).toBeInTheDocument();
    expect(screen.getByText("Su rol no puede hacer esto.")).toBeInTheDocument();
  });

  it("shows a focal point their city's membership without letting them change it, and sends it as it is", async () => {
    const focal: RoleGrant[] = [{ role: "focal_point", city_id: "c1" }];
    const staff: RoleGrant[] = [{ role: "secretariat_staff" }];
    const mayChangeMembership = (roles: RoleGrant[]) => can(heldBy(roles), "city:membership", { kind: "city", id: "c1" });
    expect(can(heldBy(focal), "city:update", { kind: "city", id: "c1" })).toBe(true);
    expect(mayChangeMembership(focal)).toBe(false);
    expect(mayChangeMembership(staff)).toBe(true);

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...city, population: 1400000, version: 4 }, { etag: '"4"' }));
    const props = renderForm({ mayChangeMembership: mayChangeMembership(focal) });
    expect(screen.getByText("Solo la Secretaría de la red cambia el país, la fecha de ingreso y la situación de una ciudad; se guardan como están.")).toBeInTheDocument();
    const country = screen.getByLabelText(/^País/);
    const joined = screen.getByLabelText(/^Ingreso/);
    const status = screen.getByLabelText(/^Situación/);
    for (const field of [country, joined, status]) expect(field).toBeDisabled();
    expect(country).toHaveValue("UY");
    expect(joined).toHaveValue("1995-11-07");
    expect(status).toHaveValue("active");
    expect(screen.queryByLabelText(/^Vigencia de la nueva situación/)).toBeNull();
    // The profile and the contact stay the focal point's to change.
    for (const label of [/^Nombre/, /^Población/, /^Teléfono/, /^Correo electrónico/]) expect(screen.getByLabelText(label)).toBeEnabled();

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/^Población/));
    await user.type(screen.getByLabelText(/^Población/), "1400000");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    const sent = JSON.parse(await (fetchMock.mock.calls[0][0] as Request).text());
    expect(sent).toMatchObject({ population: 1400000, country: "UY", membership_status: "active", joined_on: "1995-11-07" });
    expect(sent).not.toHaveProperty("status_since");
  });

  it("lets the secretariat change a city's membership", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...city, membership_status: "suspended", version: 4 }, { etag: '"4"' }));
    const props = renderForm({ mayChangeMembership: true });
    expect(screen.queryByText(/Solo la Secretaría de la red/)).toBeNull();
    for (const label of [/^País/, /^Ingreso/, /^Situación/]) expect(screen.getByLabelText(label)).toBeEnabled();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText(/^Situación/), "suspended");
    await user.type(screen.getByLabelText(/^Vigencia de la nueva situación/), "2026-12-01");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalled());
    expect(JSON.parse(await (fetchMock.mock.calls[0][0] as Request).text())).toMatchObject({
      membership_status: "suspended",
      status_since: "2026-12-01",
    });
  });

  it("creates a city with POST (no If-Match) and hands the new city over", async () => {
    const created = { ...city, id: "c-new", name: "Canelones", version: 1 };
    fetchMock.mockResolvedValueOnce(jsonResponse(201, created, { etag: '"1"', location: "/api/v1/cities/c-new" }));
    const props = renderForm({ city: undefined, etag: undefined, onReload: undefined });
    expect(screen.getByRole("heading", { name: "Datos de la nueva ciudad" })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Nombre/), "Canelones");
    await user.selectOptions(screen.getByLabelText(/^País/), "UY");
    await user.type(screen.getByLabelText(/^Ingreso/), "1999-05-10");
    // A new city's status starts on a date as well.
    expect(screen.getByLabelText(/^Situación vigente desde/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Crear la ciudad" }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalledWith(created));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe("/api/v1/cities");
    expect(request.headers.get("if-match")).toBeNull();
    expect(JSON.parse(await request.text())).toMatchObject({ name: "Canelones", country: "UY", status_since: "1999-05-10" });
  });

  it("puts a missing country and a duplicate name (409) beside their fields", async () => {
    fetchMock.mockResolvedValueOnce(
      validationProblem([{ field: "country", code: "required", message: "Es obligatorio." }], "r4"),
    );
    renderForm({ city: undefined, etag: undefined, onReload: undefined });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Nombre/), "Montevideo");
    await user.click(screen.getByRole("button", { name: "Crear la ciudad" }));
    const country = screen.getByLabelText(/^País/);
    await waitFor(() => expect(country).toHaveAttribute("aria-invalid", "true"));
    expect(country).toHaveAccessibleDescription("Es obligatorio.");

    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, {
        type: "urn:mercociudades:problem:duplicate",
        title: "Ya existe",
        status: 409,
        detail: "Ya existe Montevideo (UY) con el mismo valor en name (id c1).",
        code: "duplicate",
        request_id: "r5",
        errors: [{ field: "name", code: "duplicate", message: "Ya existe." }],
        existing: { id: "c1", name: "Montevideo (UY)" },
      }),
    );
    await user.selectOptions(country, "UY");
    await user.click(screen.getByRole("button", { name: "Crear la ciudad" }));
    const name = screen.getByLabelText(/^Nombre/);
    await waitFor(() => expect(name).toHaveAccessibleDescription("Ya existe."));
    // The alert names the city that has the name already.
    expect(screen.getByRole("alert")).toHaveTextContent("Ya existe Montevideo (UY)");
    expect(screen.getByLabelText(/^País/)).not.toHaveAttribute("aria-invalid");
  });
});
