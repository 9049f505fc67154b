/**
 * The event form's values (every input a string) and the body it sends: wall-clock times in the
 * event's zone as the inputs hold them, the host city or online, the organising bodies, the plan
 * activities and the sessions (a kept session sends its id back, when the API gives one).
 */
import { sentForCheck, type Unchecked } from "../../../lib/api/client";
import { oneOf } from "../../../lib/api/closed";
import { EVENT_KINDS, PARTICIPANT_KINDS, type Event, type EventIn } from "../api/events";
import { toWallInput } from "./time";

export interface Texts {
  es: string;
  pt: string;
  en: string;
}

export interface SessionValues {
  /** The kept session's id (none for a new one). */
  id?: string;
  title: Texts;
  starts_at: string;
  ends_at: string;
}

export interface ParticipantValues {
  kind: string;
  name: string;
  /** How many people came, when known. */
  people: string;
}

export interface EventFormValues {
  kind: string;
  title: Texts;
  description: Texts;
  time_zone: string;
  starts_at: string;
  ends_at: string;
  /** "" : online. */
  host_city_id: string;
  body_ids: string[];
  /** Activities by id, with the code and plan to show them by. */
  activities: { id: string; plan_id: string; code: string }[];
  sessions: SessionValues[];
  participants: ParticipantValues[];
}

export const EVENT_FORM_FIELDS = [
  "kind",
  "title",
  "title.es",
  "title.pt",
  "title.en",
  "description*",
  "time_zone",
  "starts_at",
  "ends_at",
  "host_city_id",
  "body_ids*",
  "activity_ids*",
  "sessions*",
  "participants*",
] as const;

const EMPTY_TEXTS: Texts = { es: "", pt: "", en: "" };

const texts = (v: { es?: string | null; pt?: string | null; en?: string | null } | null | undefined): Texts => ({
  es: v?.es ?? "",
  pt: v?.pt ?? "",
  en: v?.en ?? "",
});

export function toFormValues(e: Event): EventFormValues {
  return {
    kind: e.kind,
    title: texts(e.title),
    description: texts(e.description),
    time_zone: e.time_zone,
    starts_at: toWallInput(e.local_starts_at),
    ends_at: toWallInput(e.local_ends_at),
    host_city_id: e.host_city?.id ?? "",
    body_ids: e.organizers.map((o) => o.id),
    activities: e.activities.map((a) => ({ id: a.id, plan_id: a.plan_id, code: a.code })),
    sessions: e.sessions.map((s) => {
      return { id: s.id, title: texts(s.title), starts_at: toWallInput(s.local_starts_at), ends_at: toWallInput(s.local_ends_at) };
    }),
    participants: (e.participants ?? []).map((p) => ({ kind: p.kind, name: p.name, people: p.people == null ? "" : String(p.people) })),
  };
}

/** A new event: a meeting in Montevideo's zone (the secretariat's), its times left to fill. */
export function emptyEvent(timeZone = "America/Montevideo"): EventFormValues {
  return {
    kind: "meeting",
    title: { ...EMPTY_TEXTS },
    description: { ...EMPTY_TEXTS },
    time_zone: timeZone,
    starts_at: "",
    ends_at: "",
    host_city_id: "",
    body_ids: [],
    activities: [],
    sessions: [],
    participants: [],
  };
}

/** Texts with the empty languages left out; none at all when every one is empty. */
function localizedOrNull(v: Texts): Texts | null {
  const out = Object.fromEntries(Object.entries(v).filter(([, s]) => s.trim() !== "").map(([k, s]) => [k, s.trim()]));
  return Object.keys(out).length ? (out as unknown as Texts) : null;
}

/**
 * The body of POST or PUT (PUT replaces every field). Empty required fields go as null, for the
 * server to name them.
 */
export function toEventIn(v: EventFormValues): EventIn {
  const body: Unchecked<EventIn> = {
    kind: oneOf(EVENT_KINDS, v.kind) ?? null,
    title: localizedOrNull(v.title) ?? ({} as Texts),
    description: localizedOrNull(v.description),
    time_zone: v.time_zone.trim() || null,
    starts_at: v.starts_at || null,
    ends_at: v.ends_at || null,
    host_city_id: v.host_city_id || null,
    body_ids: v.body_ids,
    activity_ids: v.activities.map((a) => a.id),
    sessions: v.sessions.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      title: localizedOrNull(s.title) ?? ({} as Texts),
      starts_at: s.starts_at,
      ends_at: s.ends_at,
    })),
    participants: v.participants.map((p) =>
      sentForCheck<NonNullable<EventIn["participants"]>[number]>({
        kind: oneOf(PARTICIPANT_KINDS, p.kind) ?? null,
        name: p.name.trim(),
        people: p.people.trim() === "" ? null : Number(p.people),
      }),
    ),
  };
  return sentForCheck<EventIn>(body);
}
