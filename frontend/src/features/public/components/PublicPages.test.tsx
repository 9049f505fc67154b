import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import type { components } from "../../../lib/api/schema";
import i18n from "../../../lib/i18n";
import { LANGUAGE_KEY } from "../../../lib/i18n/language";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { executionRow } from "../../../test/reports";
import PublicLayout from "./PublicLayout";
import PublicPlansPage from "./PublicPlansPage";
import PublicPlanPage from "./PublicPlanPage";
import PublicExecutionPage from "./PublicExecutionPage";

type Schemas = components["schemas"];

const plan: Schemas["PlanOut"] = {
  id: "p1",
  owner: { id: "b-se", kind: "executive_secretariat", acronym: "SE", name: { es: "Secretaría Ejecutiva", pt: "Secretaria Executiva" } },
  title: { es: "Plan de Trabajo 2011-2012", pt: "Plano de Trabalho 2011-2012" },
  starts_on: "2011-12-02",
  ends_on: "2012-12-06",
  status: "in_execution",
  approved_on: "2011-12-02",
  approved_by_meeting: "XVI Cumbre",
  revision: 1,
  version: 3,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

const planDocument: Schemas["PlanDocument"] = {
  format: "mercociudades-plan",
  format_version: 1,
  strategic_plan: { title: { es: "Planificación Estratégica" } },
  work_plan: {
    title: plan.title,
    owner: { kind: "executive_secretariat", acronym: "SE" },
    starts_on: plan.starts_on,
    ends_on: plan.ends_on,
    nodes: [
      {
        kind: "dimension",
        code: "1",
        title: { es: "Dimensión política", pt: "Dimensão política" },
        children: [
          {
            kind: "policy",
            code: "1.1",
            title: { es: "Políticas estratégicas" },
            children: [
              {
                kind: "objective",
                code: "1.1.a",
                title: { es: "Objetivo" },
                children: [
                  { kind: "activity", code: "1.1.a.1", title: { es: "Seminario" }, status: "done", responsible_bodies: ["SE", "UTC"], starts_on: "2012-03-01" },
                  { kind: "activity", code: "1.1.a.2", title: { es: "Taller" } },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
};

const row = executionRow;

const execution: Schemas["ExecutionReport"] = {
  plan_id: "p1",
  formula: "executed_share = yes / activities",
  total: row("", "plan", plan.title, 4, 1, 2),
  rows: [
    row("1", "dimension", { es: "Dimensión política" }, 4, 1, 2),
    row("1.1", "policy", { es: "Políticas estratégicas" }, 3, 1, 1),
    row("1.2", "policy", { es: "Alianzas" }, 1, 0, 1),
    row("1.3", "policy", { es: "Vacía" }, 0, 0, 0),
  ],
  by_body: [row("SE", "body", { es: "Secretaría Ejecutiva", pt: "Secretaria Executiva" }, 4, 1, 2)],
};

/** Answers the public API as the server does, and records what was asked. */
function answer(fetchMock: ReturnType<typeof mockFetch>) {
  fetchMock.mockImplementation(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/v1/public/plans") return jsonResponse(200, [plan]);
    if (path === "/api/v1/public/plans/p1") return jsonResponse(200, planDocument);
    if (path === "/api/v1/public/plans/p1/execution-report") return jsonResponse(200, execution);
    return jsonResponse(404, { title: "Not found", status: 404 });
  });
}

function renderPublic(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/public" element={<PublicLayout />}>
        <Route index element={<PublicPlansPage />} />
        <Route path="plans/:id" element={<PublicPlanPage />} />
        <Route path="plans/:id/execution" element={<PublicExecutionPage />} />
      </Route>
      <Route path="/login" element={<p>login</p>} />
    </Routes>,
    { route },
  );
}

describe("the public pages", () => {
  const fetchMock = mockFetch();
  let languages: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    answer(fetchMock);
    localStorage.removeItem(LANGUAGE_KEY);
    languages = vi.spyOn(navigator, "languages", "get").mockReturnValue(["pt-BR", "en"]);
    await i18n.changeLanguage("es");
    localStorage.removeItem(LANGUAGE_KEY);
  });
  afterEach(async () => {
    languages.mockRestore();
    await i18n.changeLanguage("es");
    localStorage.removeItem(LANGUAGE_KEY);
  });

  it("speak the browser's language to a first visitor, list the approved plans, and sign staff in", async () => {
    renderPublic("/public");
    expect(await screen.findByRole("heading", { level: 1, name: "Planos de trabalho aprovados" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("pt");
    const link = await screen.findByRole("link", { name: "Plano de Trabalho 2011-2012" });
    expect(link).toHaveAttribute("href", "/public/plans/p1");
    const item = link.closest("li")!;
    expect(within(item).getByRole("link", { name: "Execução" })).toHaveAttribute("href", "/public/plans/p1/execution");
    expect(within(item).getByText("Em execução")).toBeInTheDocument();
    expect(within(item).getByText("Secretaria Executiva")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Acesso da equipe" })).toHaveAttribute("href", "/login");
    // Only the public operations are asked for: no sign-in is needed.
    const asked = fetchMock.mock.calls.map(([r]) => new URL((r as Request).url).pathname);
    expect(asked.every((p) => p.startsWith("/api/v1/public/"))).toBe(true);
  });

  it("keep the language chosen in this browser, and switch it", async () => {
    await i18n.changeLanguage("es"); // chosen before, and remembered
    renderPublic("/public");
    expect(await screen.findByRole("heading", { level: 1, name: "Planes de trabajo aprobados" })).toBeInTheDocument();
    await userEvent.setup().selectOptions(screen.getByLabelText("Idioma"), "en");
    expect(await screen.findByRole("heading", { level: 1, name: "Approved work plans" })).toBeInTheDocument();
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe("en");
  });

  it("show a plan's structure: what it holds, dimensions open, and each activity with its status and bodies", async () => {
    await i18n.changeLanguage("es");
    renderPublic("/public/plans/p1");
    expect(await screen.findByRole("heading", { level: 1, name: "Plan de Trabajo 2011-2012" })).toBeInTheDocument();
    const counts = screen.getByTestId("public-counts");
    expect(within(counts).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["1dimensión", "1política", "1objetivo", "2actividades"]);
    expect(screen.getByText("Sirve al plan estratégico «Planificación Estratégica».")).toBeInTheDocument();
    const dimension = document.querySelector<HTMLDetailsElement>('li[data-code="1"] > details')!;
    expect(dimension.open).toBe(true);
    expect(within(dimension.querySelector("summary")!).getByText("2 actividades")).toBeInTheDocument();
    const policy = document.querySelector<HTMLDetailsElement>('li[data-code="1.1"] > details')!;
    expect(policy.open).toBe(false);
    const activity = document.querySelector('li[data-code="1.1.a.1"]')!;
    expect(within(activity as HTMLElement).getByText("Realizada")).toBeInTheDocument();
    expect(activity.textContent).toContain("SE, UTC");
    expect(document.querySelector('li[data-code="1.1.a.2"]')!.textContent).toContain("Planificada");
    expect(screen.getByRole("link", { name: "Estructura" })).toHaveAttribute("aria-current", "page");
  });

  it("show a plan's execution: its figures, a bar per execution, policy and body, and the table per part", async () => {
    await i18n.changeLanguage("pt");
    renderPublic("/public/plans/p1/execution");
    const summary = await screen.findByTestId("public-summary");
    expect(within(summary).getByText("4")).toBeInTheDocument();
    expect(within(summary).getByText("25%")).toBeInTheDocument();
    expect(within(summary).getByText("75%")).toBeInTheDocument();
    const bars = (testId: string) =>
      [...screen.getByTestId(testId).querySelectorAll("g[data-key]")].map((g) => [g.getAttribute("data-key"), Number(g.getAttribute("data-value"))]);
    expect(bars("public-breakdown-chart")).toEqual([["yes", 1], ["partially", 2], ["no", 0], ["not_reported", 1]]);
    // The policies with activities only.
    expect(bars("public-policy-chart")).toEqual([["1.1", 100 / 3], ["1.2", 0]]);
    expect(bars("public-body-chart")).toEqual([["SE", 25]]);
    expect(screen.getByRole("img", { name: "Atividades segundo sua execução" })).toBeInTheDocument();
    const table = screen.getByTestId("public-execution-table");
    expect([...table.querySelectorAll("tbody tr")].map((tr) => tr.getAttribute("data-code"))).toEqual(["1", "1.1", "1.2", "total"]);
    expect(within(table.querySelector('tr[data-code="total"]') as HTMLElement).getByText("Total")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Execução" })).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: "Plano de Trabalho 2011-2012" })).toBeInTheDocument());
  });

  it("say so when a plan is not public", async () => {
    renderPublic("/public/plans/p2");
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Todos os planos aprovados/ })).toHaveAttribute("href", "/public");
  });
});
