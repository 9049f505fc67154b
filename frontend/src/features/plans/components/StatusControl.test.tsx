import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, mockFetch, renderWithProviders, staleProblem } from "../../../test/render";
import type { PlanNode } from "../api/plans";
import { StatusControl } from "./StatusControl";

const activity = (status?: PlanNode["status"]): PlanNode => ({
  id: "n1",
  kind: "activity",
  code: "1.2.d",
  title: { es: "Iniciar un relacionamiento con la UNASUR" },
  version: 3,
  children: [],
  status,
});

describe("StatusControl", () => {
  const fetchMock = mockFetch();

  const options = () =>
    within(screen.getByLabelText("Nuevo estado"))
      .getAllByRole("option")
      .map((o) => o.getAttribute("value"));

  it("offers only the legal next statuses", () => {
    const { unmount } = renderWithProviders(
      <StatusControl planId="p1" node={activity()} etag='"3"' mayChange onReload={vi.fn()} />,
    );
    expect(options()).toEqual(["in_progress", "not_done", "cancelled"]);
    unmount();
    renderWithProviders(<StatusControl planId="p1" node={activity("partially_done")} etag='"3"' mayChange onReload={vi.fn()} />);
    expect(options()).toEqual(["in_progress", "done"]);
  });

  it("offers nothing for a final status, and no control to who may not change it", () => {
    const { unmount } = renderWithProviders(
      <StatusControl planId="p1" node={activity("done")} etag='"3"' mayChange onReload={vi.fn()} />,
    );
    expect(screen.queryByLabelText("Nuevo estado")).not.toBeInTheDocument();
    expect(screen.getByText(/Este estado es final/)).toBeInTheDocument();
    unmount();
    renderWithProviders(<StatusControl planId="p1" node={activity()} etag='"3"' mayChange={false} onReload={vi.fn()} />);
    expect(screen.queryByRole("button", { name: "Cambiar estado" })).not.toBeInTheDocument();
  });

  it("asks before changing the status, and sends nothing when the question is cancelled", async () => {
    renderWithProviders(<StatusControl planId="p1" node={activity()} etag='"3"' mayChange onReload={vi.fn()} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Nuevo estado"), "cancelled");
    await user.click(screen.getByRole("button", { name: "Cambiar estado" }));
    const question = screen.getByRole("group", { name: /Cambiar el estado de 1\.2\.d de «Planificada» a «Cancelada»/ });
    // A final status says so.
    expect(question).toHaveTextContent("Es un estado final");
    expect(question).toHaveFocus();
    await user.click(within(question).getByRole("button", { name: "Cancelar" }));
    expect(screen.queryByRole("group", { name: /Cambiar el estado/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Cambiar estado" })).toBeEnabled();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends the status with If-Match once confirmed", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...activity("in_progress"), version: 4 }, { etag: '"4"' }));
    renderWithProviders(<StatusControl planId="p1" node={activity()} etag='"3"' mayChange onReload={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Cambiar estado" }));
    expect(screen.getByRole("group", { name: "¿Cambiar el estado de 1.2.d de «Planificada» a «En curso»?" })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Sí, cambiar el estado" }));
    await screen.findByText("Estado cambiado a «En curso».");
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.method).toBe("PUT");
    expect(new URL(request.url).pathname).toBe("/api/v1/plans/p1/nodes/n1/status");
    expect(request.headers.get("if-match")).toBe('"3"');
    expect(JSON.parse(await request.text())).toEqual({ status: "in_progress" });
  });

  it("on 412 says someone else changed the activity and offers to reload", async () => {
    fetchMock.mockResolvedValueOnce(
      staleProblem(4),
    );
    const onReload = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<StatusControl planId="p1" node={activity()} etag='"3"' mayChange onReload={onReload} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Cambiar estado" }));
    await user.click(screen.getByRole("button", { name: "Sí, cambiar el estado" }));
    const alert = await screen.findByTestId("stale-alert");
    expect(alert).toHaveTextContent("versión 4");
    expect(screen.getByRole("button", { name: "Cambiar estado" })).toBeDisabled();
    await user.click(within(alert).getByRole("button", { name: "Recargar" }));
    await waitFor(() => expect(onReload).toHaveBeenCalled());
  });
});
