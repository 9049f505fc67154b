import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Event } from "../api/events";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import { signIn } from "../../../test/session";
import { AttendanceSection } from "./AttendanceSection";

const session = (id: string, es: string) => ({
  id,
  title: { es },
  starts_at: "2026-11-10T12:00:00Z",
  ends_at: "2026-11-10T15:00:00Z",
  local_starts_at: "2026-11-10T09:00:00",
  local_ends_at: "2026-11-10T12:00:00",
});

const event = { id: "e1", version: 7, sessions: [session("s1", "Mañana"), session("s2", "Tarde")] } as unknown as Event;

const delegations = {
  items: [
    {
      id: "d1",
      event_id: "e1",
      city: { id: "c1", name: "Rosario", country_code: "AR" },
      quota: 2,
      status: "confirmed",
      delegates: [
        { id: "p1", name: "Lucía Paraná" },
        { id: "p2", name: "Martín Rosales" },
      ],
      version: 2,
      created_at: "2026-11-01T00:00:00Z",
      updated_at: "2026-11-01T00:00:00Z",
    },
  ],
};

describe("AttendanceSection", () => {
  const fetchMock = mockFetch();

  it("ticks who was present at each session and sends the whole grid with the event's ETag", async () => {
    signIn([{ role: "secretariat_admin" }]);
    const sent: Request[] = [];
    fetchMock.mockImplementation(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "PUT") {
        sent.push(request);
        return jsonResponse(200, { event_id: "e1", version: 8, records: [] });
      }
      if (path.endsWith("/delegations")) return jsonResponse(200, delegations);
      return jsonResponse(200, { event_id: "e1", version: 7, records: [{ session_id: "s1", delegate_id: "p2", city_id: "c1" }] });
    });
    renderWithProviders(<AttendanceSection event={event} etag={'"7"'} onReload={async () => undefined} />);
    const user = userEvent.setup();
    const grid = await screen.findByTestId("attendance-grid");
    const cell = (name: string, s: string) => within(grid).getByRole("checkbox", { name: `${name} presente en ${s}` });
    expect(cell("Martín Rosales", "Mañana")).toBeChecked();
    const save = screen.getByRole("button", { name: "Guardar la asistencia" });
    expect(save).toBeDisabled();
    await user.click(cell("Lucía Paraná", "Mañana"));
    await user.click(cell("Lucía Paraná", "Tarde"));
    await user.click(save);
    await screen.findByText("Asistencia guardada.");
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0].url).pathname).toBe("/api/v1/events/e1/attendance");
    expect(sent[0].headers.get("if-match")).toBe('"7"');
    expect(await sent[0].json()).toEqual({
      records: [
        { session_id: "s1", delegate_id: "p1" },
        { session_id: "s2", delegate_id: "p1" },
        { session_id: "s1", delegate_id: "p2" },
      ],
    });
  });
});
