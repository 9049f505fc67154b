import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { components } from "../../../lib/api/schema";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import NotificationsPage from "./NotificationsPage";
import { EmailPreferencesSection } from "./EmailPreferencesSection";

type Notification = components["schemas"]["NotificationOut"];

const returned: Notification = {
  id: "n1",
  kind: "report_returned",
  record_type: "report",
  record_id: "r1",
  params: { activity_code: "1.1.a", activity_title: { es: "Seminario" }, reason: "Falta la evidencia." },
  read_at: null,
  created_at: "2012-11-20T10:00:00Z",
};
const approved: Notification = { ...returned, id: "n2", kind: "report_approved", record_id: "r2", params: { activity_code: "2.2.b", activity_title: { es: "Boletín" } }, read_at: "2012-11-21T10:00:00Z" };

/** Answers each request by its method and path. */
function answer(fetchMock: ReturnType<typeof mockFetch>, routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  fetchMock.mockImplementation(async (request: Request) => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const route = routes[key];
    if (!route) throw new Error(`unexpected ${key}`);
    return route(request);
  });
}

const calls = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.map(([r]) => `${(r as Request).method} ${new URL((r as Request).url).pathname}`);

describe("NotificationsPage", () => {
  const fetchMock = mockFetch();

  it("lists the notifications with their report and reason, and marks one read", async () => {
    signIn([{ role: "coordinator", body_id: "b1" }]);
    let unread = 1;
    answer(fetchMock, {
      "GET /api/v1/notifications": () => jsonResponse(200, { items: [unread ? returned : { ...returned, read_at: "2012-11-22T10:00:00Z" }, approved], page: 1, per_page: 25, total: unread }),
      "POST /api/v1/notifications/n1/read": () => {
        unread = 0;
        return new Response(null, { status: 204 });
      },
    });
    renderWithProviders(<NotificationsPage />);
    const table = await screen.findByTestId("notifications");
    expect(within(table).getByRole("link", { name: "Informe de avance devuelto: 1.1.a · Seminario" })).toHaveAttribute("href", "/reports/r1");
    expect(within(table).getByRole("link", { name: "Informe de avance aprobado: 2.2.b · Boletín" })).toHaveAttribute("href", "/reports/r2");
    expect(within(table).getByText("Falta la evidencia.")).toBeInTheDocument();
    expect(await screen.findByTestId("unread-count")).toHaveTextContent("1 sin leer");
    await userEvent.click(within(table).getByRole("button", { name: "Marcar como leída" }));
    expect(await screen.findByText("0 sin leer")).toBeInTheDocument();
    expect(calls(fetchMock)).toContain("POST /api/v1/notifications/n1/read");
    expect(within(table).queryByRole("button", { name: "Marcar como leída" })).toBeNull();
  });

  it("marks every notification read at once", async () => {
    signIn([{ role: "coordinator", body_id: "b1" }]);
    let unread = 2;
    answer(fetchMock, {
      "GET /api/v1/notifications": () => jsonResponse(200, { items: [], page: 1, per_page: 25, total: unread }),
      "POST /api/v1/notifications/read": () => {
        unread = 0;
        return jsonResponse(200, { marked: 2 });
      },
    });
    renderWithProviders(<NotificationsPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Marcar todas como leídas" }));
    expect(await screen.findByText("0 sin leer")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Marcar todas como leídas" })).toBeNull();
  });
});

describe("EmailPreferencesSection", () => {
  const fetchMock = mockFetch();

  it("shows each kind by its name and sends the choice of every kind", async () => {
    signIn([{ role: "coordinator", body_id: "b1" }]);
    let sent: unknown = null;
    answer(fetchMock, {
      "GET /api/v1/auth/me/email-preferences": () =>
        jsonResponse(200, { preferences: [{ kind: "report_returned", email: true }, { kind: "report_approved", email: true }] }),
      "POST /api/v1/auth/me/email-preferences": async (request) => {
        sent = await request.json();
        return jsonResponse(200, sent);
      },
    });
    renderWithProviders(<EmailPreferencesSection />);
    const approvedBox = await screen.findByRole("checkbox", { name: "Un informe de avance suyo fue aprobado" });
    const returnedBox = screen.getByRole("checkbox", { name: "Un informe de avance suyo fue devuelto" });
    expect(approvedBox).toBeChecked();
    const save = screen.getByRole("button", { name: "Guardar" });
    expect(save).toBeDisabled();
    await userEvent.click(approvedBox);
    await userEvent.click(save);
    expect(await screen.findByText("Preferencias guardadas.")).toBeInTheDocument();
    expect(sent).toEqual({ preferences: [{ kind: "report_returned", email: true }, { kind: "report_approved", email: false }] });
    expect(approvedBox).not.toBeChecked();
    expect(returnedBox).toBeChecked();
  });
});
