import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, mockFetch, renderWithProviders, validationProblem } from "../../../test/render";
import { formFieldOf, reportFieldErrors, toReportIn, emptyReportValues, emptyResult } from "../model/reportForm";
import { ReportForm } from "./ReportForm";

describe("report form model", () => {
  it("puts the server's paths beside the form's fields", () => {
    expect(formFieldOf("participants.cities[0]")).toBe("participants.cities");
    expect(formFieldOf("participants.organizations[2]")).toBe("participants.organizations");
    expect(formFieldOf("results[1].stage")).toBe("results[1].stage");
    expect(formFieldOf("results[0].evidence[3]")).toBe("results[0].evidence");
    expect(formFieldOf("results[0].description.pt")).toBe("results[0].description");
    expect(formFieldOf("evidence[0]")).toBe("evidence");
    expect(formFieldOf("narrative")).toBe("narrative.es");
    expect(formFieldOf("plan_id")).toBeNull();
    const { byField, others } = reportFieldErrors({ "results[0].stage": ["a"], "participants.cities[1]": ["b"], x: ["c"] });
    expect(byField).toEqual({ "results[0].stage": ["a"], "participants.cities": ["b"] });
    expect(others).toEqual(["x: c"]);
  });

  it("sends a stage only for kinds with a ladder, and lists one a line", () => {
    const v = emptyReportValues("2012-05-10");
    v.execution = "yes";
    v.organizations = "UNESCO\n\n  CEPAL ";
    v.results = [{ ...emptyResult(), kind: "other", stage: "signed" }, { ...emptyResult(), stage: "signed", evidence: "https://a.org\nhttps://b.org" }];
    const body = toReportIn(v);
    expect(body.participants?.organizations).toEqual(["UNESCO", "CEPAL"]);
    expect(body.results?.map((r) => r.stage)).toEqual([null, "signed"]);
    expect(body.results?.[1].evidence).toEqual(["https://a.org", "https://b.org"]);
    expect(body.narrative).toBeNull();
  });
});

describe("ReportForm", () => {
  const fetchMock = mockFetch();

  it("offers only the stages of the kind's ladder", async () => {
    renderWithProviders(<ReportForm mode="create" planId="p1" nodeId="n1" activityCode="1.1.a" onDone={vi.fn()} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Agregar un resultado" }));
    const row = screen.getByRole("group", { name: "Resultado 1" });
    const stage = within(row).getByLabelText(/^Etapa alcanzada/) as HTMLSelectElement;
    expect([...stage.options].map((o) => o.value)).toEqual(["agreed", "signed", "with_activities", "with_funding"]);
    await user.selectOptions(within(row).getByLabelText(/^Tipo de resultado/), "project");
    const projectStage = within(row).getByLabelText(/^Etapa alcanzada/) as HTMLSelectElement;
    expect([...projectStage.options].map((o) => o.value)).toEqual(["agreed", "formulated", "funded", "with_responsibilities"]);
    await user.selectOptions(within(row).getByLabelText(/^Tipo de resultado/), "new_instrument");
    expect(within(row).queryByLabelText(/^Etapa alcanzada/)).toBeNull();
  });

  it("shows the server's messages beside the fields, and repeats the Idempotency-Key only for the same content", async () => {
    const errors = [
      { field: "execution", code: "required", message: "Este campo es obligatorio." },
      { field: "results[0].stage", code: "unknown_value", message: "Valor desconocido." },
      { field: "evidence[0]", code: "invalid_format", message: "Formato inválido." },
    ];
    // The country names are read apart; every report sent is refused.
    fetchMock.mockImplementation(async (request: Request) =>
      new URL(request.url).pathname === "/api/v1/countries" ? jsonResponse(200, { items: [], page: 1, per_page: 200, total: 0 }) : validationProblem(errors),
    );
    const sent = () => fetchMock.mock.calls.map(([r]) => r as Request).filter((r) => r.method === "POST");
    const onDone = vi.fn();
    renderWithProviders(<ReportForm mode="create" planId="p1" nodeId="n1" activityCode="1.1.a" onDone={onDone} onCancel={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Agregar un resultado" }));
    await user.type(screen.getByLabelText(/^Evidencias \(enlaces\)/), "ftp://x");
    await user.click(screen.getByRole("button", { name: "Guardar borrador" }));

    const stage = within(screen.getByRole("group", { name: "Resultado 1" })).getByLabelText(/^Etapa alcanzada/);
    await waitFor(() => expect(stage).toHaveAttribute("aria-invalid", "true"));
    expect(stage).toHaveAccessibleDescription("Valor desconocido.");
    expect(screen.getByLabelText(/^Evidencias \(enlaces\)/)).toHaveAccessibleDescription(expect.stringContaining("Formato inválido."));
    expect(screen.getByText("Este campo es obligatorio.")).toBeInTheDocument();
    for (const radio of screen.getAllByRole("radio")) expect(radio).toHaveAttribute("aria-invalid", "true");

    const first = sent()[0];
    expect(new URL(first.url).pathname).toBe("/api/v1/plans/p1/nodes/n1/reports");
    const key = first.headers.get("Idempotency-Key");
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // The same content again: the same key. A change: a new one.
    await user.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await waitFor(() => expect(sent()).toHaveLength(2));
    expect(sent()[1].headers.get("Idempotency-Key")).toBe(key);
    await user.click(screen.getByRole("radio", { name: "Sí" }));
    await user.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await waitFor(() => expect(sent()).toHaveLength(3));
    expect(sent()[2].headers.get("Idempotency-Key")).not.toBe(key);
    expect(onDone).not.toHaveBeenCalled();
  });
});
