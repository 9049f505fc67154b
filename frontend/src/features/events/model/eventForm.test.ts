import { describe, expect, it } from "vitest";
import type { Event } from "../api/events";
import { emptyEvent, toEventIn, toFormValues } from "./eventForm";

const event = {
  id: "e1",
  kind: "workshop",
  status: "planned",
  title: { es: "Jornada", pt: "Jornada", en: null },
  description: null,
  time_zone: "America/Montevideo",
  starts_at: "2026-12-14T12:00:00Z",
  ends_at: "2026-12-15T21:00:00Z",
  local_starts_at: "2026-12-14T09:00:00",
  local_ends_at: "2026-12-15T18:00:00",
  online: false,
  host_city: { id: "c1", name: "Montevideo", country_code: "UY", country_name: { es: "Uruguay" } },
  organizers: [{ id: "b1", name: { es: "UT Cultura" }, acronym: "UTC" }],
  activities: [{ id: "n1", plan_id: "p1", code: "1.1.a" }],
  sessions: [
    {
      id: "s1",
      title: { es: "Apertura" },
      starts_at: "2026-12-14T12:00:00Z",
      ends_at: "2026-12-14T15:00:00Z",
      local_starts_at: "2026-12-14T09:00:00",
      local_ends_at: "2026-12-14T12:00:00",
    },
  ],
  version: 3,
  created_at: "2026-11-30T00:00:00Z",
  updated_at: "2026-11-30T00:00:00Z",
} as unknown as Event;

describe("the event form", () => {
  it("reads an event's wall clocks, place, bodies, activities and sessions", () => {
    const v = toFormValues(event);
    expect(v.starts_at).toBe("2026-12-14T09:00");
    expect(v.ends_at).toBe("2026-12-15T18:00");
    expect(v.host_city_id).toBe("c1");
    expect(v.body_ids).toEqual(["b1"]);
    expect(v.activities).toEqual([{ id: "n1", plan_id: "p1", code: "1.1.a" }]);
    expect(v.sessions[0]).toEqual({ id: "s1", title: { es: "Apertura", pt: "", en: "" }, starts_at: "2026-12-14T09:00", ends_at: "2026-12-14T12:00" });
  });

  it("sends the same event back, a kept session with its id, empty languages left out", () => {
    const body = toEventIn(toFormValues(event));
    expect(body).toEqual({
      kind: "workshop",
      title: { es: "Jornada", pt: "Jornada" },
      description: null,
      time_zone: "America/Montevideo",
      starts_at: "2026-12-14T09:00",
      ends_at: "2026-12-15T18:00",
      host_city_id: "c1",
      body_ids: ["b1"],
      activity_ids: ["n1"],
      sessions: [{ id: "s1", title: { es: "Apertura" }, starts_at: "2026-12-14T09:00", ends_at: "2026-12-14T12:00" }],
      participants: [],
    });
  });

  it("sends an online event's empty host and empty required fields as null, for the server to name them", () => {
    const body = toEventIn({ ...emptyEvent(), participants: [{ kind: "organizations", name: " CGLU ", people: "12" }] }) as unknown as Record<string, unknown>;
    expect(body.host_city_id).toBeNull();
    expect(body.starts_at).toBeNull();
    expect(body.title).toEqual({});
    expect(body.participants).toEqual([{ kind: "organizations", name: "CGLU", people: 12 }]);
  });
});
