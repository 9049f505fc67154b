import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import type { Column } from "../../../components/list/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { Loading } from "../../../components/Loading";
import { usePermission } from "../../../lib/auth/useAuth";
import { oneOf } from "../../../lib/api/closed";
import { downloadFile } from "../../../lib/api/download";
import { useScopes } from "../../../lib/auth/scopes";
import { localized } from "../../../lib/i18n/format";
import { EVENT_KINDS, EVENT_STATUSES, useEvents, useEventsBetween, type Event } from "../api/events";
import { gridRange, isoDay, monthOf, parseMonth } from "../model/calendar";
import { formatWallDays, formatWallPeriod, zoneLabel } from "../model/time";
import { EventCalendar } from "./EventCalendar";
import { EventPlace, KindBadge, Organizers, StatusBadge } from "./EventBits";

/** The network's events as one calendar file (the list's body and kind), in the reader's language. */
function CalendarDownload({ body, kind }: { body: string; kind: string }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const lang = ["es", "pt", "en"].includes(i18n.language) ? i18n.language : "es";
  const query = new URLSearchParams({ lang });
  if (body) query.set("body_id", body);
  if (oneOf(EVENT_KINDS, kind)) query.set("kind", kind);
  const path = `/api/v1/events.ics?${query}`;
  return (
    <>
      <a
        href={path}
        className="button-secondary"
        aria-disabled={busy || undefined}
        data-testid="events-ics"
        onClick={(e) => {
          e.preventDefault();
          if (busy) return;
          setBusy(true);
          setError(null);
          downloadFile(path, "mercociudades-events.ics", "text/calendar")
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        {t("events.icsAll")}
      </a>
      {error != null && <ProblemAlert error={error} />}
    </>
  );
}

/**
 * The network's events: a list (filters, sort and page in the URL) or a month's calendar, each
 * event linking to its page. Everyone signed in reads them; who writes an event may add one.
 */
export default function EventsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const list = useListParams({ view: "list", kind: "", status: "", body: "", from: "", until: "", month: "" }, { sort: "starts_at" });
  const { view, kind, status, body, from, until } = list.filters;
  const calendar = view === "calendar";
  const filtered = !!(kind || status || body || from || until);
  const today = isoDay(new Date());
  const month = parseMonth(list.filters.month) ? list.filters.month : monthOf(from || today);
  const range = gridRange(month);
  const events = useEvents({ page: list.page, perPage: list.perPage, sort: list.sort, kind, status, body, from, until }, !calendar);
  const monthEvents = useEventsBetween({ kind, status, body, from: range?.from, until: range?.until }, calendar);
  const scopes = useScopes(lang);
  // Who writes any event (the secretariat) or those of a body (a coordinator) may add one.
  const mayCreate = can("event:write") || scopes.bodies.some((b) => can("event:write", { kind: "event", organizers: [b.id] }));

  const columns: Column<Event>[] = [
    {
      id: "title",
      header: t("events.title"),
      cell: (e) => (
        <Link to={`/events/${e.id}`} data-event={e.id}>
          {localized(e.title, lang)}
        </Link>
      ),
    },
    { id: "kind", header: t("events.kindLabel"), cell: (e) => <KindBadge kind={e.kind} /> },
    {
      id: "when",
      header: t("events.days"),
      sort: "starts_at",
      cell: (e) => (
        <span title={formatWallPeriod(e.local_starts_at, e.local_ends_at, lang)}>
          {formatWallDays(e.local_starts_at, e.local_ends_at, lang)}
          <span className="muted small"> · {zoneLabel(e.time_zone, e.starts_at, lang)}</span>
        </span>
      ),
    },
    { id: "place", header: t("events.place"), cell: (e) => <EventPlace event={e} /> },
    { id: "organizers", header: t("events.organizers"), cell: (e) => <Organizers event={e} /> },
    { id: "status", header: t("events.statusLabel"), cell: (e) => <StatusBadge status={e.status} /> },
  ];

  const setView = (v: "list" | "calendar") => list.update(v === "calendar" ? { view: v, month } : { view: undefined, month: undefined });

  return (
    <>
      <PageTitle
        actions={
          <>
            <CalendarDownload body={body} kind={kind} />
            <Link to="/events/participation" className="button-secondary">
              {t("events.participation.link")}
            </Link>
            {mayCreate && (
              <Link to="/events/new" className="button-primary">
                {t("events.new")}
              </Link>
            )}
          </>
        }
      >
        {t("events.pageTitle")}
      </PageTitle>
      <div className="view-toggle" role="group" aria-label={t("events.view")}>
        <button type="button" className={calendar ? "button-secondary" : "button-primary"} aria-pressed={!calendar} onClick={() => setView("list")}>
          {t("events.viewList")}
        </button>
        <button type="button" className={calendar ? "button-primary" : "button-secondary"} aria-pressed={calendar} onClick={() => setView("calendar")}>
          {t("events.viewCalendar")}
        </button>
      </div>
      <ListFilters label={t("events.filters")} onClear={filtered ? () => list.update({ kind: undefined, status: undefined, body: undefined, from: undefined, until: undefined }) : undefined}>
        <FilterSelect
          id="event-kind"
          label={t("events.kindLabel")}
          value={kind}
          onChange={(v) => list.update({ kind: v })}
          options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
        />
        <FilterSelect
          id="event-status"
          label={t("events.statusLabel")}
          value={status}
          onChange={(v) => list.update({ status: v })}
          options={EVENT_STATUSES.map((s) => ({ value: s, label: t(`events.status.${s}`) }))}
        />
        <FilterSelect
          id="event-body"
          label={t("events.organizer")}
          value={body}
          onChange={(v) => list.update({ body: v })}
          options={scopes.bodies.map((b) => ({ value: b.id, label: b.name }))}
        />
        {!calendar && (
          <>
            <FilterInput id="event-from" type="date" label={t("common.since")} value={from} onChange={(v) => list.update({ from: v })} />
            <FilterInput id="event-until" type="date" label={t("common.until")} value={until} onChange={(v) => list.update({ until: v })} />
          </>
        )}
      </ListFilters>
      {calendar ? (
        <>
          {monthEvents.isError && <ProblemAlert error={monthEvents.error} />}
          {monthEvents.isPending ? (
            <Loading />
          ) : (
            <EventCalendar month={month} events={monthEvents.data ?? []} today={today} onMonth={(m) => list.update({ month: m })} />
          )}
        </>
      ) : (
        <ListView
          query={events}
          columns={columns}
          rowKey={(e) => e.id}
          caption={t("events.pageTitle")}
          empty={t("events.none")}
          sort={list.sort}
          onSort={list.setSort}
          onPage={list.setPage}
          onPerPage={list.setPerPage}
        />
      )}
    </>
  );
}
