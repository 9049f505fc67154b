import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../../components/Notice";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { StaleAlert } from "../../../components/StaleAlert";
import { Loading } from "../../../components/Loading";
import { ApiError } from "../../../lib/api/problem";
import { localized } from "../../../lib/i18n/format";
import { useAttendance, useDelegations, useSaveAttendance } from "../api/delegations";
import type { Event } from "../api/events";
import { cellKey, presentCells, presentPerColumn, sameCells, toRecords, toggleCell, toggleColumn } from "../model/attendance";
import { delegatesByCity } from "../model/delegations";

/**
 * Who attended: the delegates (by city) by the sessions (or the event as a whole), a checkbox each,
 * saved at once with the event's ETag. For the organiser.
 */
export function AttendanceSection({ event, etag, onReload }: { event: Event; etag: string; onReload: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const delegations = useDelegations(event.id);
  const attendance = useAttendance(event.id);
  const save = useSaveAttendance(event.id);
  const [edited, setEdited] = useState<Set<string> | null>(null);
  const [saved, setSaved] = useState(false);
  const sessions = event.sessions as (Event["sessions"][number] & { id?: string })[];
  const columns: { id: string | null; label: string }[] =
    sessions.length > 0 ? sessions.map((s) => ({ id: s.id ?? null, label: localized(s.title, lang) })) : [{ id: null, label: t("events.attendance.wholeEvent") }];
  const groups = delegatesByCity(delegations.data ?? [], lang);
  const delegateIds = groups.flatMap((g) => g.delegates.map((d) => d.id));
  const stored = attendance.data ? presentCells(attendance.data.records) : new Set<string>();
  const present = edited ?? stored;
  const dirty = edited !== null && !sameCells(edited, stored);
  const stale = save.error instanceof ApiError && save.error.status === 412;
  const reload = async () => {
    await onReload();
    await attendance.refetch();
    setEdited(null);
    save.reset();
  };
  const change = (next: Set<string>) => {
    setSaved(false);
    setEdited(next);
  };
  const perColumn = presentPerColumn(present, columns.map((c) => c.id), delegateIds);

  if (delegations.isPending || attendance.isPending) return <Loading />;
  return (
    <section className="card" aria-labelledby="attendance-title" data-testid="attendance">
      <h2 id="attendance-title">{t("events.attendance.title")}</h2>
      {(delegations.isError || attendance.isError) && <ProblemAlert error={delegations.error ?? attendance.error} />}
      {saved && <Notice>{t("events.attendance.saved")}</Notice>}
      {stale && <StaleAlert error={save.error as ApiError} onReload={() => void reload()} />}
      {save.error != null && !stale && <ProblemAlert error={save.error} />}
      {groups.length === 0 ? (
        <p className="muted">{t("events.attendance.noDelegates")}</p>
      ) : (
        <>
          <div className="table-wrap attendance-wrap">
            <table className="data-table attendance-grid" data-testid="attendance-grid">
              <caption className="visually-hidden">{t("events.attendance.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("events.attendance.delegate")}</th>
                  {columns.map((c, i) => {
                    const all = delegateIds.length > 0 && perColumn[i] === delegateIds.length;
                    return (
                      <th scope="col" key={c.id ?? "event"} className="attendance-col">
                        <span>{c.label}</span>
                        <label className="small attendance-all">
                          <input type="checkbox" checked={all} onChange={(e) => change(toggleColumn(present, c.id, delegateIds, e.target.checked))} />{" "}
                          {t("events.attendance.all")}
                        </label>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <Fragment key={g.city.id}>
                    <tr className="attendance-city">
                      <th scope="colgroup" colSpan={columns.length + 1}>
                        {g.city.name}
                      </th>
                    </tr>
                    {g.delegates.map((d) => (
                      <tr key={d.id} data-delegate={d.id}>
                        <th scope="row">{d.name}</th>
                        {columns.map((c) => {
                          const key = cellKey(c.id, d.id);
                          return (
                            <td key={key} className="attendance-cell">
                              <input
                                type="checkbox"
                                aria-label={t("events.attendance.presentAt", { name: d.name, session: c.label })}
                                checked={present.has(key)}
                                onChange={(e) => change(toggleCell(present, key, e.target.checked))}
                              />
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="button-primary"
              disabled={!dirty || save.isPending || stale}
              onClick={() =>
                save.mutate(
                  { body: { records: toRecords(present, delegateIds, columns.map((c) => c.id)) }, etag, version: event.version },
                  {
                    onSuccess: async () => {
                      await onReload();
                      await attendance.refetch();
                      setEdited(null);
                      setSaved(true);
                    },
                  },
                )
              }
            >
              {save.isPending ? t("common.saving") : t("events.attendance.save")}
            </button>
            {dirty && (
              <button type="button" className="button-secondary" onClick={() => setEdited(null)}>
                {t("common.cancel")}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
