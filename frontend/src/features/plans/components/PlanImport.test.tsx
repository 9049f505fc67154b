import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, mockFetch, renderWithProviders, validationProblem } from "../../../test/render";
import { documentFileName, documentFormatOf, rowProblems } from "../api/plans";
import { ActivitiesImport } from "./ActivitiesImport";
import { PlanImport } from "./PlanImport";

const YAML = "format: mercociudades-plan\nformat_version: 1\nwork_plan:\n  title:\n    es: Plan de prueba\n";

const validation = (errors: { field: string; code: string; message: string }[]) => validationProblem(errors, "r-422");

describe("plan documents and activity rows", () => {
  it("tell the format by the extension, else by the first character", () => {
    expect(documentFormatOf("plan.JSON", "format: x")).toBe("json");
    expect(documentFormatOf("plan.yml", "{}")).toBe("yaml");
    expect(documentFormatOf("plan.txt", "  {\"format\": 1}")).toBe("json");
    expect(documentFormatOf("plan", "format: x")).toBe("yaml");
  });

  it("name a document file by owner and years", () => {
    const plan = { owner: { id: "b", kind: "executive_secretariat" as const, acronym: "SE", name: {} }, starts_on: "2011-12-02", ends_on: "2012-12-06" };
    expect(documentFileName(plan, "yaml")).toBe("plan-SE-2011-2012.yaml");
    expect(documentFileName({ ...plan, owner: { ...plan.owner, acronym: null } }, "json")).toBe("plan-plan-2011-2012.json");
  });

  it("read `rows[<line>].<column>` back, by line, keeping the rest apart", () => {
    const { rows, others } = rowProblems([
      { field: "rows[4].starts_on", code: "invalid_format", message: "Formato inválido." },
      { field: "rows[2].responsible_bodies[1]", code: "not_found", message: "No existe: XX." },
      { field: "rows[3]", code: "x", message: "" },
      { field: "columns", code: "unknown_value", message: "Columnas desconocidas." },
    ]);
    expect(rows).toEqual([
      { line: 2, column: "responsible_bodies", message: "No existe: XX." },
      { line: 3, column: "", message: "x" },
      { line: 4, column: "starts_on", message: "Formato inválido." },
    ]);
    expect(others).toEqual([{ field: "columns", message: "Columnas desconocidas." }]);
  });
});

describe("PlanImport", () => {
  const fetchMock = mockFetch();

  const renderImport = () => {
    const props = { onImported: vi.fn(), onCancel: vi.fn() };
    renderWithProviders(<PlanImport {...props} />);
    return props;
  };

  it("asks for a file beside the field before sending anything", async () => {
    renderImport();
    await userEvent.setup().click(screen.getByRole("button", { name: "Importar" }));
    expect(screen.getByLabelText(/^Documento del plan/)).toHaveAccessibleDescription(/Elija un archivo\./);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends a YAML file as it is written, and lists the problems at their place in the document", async () => {
    fetchMock.mockResolvedValueOnce(
      validation([
        { field: "work_plan.nodes[0].children[0].kind", code: "unknown_value", message: "Valor desconocido." },
        { field: "work_plan.owner", code: "not_found", message: "No existe: summit." },
      ]),
    );
    const props = renderImport();
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText(/^Documento del plan/), new File([YAML], "plan.yaml", { type: "application/yaml" }));
    await user.click(screen.getByRole("button", { name: "Importar" }));
    const problems = await screen.findByTestId("document-problems");
    expect(problems).toHaveTextContent("El documento tiene 2 problemas; no se importó nada.");
    const items = within(problems).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("work_plan.nodes[0].children[0].kind");
    expect(items[0]).toHaveTextContent("Valor desconocido.");
    expect(items[1]).toHaveTextContent("work_plan.owner");
    expect(props.onImported).not.toHaveBeenCalled();
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe("/api/v1/plans/import");
    expect(request.headers.get("content-type")).toBe("application/yaml");
    expect(await request.text()).toBe(YAML);
  });

  it("shows a syntax error (400) and a 403 plainly, and hands a new plan over", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, { type: "x", title: "Cuerpo mal formado", status: 400, detail: "expected value at line 1 column 2", code: "malformed_body", request_id: "r1" }),
    );
    const props = renderImport();
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText(/^Documento del plan/), new File(["{,}"], "plan.json", { type: "application/json" }));
    await user.click(screen.getByRole("button", { name: "Importar" }));
    expect(await screen.findByText("expected value at line 1 column 2")).toBeInTheDocument();
    expect((fetchMock.mock.calls[0][0] as Request).headers.get("content-type")).toBe("application/json");

    fetchMock.mockResolvedValueOnce(
      jsonResponse(403, { type: "x", title: "Prohibido", status: 403, detail: "Su rol no puede editar ese plan.", code: "forbidden", request_id: "r2" }),
    );
    await user.click(screen.getByRole("button", { name: "Importar" }));
    expect(await screen.findByText("No tiene permiso para hacer esto.")).toBeInTheDocument();
    expect(screen.getByText("Su rol no puede editar ese plan.")).toBeInTheDocument();

    const plan = { id: "p-new", title: { es: "Plan de prueba" }, status: "draft" };
    fetchMock.mockResolvedValueOnce(jsonResponse(201, plan, { etag: '"1"' }));
    await user.click(screen.getByRole("button", { name: "Importar" }));
    await waitFor(() => expect(props.onImported).toHaveBeenCalledWith(plan));
  });
});

describe("ActivitiesImport", () => {
  const fetchMock = mockFetch();

  const CSV = "code,kind,parent_code,title_es\n1.1.b,activity,1.1.O,Seminario\n";

  it("shows the row-by-row report of a refused file, then the outcome of a good one", async () => {
    fetchMock.mockResolvedValueOnce(
      validation([
        { field: "rows[3].starts_on", code: "invalid_format", message: "Formato inválido; se espera AAAA-MM-DD." },
        { field: "rows[3].responsible_bodies[0]", code: "not_found", message: "No existe: XX." },
        { field: "rows[2].parent_code", code: "not_found", message: "No existe: 9.9.O." },
      ]),
    );
    renderWithProviders(<ActivitiesImport planId="p1" onClose={vi.fn()} />);
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText(/^Archivo CSV de actividades/), new File([CSV], "actividades.csv", { type: "text/csv" }));
    await user.click(screen.getByRole("button", { name: "Importar el CSV" }));
    const report = await screen.findByTestId("row-problems");
    expect(report).toHaveTextContent("No se importó nada.");
    const rows = within(report).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").map((c) => c.textContent))).toEqual([
      ["2", "parent_code", "No existe: 9.9.O."],
      ["3", "starts_on", "Formato inválido; se espera AAAA-MM-DD."],
      ["3", "responsible_bodies", "No existe: XX."],
    ]);
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(new URL(request.url).pathname).toBe("/api/v1/plans/p1/activities/import");
    expect(request.headers.get("content-type")).toBe("text/csv");
    expect(await request.text()).toBe(CSV);

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { created: 1, updated: 2, unchanged: 19 }));
    await user.click(screen.getByRole("button", { name: "Importar el CSV" }));
    const outcome = await screen.findByTestId("import-outcome");
    expect(outcome).toHaveTextContent("Importación completada.");
    expect(outcome).toHaveTextContent(/Agregadas\s*1/);
    expect(outcome).toHaveTextContent(/Actualizadas\s*2/);
    expect(outcome).toHaveTextContent(/Sin cambios\s*19/);
    expect(screen.queryByTestId("row-problems")).toBeNull();
  });

  it("shows a 403 plainly", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(403, { type: "x", title: "Prohibido", status: 403, detail: "Su rol no puede editar este plan.", code: "forbidden", request_id: "r" }),
    );
    renderWithProviders(<ActivitiesImport planId="p1" onClose={vi.fn()} />);
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText(/^Archivo CSV de actividades/), new File([CSV], "a.csv", { type: "text/csv" }));
    await user.click(screen.getByRole("button", { name: "Importar el CSV" }));
    expect(await screen.findByText("No tiene permiso para hacer esto.")).toBeInTheDocument();
  });
});
