import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { components } from "../../../lib/api/schema";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import { Inbox } from "./Inbox";

type Item = components["schemas"]["InboxItem"];

const item = (over: Partial<Item>): Item => ({
  kind: "report_to_review",
  plan_id: "p1",
  activity_id: "n1",
  activity_code: "1.1.a",
  activity_title: { es: "Seminario de integración productiva", en: "Productive integration seminar" },
  report_id: "r1",
  reason: null,
  since: "2012-11-20T10:00:00Z",
  ...over,
});

describe("Inbox", () => {
  const fetchMock = mockFetch();

  it("groups the waiting work by kind under counted headings, each item a link to where it is done", async () => {
    signIn([{ role: "secretariat_admin" }]);
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        items: [
          item({ report_id: "r1" }),
          item({ report_id: "r2", activity_code: "2.2.b", activity_id: "n2" }),
          item({ kind: "report_returned", report_id: "r3", reason: "Falta la evidencia." }),
          item({ kind: "activity_unreported", report_id: null, activity_id: "n9", activity_code: "1.3.c", plan_id: "p2" }),
        ],
        unread_notifications: 1,
      }),
    );
    renderWithProviders(<Inbox />);
    const review = await screen.findByRole("region", { name: "2 informes de avance por revisar" });
    const links = within(review).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["/reports/r1", "/reports/r2"]);
    expect(links[0]).toHaveTextContent("1.1.a · Seminario de integración productiva");

    const returned = screen.getByRole("region", { name: "1 informe devuelto para corregir" });
    expect(within(returned).getByRole("link")).toHaveAttribute("href", "/reports/r3");
    expect(within(returned).getByText("Falta la evidencia.")).toBeInTheDocument();

    const unreported = screen.getByRole("region", { name: "1 actividad en ejecución sin informe" });
    expect(within(unreported).getByRole("link")).toHaveAttribute("href", "/plans/p2/nodes/n9");

    expect(screen.getByRole("link", { name: "1 notificación sin leer" })).toHaveAttribute("href", "/notifications");
    expect(new URL((fetchMock.mock.calls[0][0] as Request).url).pathname).toBe("/api/v1/inbox");
  });

  it.each([
    [[{ role: "secretariat_staff" as const }], "Ningún informe de avance espera su revisión."],
    [[{ role: "coordinator" as const, body_id: "b1" }], "Nada pendiente: cada actividad en ejecución de su unidad tiene un informe y ninguno le fue devuelto."],
    [[{ role: "observer" as const }], "Su rol no recibe tareas de seguimiento: nada le espera."],
    [[{ role: "focal_point" as const, city_id: "c1" }], "Ninguna invitación de su ciudad a un evento espera respuesta."],
  ])("says what an empty inbox means for the role (%j)", async (roles, text) => {
    signIn(roles);
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [], unread_notifications: 0 }));
    renderWithProviders(<Inbox />);
    expect(await screen.findByTestId("inbox-empty")).toHaveTextContent(text);
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("lists a focal point's invitations to events, each opening the event, to register or to confirm", async () => {
    signIn([{ role: "focal_point", city_id: "c1" }]);
    const invitation = {
      event_id: "e1",
      event_title: { es: "Seminario de alianzas culturales" },
      starts_at: "2026-12-10T12:00:00Z",
      time_zone: "America/Montevideo",
      city_id: "c1",
      city_name: "Rosario",
      status: "invited",
      quota: 2,
      delegates: 0,
      since: "2026-11-30T10:00:00Z",
    };
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        items: [],
        invitations: [invitation, { ...invitation, event_id: "e2", status: "registered", delegates: 1 }],
        unread_notifications: 0,
      }),
    );
    renderWithProviders(<Inbox />);
    const group = await screen.findByRole("region", { name: "2 invitaciones a eventos por responder" });
    const links = within(group).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["/events/e1", "/events/e2"]);
    expect(group).toHaveTextContent("Rosario: inscribir hasta 2 delegados");
    expect(group).toHaveTextContent("Rosario: confirmar 1 de 2 delegados");
    // On the event's clocks: 09:00 in Montevideo.
    expect(group).toHaveTextContent("09:00");
    expect(screen.queryByTestId("inbox-empty")).toBeNull();
  });
});
