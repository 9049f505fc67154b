import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { Route, Routes, useLocation } from "react-router";
import userEvent from "@testing-library/user-event";
import type { components } from "../../../lib/api/schema";
import i18n from "../../../lib/i18n";
import { formatPercent } from "../../../lib/i18n/format";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { executionRow } from "../../../test/reports";
import { PlanReportsPage } from "./PlanReportsPage";

type Schemas = components["schemas"];

const plan: Schemas["PlanTreeOut"] = {
  id: "p1",
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" } },
  title: { es: "Plan de Trabajo 2011-2012" },
  starts_on: "2011-01-01",
  ends_on: "2012-12-31",
  status: "in_execution",
  revision: 1,
  version: 3,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  nodes: [],
};

const row = executionRow;

// Three activities: 1.1.a names SE and UTC (counted under each), 1.1.b names UTC, 1.2.a none.
const execution = (byBody: Schemas["ExecutionRow"][]): Schemas["ExecutionReport"] => ({
  plan_id: "p1",
  formula: "executed_share = yes / activities",
  total: row("", "plan", plan.title, 3, 1, 1),
  rows: [row("1.1", "policy", { es: "Política de integración" }, 2, 1, 1)],
  by_body: byBody,
});

const BY_BODY = [
  row("SE", "body", { es: "Secretaría Ejecutiva", pt: "Secretaria Executiva", en: "Executive Secretariat" }, 1, 1, 0),
  { ...row("UTC", "body", { es: "Unidad Temática de Cultura", pt: "Unidade Temática de Cultura", en: "Thematic Unit on Culture" }, 2, 1, 1), body_id: "b-utc" },
  row("XX", "body", {}, 1, 0, 0),
];

const participation: Schemas["ParticipationReport"] = {
  plan_id: "p1",
  rows: [],
  countries: [],
  cities: 0,
  activities_by_band: {},
  activities_with: {},
  by_country: [],
};
const results: Schemas["ResultsReport"] = { plan_id: "p1", kinds: [] };
const indicators: Schemas["IndicatorsOut"] = { indicators: [], roll_ups: [] };

function answer(report: Schemas["ExecutionReport"], people: Schemas["ParticipationReport"] = participation) {
  return async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/v1/plans/p1") return jsonResponse(200, plan, { etag: '"3"' });
    if (path === "/api/v1/plans/p1/execution-report") return jsonResponse(200, report);
    if (path === "/api/v1/plans/p1/participation-report") return jsonResponse(200, people);
    if (path === "/api/v1/plans/p1/results-report") return jsonResponse(200, results);
    if (path === "/api/v1/plans/p1/indicators") return jsonResponse(200, indicators);
    return jsonResponse(404, { type: "x", title: "Not found", status: 404, detail: path, code: "not_found", request_id: "r" });
  };
}

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/plans/:id/reports" element={<PlanReportsPage plan={plan} />} />
    </Routes>,
    { route: "/plans/p1/reports" },
  );
}

const cells = (tr: HTMLElement) => within(tr).getAllByRole("cell").map((c) => c.textContent);

describe("PlanReportsPage: execution by responsible body", () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage("es");
  });

  it("shows one row per body under the execution table: acronym, name, activities, executions and shares", async () => {
    fetchMock.mockImplementation(answer(execution(BY_BODY)));
    renderPage();
    const section = await screen.findByTestId("execution-by-body");
    expect(within(section).getByRole("heading", { level: 3 })).toHaveTextContent("Ejecución por órgano responsable");
    // Below the execution by policy, inside the execution section.
    const report = screen.getByTestId("execution-report");
    expect(report).toContainElement(section);
    const policyTable = within(report).getAllByRole("table")[0];
    expect(policyTable.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const table = within(section).getByRole("table");
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual([
      "Sigla",
      "Órgano responsable",
      "Actividades",
      "Sí",
      "Parcialmente",
      "No",
      "Sin informe",
      "Realizadas",
      "Realizadas o parcialmente",
    ]);
    const bodies = within(table).getAllByRole("row").slice(1);
    expect(bodies.map((r) => r.getAttribute("data-body"))).toEqual(["SE", "UTC", "XX"]);
    const utc = section.querySelector<HTMLElement>('tr[data-body="UTC"]')!;
    expect(within(utc).getByRole("rowheader")).toHaveTextContent("UTC");
    expect(cells(utc)).toEqual(["Unidad Temática de Cultura", "2", "1", "1", "0", "0", formatPercent(50, "es"), formatPercent(100, "es")]);
    // A body the registry does not know keeps its acronym, without a name.
    expect(cells(section.querySelector<HTMLElement>('tr[data-body="XX"]')!)[0]).toBe("—");
    // A known body links to its page; an unknown acronym does not.
    expect(within(utc).getByRole("link", { name: "Unidad Temática de Cultura" }).getAttribute("href")).toBe("/bodies/b-utc");
    expect(within(section.querySelector<HTMLElement>('tr[data-body="XX"]')!).queryByRole("link")).toBeNull();
    expect(within(section).queryByText("Ninguna actividad nombra un órgano responsable.")).toBeNull();
  });

  it("names the bodies in the UI's language", async () => {
    await i18n.changeLanguage("pt");
    fetchMock.mockImplementation(answer(execution(BY_BODY)));
    renderPage();
    const section = await screen.findByTestId("execution-by-body");
    expect(within(section).getByRole("heading", { level: 3 })).toHaveTextContent("Execução por órgão responsável");
    expect(cells(section.querySelector<HTMLElement>('tr[data-body="SE"]')!)[0]).toBe("Secretaria Executiva");
    expect(within(section).getByRole("columnheader", { name: "Órgão responsável" })).toBeInTheDocument();
  });

  it("says so when no activity names a responsible body", async () => {
    fetchMock.mockImplementation(answer(execution([])));
    renderPage();
    const section = await screen.findByTestId("execution-by-body");
    expect(within(section).getByText("Ninguna actividad nombra un órgano responsable.")).toBeInTheDocument();
    expect(within(section).queryByRole("table")).toBeNull();
    // The execution by policy is still there.
    expect(screen.getByTestId("execution-report").querySelector('tr[data-code="1.1"]')).not.toBeNull();
  });
});

describe("PlanReportsPage: participation by country", () => {
  const fetchMock = mockFetch();

  const prow = (code: string, countries: string[], cities: number): Schemas["ParticipationRow"] => ({
    code,
    title: { es: `Actividad ${code}` },
    countries,
    country_band: null,
    cities,
    cities_attended: 0,
    cities_reported_only: cities,
    events: 0,
    organizations: [],
    mercosur_institutions: [],
    specific_groups: [],
  });

  it("draws the server's figures per country, not a count of the rows shown", async () => {
    // The rows alone would give UY 2, AR 1 and no BR; the server's `by_country` is what counts.
    const people: Schemas["ParticipationReport"] = {
      ...participation,
      rows: [prow("1.1.a", ["AR", "UY"], 2), prow("1.1.b", ["UY"], 1)],
      countries: ["AR", "BR", "UY"],
      cities: 4,
      by_country: [
        { country: "AR", activities: 1, cities: 1 },
        { country: "BR", activities: 3, cities: 2 },
        { country: "UY", activities: 2, cities: 1 },
      ],
    };
    fetchMock.mockImplementation(answer(execution([]), people));
    renderPage();
    const chart = await screen.findByTestId("country-chart");
    const bars = [...chart.querySelectorAll("g[data-key]")].map((g) => [g.getAttribute("data-key"), g.getAttribute("data-value")]);
    expect(bars).toEqual([
      ["BR", "3"],
      ["UY", "2"],
      ["AR", "1"],
    ]);
  });

  it("says there is nothing when no country took part", async () => {
    fetchMock.mockImplementation(answer(execution([])));
    renderPage();
    const section = await screen.findByTestId("participation-report");
    expect(await within(section).findAllByText("Todavía no hay nada informado.")).not.toHaveLength(0);
    expect(screen.queryByTestId("country-chart")).toBeNull();
  });
});

describe("PlanReportsPage: filters picked by name", () => {
  const fetchMock = mockFetch();

  const withStrategy: Schemas["PlanTreeOut"] = {
    ...plan,
    strategic_plan: {
      title: { es: "Plan estratégico" },
      thematic_perspectives: [
        { code: "T1", title: { es: "Integración productiva" }, goals: [{ code: "T1.2", title: { es: "Cadenas de valor regionales" } }] },
      ],
    },
    nodes: [
      {
        id: "n1",
        kind: "activity",
        code: "1.1.a",
        title: { es: "Jornada" },
        version: 1,
        responsible_bodies: ["UTC"],
        children: [],
      },
    ],
  };

  function Url() {
    return <p data-testid="url">{useLocation().search}</p>;
  }

  it("offers countries, bodies and goals by their names and puts their codes in the URL", async () => {
    const reports = answer(execution([]));
    fetchMock.mockImplementation(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/v1/countries")
        return jsonResponse(200, {
          items: [
            { code: "PY", name: { es: "Paraguay" }, mercosur_status: "state_party", version: 1, created_at: "x", updated_at: "x" },
            { code: "AR", name: { es: "Argentina" }, mercosur_status: "state_party", version: 1, created_at: "x", updated_at: "x" },
          ],
          page: 1,
          per_page: 200,
          total: 2,
        });
      if (path === "/api/v1/bodies")
        return jsonResponse(200, {
          items: [
            { id: "b-utc", kind: "thematic_unit", acronym: "UTC", name: { es: "Unidad Temática de Cultura" }, version: 1, created_at: "x", updated_at: "x" },
            { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva" }, version: 1, created_at: "x", updated_at: "x" },
          ],
          page: 1,
          per_page: 200,
          total: 2,
        });
      return reports(request);
    });
    renderWithProviders(
      <Routes>
        <Route
          path="/plans/:id/reports"
          element={
            <>
              <PlanReportsPage plan={withStrategy} />
              <Url />
            </>
          }
        />
      </Routes>,
      { route: "/plans/p1/reports" },
    );
    const user = userEvent.setup();
    const country = screen.getByLabelText("País");
    await within(country).findByRole("option", { name: "Argentina" });
    expect(within(country).getAllByRole("option").map((o) => o.textContent)).toEqual(["Todos los países", "Argentina", "Paraguay"]);
    const body = screen.getByLabelText("Órgano responsable");
    await within(body).findByRole("option", { name: "Unidad Temática de Cultura (UTC)" });
    expect(within(body).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Todos los órganos",
      "Secretaría Ejecutiva (SE)",
      "Unidad Temática de Cultura (UTC)",
    ]);
    const serves = screen.getByLabelText("Contribuye a (planificación estratégica)");
    expect(within(serves).getByRole("group", { name: "T1 · Integración productiva" })).toBeInTheDocument();

    await user.selectOptions(country, "Paraguay");
    await user.selectOptions(body, "Unidad Temática de Cultura (UTC)");
    await user.selectOptions(serves, "T1.2 · Cadenas de valor regionales");
    expect(screen.getByTestId("url")).toHaveTextContent(/^$/);
    await user.click(screen.getByRole("button", { name: "Aplicar" }));
    expect(screen.getByTestId("url")).toHaveTextContent("?country=PY&body=UTC&serves=T1.2");
    expect(screen.getByLabelText("País")).toHaveValue("PY");
    const asked = fetchMock.mock.calls.map(([r]) => new URL((r as Request).url)).filter((u) => u.pathname.endsWith("/execution-report"));
    expect(asked.at(-1)?.search).toBe("?country=PY&body=UTC&serves=T1.2");
  });
});

describe("PlanReportsPage: parts without activities folded away", () => {
  const fetchMock = mockFetch();
  afterEach(async () => {
    await i18n.changeLanguage("es");
  });

  const withEmpty = (): Schemas["ExecutionReport"] => ({
    ...execution([]),
    rows: [
      row("1", "dimension", { es: "Dimensión política" }, 2, 1, 1),
      row("1.1", "policy", { es: "Política de integración" }, 2, 1, 1),
      { ...row("1.1.1", "axis", { es: "Eje sin actividades" }, 1, 0, 0), activities: 0, by_execution: {}, executed_share: 0, executed_or_partial_share: 0 },
      { ...row("1.1.2", "axis", { es: "Otro eje vacío" }, 1, 0, 0), activities: 0, by_execution: {}, executed_share: 0, executed_or_partial_share: 0 },
    ],
  });

  it("shows the rows with activities, and the empty ones behind a button that says how many", async () => {
    fetchMock.mockImplementation(answer(withEmpty()));
    renderPage();
    const report = await screen.findByTestId("execution-report");
    const codes = () => [...report.querySelectorAll("tr[data-code]")].map((r) => r.getAttribute("data-code"));
    await waitFor(() => expect(codes()).toEqual(["1", "1.1", "total"]));
    const toggle = within(report).getByRole("button", { name: "Mostrar 2 filas sin actividades" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(toggle).toHaveAttribute("aria-controls", "execution-rows");
    await userEvent.setup().click(toggle);
    expect(codes()).toEqual(["1", "1.1", "1.1.1", "1.1.2", "total"]);
    expect(within(report).getByRole("button", { name: "Ocultar las filas sin actividades" })).toHaveAttribute("aria-expanded", "true");
  });

  it("explains the shares in the UI's language and keeps the server's formula as it gives it", async () => {
    await i18n.changeLanguage("pt");
    fetchMock.mockImplementation(answer(withEmpty()));
    renderPage();
    const formula = await screen.findByTestId("execution-formula");
    expect(formula).toHaveTextContent("«Realizadas»: atividades cujo último relatório aprovado diz «Sim», sobre o total de atividades.");
    expect(within(formula).getByText("executed_share = yes / activities")).toHaveAttribute("lang", "en");
  });
});
