import { useTranslation } from "react-i18next";
import { localized } from "../../../lib/i18n/format";
import type { Event } from "../api/events";

/** An event's kind, translated. */
export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-kind badge-event-kind-${kind}`}>{t(`events.kind.${kind}`, { defaultValue: kind })}</span>;
}

/** An event's status, translated. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-event-${status}`}>{t(`events.status.${status}`, { defaultValue: status })}</span>;
}

/** Where an event is held: its host city (with the country in the reader's language), or online. */
export function EventPlace({ event }: { event: Pick<Event, "host_city" | "online"> }) {
  const { t, i18n } = useTranslation();
  const h = event.host_city;
  if (!h) return <>{t("events.online")}</>;
  return (
    <>
      {h.name}, {localized(h.country_name, i18n.language) || h.country_code}
    </>
  );
}

/** The organising bodies, by acronym when they have one (the full name as a tooltip). */
export function Organizers({ event }: { event: Pick<Event, "organizers"> }) {
  const { i18n } = useTranslation();
  return (
    <>
      {event.organizers.map((o, i) => (
        <span key={o.id} title={localized(o.name, i18n.language)}>
          {i > 0 && ", "}
          {o.acronym || localized(o.name, i18n.language)}
        </span>
      ))}
    </>
  );
}
