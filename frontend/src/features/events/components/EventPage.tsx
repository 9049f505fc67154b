import { useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { Loading } from "../../../components/Loading";
import { Notice } from "../../../components/Notice";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { StaleAlert } from "../../../components/StaleAlert";
import { useEditing } from "../../../components/useEditing";
import { downloadFile } from "../../../lib/api/download";
import { ApiError } from "../../../lib/api/problem";
import { usePermission } from "../../../lib/auth/useAuth";
import { counted, formatDateTime, localized } from "../../../lib/i18n/format";
import { useEvent, useEventStatus, type Event } from "../api/events";
import { formatWallPeriod, zoneLabel } from "../model/time";
import { EventPlace, KindBadge, StatusBadge } from "./EventBits";
import { EventForm } from "./EventForm";
import { DelegationsSection } from "./DelegationsSection";
import { AttendanceSection } from "./AttendanceSection";

/** An event's own resource: who organises it may write it. */
export const eventResource = (e: Pick<Event, "organizers">) => ({ kind: "event" as const, organizers: e.organizers.map((o) => o.id) });

/** The event's .ics in the reader's language, fetched with the access token. */
function IcsDownload({ event }: { event: Event }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const lang = ["es", "pt", "en"].includes(i18n.language) ? i18n.language : "es";
  const path = `/api/v1/events/${event.id}/event.ics?lang=${lang}`;
  return (
    <>
      <a
        href={path}
        className="button-secondary"
        aria-disabled={busy || undefined}
        data-testid="event-ics"
        onClick={(e) => {
          e.preventDefault();
          if (busy) return;
          setBusy(true);
          setError(null);
          downloadFile(path, `event-${event.id.slice(0, 8)}.ics`, "text/calendar")
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        {t("events.ics")}
      </a>
      {error != null && <ProblemAlert error={error} />}
    </>
  );
}

/** Held or cancelled: a planned event's last step, asked first. */
function StatusActions({ event, etag, onReload }: { event: Event; etag: string; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const change = useEventStatus(event.id);
  const [asking, setAsking] = useState<"held" | "cancelled" | null>(null);
  if (event.status !== "planned") return null;
  const stale = change.error instanceof ApiError && change.error.status === 412;
  return (
    <section className="card" aria-labelledby="event-status-title">
      <h2 id="event-status-title">{t("events.statusLabel")}</h2>
      {change.error != null &&
        (stale ? (
          <StaleAlert
            error={change.error as ApiError}
            onReload={() => {
              void onReload().then(() => change.reset());
            }}
          />
        ) : (
          <ProblemAlert error={change.error} />
        ))}
      {asking === null ? (
        <div className="form-actions">
          <button type="button" className="button-primary" onClick={() => setAsking("held")}>
            {t("events.markHeld")}
          </button>
          <button type="button" className="button-danger" onClick={() => setAsking("cancelled")}>
            {t("events.markCancelled")}
          </button>
        </div>
      ) : (
        <ConfirmInline
          question={t(asking === "held" ? "events.markHeldQuestion" : "events.markCancelledQuestion")}
          confirmLabel={t(asking === "held" ? "events.markHeld" : "events.markCancelled")}
          tone={asking === "held" ? "primary" : "danger"}
          busy={change.isPending || stale}
          takeFocus
          onConfirm={() => change.mutate({ status: asking, etag, version: event.version }, { onSuccess: () => setAsking(null) })}
          onCancel={() => {
            setAsking(null);
            change.reset();
          }}
        />
      )}
    </section>
  );
}

/**
 * An event: what, when (on its own clocks, the zone named), where, who organises it, the plan
 * activities it carries out and its sessions; the .ics; for who writes it, edit and the status.
 */
export default function EventPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const event = useEvent(id);
  const edit = useEditing(() => event.refetch());

  if (event.isPending) return <Loading />;
  if (event.isError) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/events">← {t("events.back")}</Link>
        </p>
        <ProblemAlert error={event.error} />
      </>
    );
  }
  const { data: e, etag } = event.data;
  const mayWrite = can("event:write", eventResource(e));
  const description = localized(e.description, lang);
  const participants = e.participants ?? [];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/events">← {t("events.back")}</Link>
      </p>
      <PageTitle
        actions={
          <>
            <IcsDownload event={e} />
            {edit.button(mayWrite)}
          </>
        }
      >
        {localized(e.title, lang)}
      </PageTitle>
      <p className="muted small">
        {t("events.version", { version: e.version })} · {t("events.updatedAt", { date: formatDateTime(e.updated_at, lang) })}
      </p>
      {(edit.saved || edit.created) && <Notice>{edit.saved ? t("common.saved") : t("events.created")}</Notice>}
      {edit.editing && mayWrite && (
        <EventForm key={edit.generation} event={e} etag={etag} onSaved={edit.onSaved} onCancel={edit.onCancel} onReload={edit.onReload} />
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="event-facts">
          <h2 id="event-facts">{t("events.facts")}</h2>
          <dl className="facts" data-testid="event-facts">
            <dt>{t("events.kindLabel")}</dt>
            <dd>
              <KindBadge kind={e.kind} />
            </dd>
            <dt>{t("events.statusLabel")}</dt>
            <dd>
              <StatusBadge status={e.status} />
            </dd>
            <dt>{t("events.when")}</dt>
            <dd data-testid="event-when">{formatWallPeriod(e.local_starts_at, e.local_ends_at, lang)}</dd>
            <dt>{t("events.timeZone")}</dt>
            <dd data-testid="event-zone">{zoneLabel(e.time_zone, e.starts_at, lang)}</dd>
            <dt>{t("events.place")}</dt>
            <dd>
              {e.host_city ? (
                <Link to={`/cities/${e.host_city.id}`}>
                  <EventPlace event={e} />
                </Link>
              ) : (
                <EventPlace event={e} />
              )}
            </dd>
            <dt>{t("events.organizers")}</dt>
            <dd>
              <ul className="plain-list">
                {e.organizers.map((o) => (
                  <li key={o.id}>
                    <Link to={`/bodies/${o.id}`}>{localized(o.name, lang)}</Link>
                    {o.acronym && <span className="muted"> ({o.acronym})</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          {description && <p className="event-description">{description}</p>}
        </section>
        <section className="card" aria-labelledby="event-activities">
          <h2 id="event-activities">{t("events.activities")}</h2>
          {e.activities.length === 0 ? (
            <p className="muted">{t("events.noActivities")}</p>
          ) : (
            <ul className="plain-list">
              {e.activities.map((a) => (
                <li key={a.id}>
                  <Link to={`/plans/${a.plan_id}/nodes/${a.id}`}>{t("events.activity", { code: a.code })}</Link>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("events.participants.title")}</h3>
          {participants.length === 0 ? (
            <p className="muted">{t("events.participants.none")}</p>
          ) : (
            <ul className="plain-list" data-testid="event-participants">
              {participants.map((p, i) => (
                <li key={`${p.kind}-${i}`}>
                  <span className="muted small">{t(`events.participants.kind.${p.kind}`, { defaultValue: p.kind })}: </span>
                  {p.name}
                  {p.people != null && <span className="muted"> · {t("events.participants.people", counted(p.people, lang))}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="event-sessions">
        <h2 id="event-sessions">{t("events.sessions")}</h2>
        {e.sessions.length === 0 ? (
          <p className="muted">{t("events.noSessions")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-narrow" data-testid="event-sessions">
              <thead>
                <tr>
                  <th scope="col">{t("events.sessionTitle")}</th>
                  <th scope="col">{t("events.when")}</th>
                </tr>
              </thead>
              <tbody>
                {e.sessions.map((s, i) => (
                  <tr key={`${s.starts_at}-${i}`}>
                    <td data-label={t("events.sessionTitle")}>
                      <div className="cell-value">{localized(s.title, lang)}</div>
                    </td>
                    <td data-label={t("events.when")}>
                      <div className="cell-value">{formatWallPeriod(s.local_starts_at, s.local_ends_at, lang)}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {mayWrite && <StatusActions event={e} etag={etag} onReload={() => event.refetch()} />}

      <DelegationsSection event={e} mayOrganise={mayWrite} />
      {mayWrite && e.status !== "cancelled" && <AttendanceSection event={e} etag={etag} onReload={() => event.refetch()} />}
    </>
  );
}
