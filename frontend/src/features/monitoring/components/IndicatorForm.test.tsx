import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "i18next";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { IndicatorForm } from "./IndicatorForm";

const t = (key: string, vars?: Record<string, unknown>) => i18n.t(key, vars);

describe("IndicatorForm", () => {
  const fetchMock = mockFetch();

  it("changes the value inputs with the measure, sends them, and puts the server's errors beside them", async () => {
    const user = userEvent.setup();
    renderWithProviders(<IndicatorForm planId="p1" nodeId="n1" onDone={vi.fn()} onCancel={vi.fn()} onReload={vi.fn()} />);
    const period = screen.getByRole("group", { name: t("monitoring.indicators.periodN", { n: 1 }) });
    const actual = t("monitoring.indicators.actual");
    const label = (k: string) => t(`monitoring.indicators.inputs.${k}`, { what: actual });
    const shown = () =>
      (["value", "numerator", "denominator", "reached", "comment"] as const).filter(
        (k) => within(period).queryByLabelText(label(k)) !== null,
      );
    const measure = screen.getByLabelText(t("monitoring.indicators.measure"));

    expect(shown()).toEqual(["value"]);
    await user.selectOptions(measure, "yes_no");
    expect(shown()).toEqual(["reached"]);
    await user.selectOptions(measure, "qualitative");
    expect(shown()).toEqual(["comment"]);
    await user.selectOptions(measure, "percentage");
    expect(shown()).toEqual(["numerator", "denominator"]);

    await user.type(screen.getByLabelText(t("monitoring.indicators.titleIn", { language: t("language.es") })), "Ciudades");
    await user.type(within(period).getByLabelText(t("monitoring.indicators.startsOn")), "2011-01-01");
    await user.type(within(period).getByLabelText(t("monitoring.indicators.endsOn")), "2011-12-31");
    await user.type(within(period).getByLabelText(label("numerator")), "5");
    await user.type(within(period).getByLabelText(label("denominator")), "4");

    fetchMock.mockResolvedValueOnce(
      jsonResponse(422, {
        type: "urn:mercociudades:problem:validation_failed",
        title: "Datos inválidos",
        status: 422,
        code: "validation_failed",
        errors: [{ field: "periods[0].actual.numerator", code: "out_of_range", message: "Entre 0 y el denominador." }],
      }),
    );
    await user.click(screen.getByRole("button", { name: t("monitoring.indicators.create") }));
    await waitFor(() => expect(within(period).getByText("Entre 0 y el denominador.")).toBeTruthy());
    expect(within(period).getByLabelText(label("numerator")).getAttribute("aria-invalid")).toBe("true");

    const request = fetchMock.mock.calls[0][0] as Request;
    const body = JSON.parse(await request.text());
    expect(body).toEqual({
      title: { es: "Ciudades" },
      measure: "percentage",
      ascending: true,
      periods: [{ starts_on: "2011-01-01", ends_on: "2011-12-31", actual: { numerator: 5, denominator: 4 } }],
    });
  });
});
