import { Fragment, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../../components/Notice";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { StaleAlert } from "../../../components/StaleAlert";
import { Loading } from "../../../components/Loading";
import { downloadFile } from "../../../lib/api/download";
import { ApiError } from "../../../lib/api/problem";
import { localized } from "../../../lib/i18n/format";
import { useAttendance, useDelegations, useSaveAttendance, useUploadAttendance } from "../api/delegations";
import type { Event } from "../api/events";
import { cellKey, errorsByRow, presentCells, presentPerColumn, sameCells, toRecords, toggleCell, toggleColumn } from "../model/attendance";
import { delegatesByCity } from "../model/delegations";

/** The attendance sheet: download it, fill it in, send it back; its refused rows listed. */
function AttendanceCsv({ event, etag, onSent }: { event: Event; etag: string; onSent: () => void }) {
  const { t } = useTranslation();
  const upload = useUploadAttendance(event.id);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const path = `/api/v1/events/${event.id}/attendance`;
  const error = upload.error instanceof ApiError ? upload.error : null;
  const rows = error?.status === 422 ? errorsByRow(error.problem?.errors ?? []) : [];
  const stale = error?.status === 412;
  return (
    <div className="attendance-csv">
      <h3>{t("events.attendance.sheet")}</h3>
      <p className="hint">{t("events.attendance.sheetHint")}</p>
      <div className="form-actions">
        <a
          href={path}
          className="button-secondary"
          data-testid="attendance-csv-download"
          onClick={(e) => {
            e.preventDefault();
            setDownloadError(null);
            downloadFile(path, `attendance-${event.id.slice(0, 8)}.csv`, "text/csv").catch(setDownloadError);
          }}
        >
          {t("events.attendance.download")}
        </a>
        <label className="button-secondary file-button">
          {upload.isPending ? t("common.saving") : t("events.attendance.upload")}
          <input
            ref={file}
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            data-testid="attendance-csv-upload"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              setSent(false);
              const csv = await f.text();
              upload.mutate(
                { csv, etag, version: event.version },
                {
                  onSuccess: () => {
                    setSent(true);
                    onSent();
                  },
                },
              );
              if (file.current) file.current.value = "";
            }}
          />
        </label>
      </div>
      {downloadError != null && <ProblemAlert error={downloadError} />}
      {sent && <Notice>{t("events.attendance.uploaded")}</Notice>}
      {stale && <StaleAlert error={error} onReload={onSent} />}
      {upload.error != null && !stale && rows.length === 0 && <ProblemAlert error={upload.error} />}
      {rows.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="attendance-csv-errors">
          <p className="alert-title">{t("events.attendance.refused")}</p>
          <ul>
            {rows.map((r) => (
              <li key={`${r.row}-${r.field}`} data-row={r.row ?? ""}>
                {r.row === null
                  ? r.field
                    ? `${r.field}: `
                    : ""
                  : r.field
                    ? t("events.attendance.rowField", { row: r.row, field: r.field })
                    : t("events.attendance.row", { row: r.row })}
                {r.messages.join(" ")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * Who attended: the delegates (by city) by the sessions (or the event as a whole), a checkbox each,
 * saved at once with the event's ETag; and the same as a CSV sheet. For the organiser.
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
      <AttendanceCsv event={event} etag={etag} onSent={() => void reload()} />
    </section>
  );
}
