import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
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
  it("sends every field the form shows, leaves the status out, and reads the budget", () => {
    const values = { ...nodeValues(activity), amount: "3.000,00" };
    values.title.pt = "Iniciar relacionamento com a UNASUL";
    expect(toNodeInput(values)).toEqual({
      kind: "activity",
      code: "1.2.d",
      title: { es: "Iniciar un relacionamiento con la UNASUR", pt: "Iniciar relacionamento com a UNASUL" },
      partners: ["UNASUR"],
      responsible_bodies: ["SE"],
      budget: { amount_minor: 300000, currency: "USD" },
    });
    expect(toNodeInput({ ...values, amount: "tres mil" })).toEqual({ error: "amount" });
  });

  it("reads partners a line each, codes by commas, and expected results in each language", () => {
    const values = {
      ...nodeValues(activity),
      partners: "UNASUR\n  FAMSI \n\n",
      contributes_to: "1.2.1, 1.3.2",
      serves: "T1 T1.2",
      responsible_cities: ["Rosario (AR)"],
      expected_results: { es: "Un acuerdo firmado", pt: "", en: "A signed agreement" },
    };
    expect(toNodeInput(values)).toMatchObject({
      partners: ["UNASUR", "FAMSI"],
      contributes_to: ["1.2.1", "1.3.2"],
      serves: ["T1", "T1.2"],
      responsible_cities: ["Rosario (AR)"],
      expected_results: { es: "Un acuerdo firmado", en: "A signed agreement" },
    });
  });
});

const BODIES = [
  { id: "b1", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" }, version: 1 },
  { id: "b2", kind: "thematic_unit", acronym: "UTC", name: { es: "Unidad Temática de Cultura", pt: "Unidade Temática de Cultura" }, version: 1 },
  { id: "b3", kind: "commission", name: { es: "Comisión sin sigla" }, version: 1 },
];
const CITIES = [
  { id: "c1", name: "Montevideo", country: "UY" },
  { id: "c2", name: "Rosario", country: "AR" },
];
const PLAN = {
  id: "p1",
  nodes: [],
  strategic_plan: {
    title: { es: "Planificación Estratégica" },
    thematic_perspectives: [
      { code: "T1", title: { es: "Integración productiva" }, goals: [{ code: "T1.1", title: { es: "Cadenas productivas regionales" } }] },
      { code: "T3", title: { es: "Ciudadanía regional" }, goals: [] },
    ],
  },
};

/** Answers the form's reads (the plan, the bodies, the cities, the countries) and hands the rest to `write`. */
function serve(fetchMock: ReturnType<typeof mockFetch>, write: (request: Request) => Response | Promise<Response>) {
  fetchMock.mockImplementation(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (request.method === "GET") {
      if (path === "/api/v1/plans/p1") return jsonResponse(200, PLAN, { etag: '"1"' });
      if (path === "/api/v1/bodies") return jsonResponse(200, { items: BODIES, page: 1, per_page: 200, total: BODIES.length });
      if (path === "/api/v1/cities") return jsonResponse(200, { items: CITIES, page: 1, per_page: 200, total: CITIES.length });
      if (path === "/api/v1/countries")
        return jsonResponse(200, { items: [{ code: "AR", name: { es: "Argentina" } }, { code: "UY", name: { es: "Uruguay" } }], page: 1, per_page: 200, total: 2 });
    }
    return write(request);
  });
}

describe("NodeForm", () => {
  const fetchMock = mockFetch();

  it("offers only the kinds that may stand under the parent and suggests the next code", () => {
    renderWithProviders(<NodeForm mode="create" planId="p1" parent={objective} roots={[]} onDone={vi.fn()} onCancel={vi.fn()} />);
    const kind = screen.getByLabelText(/^Tipo/) as HTMLSelectElement;
    expect([...kind.options].map((o) => o.value)).toEqual(["activity"]);
    expect(screen.getByLabelText(/^Código/)).toHaveValue("2.3.d");
  });

  it("puts the server's messages beside the fields (a 409 duplicate code too)", async () => {
    const answers = [
      validationProblem([{ field: "title", code: "empty", message: "No puede estar vacío." }]),
      jsonResponse(409, {
        type: "urn:mercociudades:problem:duplicate",
        title: "Ya existe",
        status: 409,
        detail: "Ya existe un registro con el mismo código.",
        code: "duplicate",
        request_id: "r2",
        errors: [{ field: "code", code: "duplicate", message: "Ya registrado." }],
      }),
    ];
    const sent: Request[] = [];
    serve(fetchMock, (request) => {
      sent.push(request);
      return answers.shift()!;
    });
    const onDone = vi.fn();
    renderWithProviders(<NodeForm mode="create" planId="p1" parent={objective} roots={[]} onDone={onDone} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Agregar" }));
    const title = screen.getByLabelText(/^Título \(Español\)/);
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
    expect(title).toHaveAccessibleDescription("No puede estar vacío.");
    expect(new URL(sent[0].url).pathname).toBe("/api/v1/plans/p1/nodes/o1/children");

    await user.type(title, "Nueva actividad");
    await user.click(screen.getByRole("button", { name: "Agregar" }));
    const code = screen.getByLabelText(/^Código/);
    await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"));
    expect(code).toHaveAccessibleDescription(expect.stringContaining("Ya registrado."));
    expect(onDone).not.toHaveBeenCalled();
  });

  it("picks responsible bodies and cities and the goals served by name, and sends acronyms, `Name (CC)` and codes", async () => {
    const sent: unknown[] = [];
    serve(fetchMock, async (request) => {
      sent.push(await request.json());
      return jsonResponse(201, { ...activity, id: "new" });
    });
    const onDone = vi.fn();
    renderWithProviders(<NodeForm mode="create" planId="p1" parent={objective} roots={[]} onDone={onDone} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Título \(Español\)/), "Festival regional");
    const bodies = await screen.findByTestId("responsible-bodies");
    // Bodies without an acronym cannot be named by a plan: they are not offered.
    await waitFor(() =>
      expect(within(bodies).getAllByRole("checkbox").map((b) => b.parentElement?.textContent)).toEqual([
        "Secretaría Ejecutiva (SE)",
        "Unidad Temática de Cultura (UTC)",
      ]),
    );
    await user.click(within(bodies).getByRole("checkbox", { name: "Unidad Temática de Cultura (UTC)" }));
    const city = screen.getByLabelText("Ciudad responsable a agregar");
    await waitFor(() => expect(within(city).getByRole("option", { name: "Rosario (Argentina)" })).toBeInTheDocument());
    await user.selectOptions(city, "Rosario (AR)");
    await user.click(screen.getByRole("button", { name: "Incluir la ciudad" }));
    expect(within(city).queryByRole("option", { name: "Rosario (Argentina)" })).toBeNull();
    const serves = await screen.findByTestId("serves");
    await user.click(within(serves).getByRole("checkbox", { name: "T1.1 Cadenas productivas regionales" }));
    await user.type(screen.getByLabelText("Socios"), "FAMSI{Enter}AUGM");
    await user.type(screen.getByLabelText("Resultados esperados (Español)"), "Un festival en 3 ciudades");
    await user.click(screen.getByRole("button", { name: "Agregar" }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent[0]).toMatchObject({
      kind: "activity",
      title: { es: "Festival regional" },
      responsible_bodies: ["UTC"],
      responsible_cities: ["Rosario (AR)"],
      serves: ["T1.1"],
      partners: ["FAMSI", "AUGM"],
      expected_results: { es: "Un festival en 3 ciudades" },
    });
  });

  it("keeps an acronym or a code the registry and the strategic plan do not hold, to be kept or dropped", async () => {
    serve(fetchMock, () => jsonResponse(500, {}));
    renderWithProviders(
      <NodeForm
        mode="edit"
        planId="p1"
        node={{ ...activity, responsible_bodies: ["SE", "OLD"], serves: ["T9"] }}
        etag='"2"'
        onReload={vi.fn()}
        onDone={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    const bodies = await screen.findByTestId("responsible-bodies");
    await waitFor(() => expect(within(bodies).getByRole("checkbox", { name: "OLD" })).toBeChecked());
    expect(within(bodies).getByRole("checkbox", { name: "Secretaría Ejecutiva (SE)" })).toBeChecked();
    expect(await screen.findByRole("checkbox", { name: "T9" })).toBeChecked();
  });
});
