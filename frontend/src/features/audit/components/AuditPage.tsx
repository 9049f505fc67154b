import { Fragment } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { changedFields, type AuditEntry } from "../../../components/RecordHistory";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDateTime } from "../../../lib/i18n/format";
import { RECORD_TYPES, useActorOptions, useAudit } from "../api/audit";

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** One entry's before and after: the fields that changed, then both records whole. */
function EntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes = changedFields(entry);
  return (
    <div className="audit-detail">
      {entry.action === "update" && changes.length > 0 && (
        <table className="diff">
          <thead>
            <tr>
              <th scope="col">{t("history.changes")}</th>
              <th scope="col">{t("history.from")}</th>
              <th scope="col">{t("history.to")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.field}</th>
                <td className="diff-before">{show(c.before)}</td>
                <td className="diff-after">{show(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="audit-records">
        <div>
          <h3>{t("audit.before")}</h3>
          {entry.before ? <pre className="json">{JSON.stringify(entry.before, null, 2)}</pre> : <p className="muted small">{t("audit.noBefore")}</p>}
        </div>
        <div>
          <h3>{t("audit.after")}</h3>
          {entry.after ? <pre className="json">{JSON.stringify(entry.after, null, 2)}</pre> : <p className="muted small">{t("audit.noAfter")}</p>}
        </div>
      </div>
      {entry.request_id && <p className="muted small">{t("errors.requestId", { id: entry.request_id })}</p>}
    </div>
  );
}

/** The audit log of the whole network, filtered by kind of record, person and period (in the URL). */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const perPage = Number(params.get("per_page")) || 25;
  const recordType = params.get("record_type") ?? "";
  const actorId = params.get("actor_id") ?? "";
  const from = params.get("from") ?? "";
  const until = params.get("until") ?? "";
  const open = params.get("open") ?? "";

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !("page" in changes)) next.delete("page");
    setParams(next, { replace: true });
  };

  const audit = useAudit({ page, perPage, recordType, actorId, from, until });
  const actors = useActorOptions(can("user:read"));
  const names = new Map((actors.data ?? []).map((u) => [u.id, u.display_name]));
  const actor = (e: AuditEntry) => {
    if (e.actor_kind === "system") return t("history.system");
    if (e.actor_kind === "token") return `${t("history.token")} ${e.actor_id?.slice(0, 8) ?? ""}`;
    return (e.actor_id && names.get(e.actor_id)) ?? `${t("history.user")} ${e.actor_id?.slice(0, 8) ?? ""}`;
  };

  return (
    <>
      <PageTitle>{t("audit.title")}</PageTitle>
      <form className="filters card" role="search" aria-label={t("audit.filters")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="audit-type">{t("audit.recordType")}</label>
          <select id="audit-type" value={recordType} onChange={(e) => update({ record_type: e.target.value, open: undefined })}>
            <option value="">{t("common.all")}</option>
            {RECORD_TYPES.map((r) => (
              <option key={r} value={r}>
                {t(`audit.types.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <select id="audit-actor" value={actorId} onChange={(e) => update({ actor_id: e.target.value, open: undefined })}>
            <option value="">{t("common.all")}</option>
            {(actors.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.display_name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" type="date" value={from} onChange={(e) => update({ from: e.target.value, open: undefined })} />
        </div>
        <div className="field">
          <label htmlFor="audit-until">{t("audit.until")}</label>
          <input id="audit-until" type="date" value={until} onChange={(e) => update({ until: e.target.value, open: undefined })} />
        </div>
        {(recordType || actorId || from || until) && (
          <button type="button" className="button-secondary" onClick={() => update({ record_type: undefined, actor_id: undefined, from: undefined, until: undefined, open: undefined })}>
            {t("common.clearFilters")}
          </button>
        )}
      </form>

      {audit.isError && <ProblemAlert error={audit.error} />}
      {audit.isPending && <Loading />}
      {audit.data && (
        <div className="card">
          <div className="table-wrap">
            <table className="data-table" data-testid="audit-table" aria-busy={audit.isFetching}>
              <caption className="visually-hidden">{t("audit.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("history.when")}</th>
                  <th scope="col">{t("history.who")}</th>
                  <th scope="col">{t("history.action")}</th>
                  <th scope="col">{t("audit.recordType")}</th>
                  <th scope="col">{t("audit.record")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("audit.details")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      {t("common.noResults")}
                    </td>
                  </tr>
                )}
                {audit.data.items.map((e) => {
                  const expanded = open === e.id;
                  const detailId = `audit-detail-${e.id}`;
                  return (
                    <Fragment key={e.id}>
                      <tr data-entry={e.id} data-record-type={e.record_type}>
                        <td>
                          <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at, lang)}</time>
                        </td>
                        <td>{actor(e)}</td>
                        <td>
                          <span className={`badge badge-${e.action}`}>{t(`history.${e.action}`, { defaultValue: e.action })}</span>
                        </td>
                        <td>{t(`audit.types.${e.record_type}`, { defaultValue: e.record_type })}</td>
                        <td>
                          <code className="small">{e.record_id.slice(0, 8)}</code> <span>{summary(e)}</span>
                        </td>
                        <td>
                          <button
                            type="button"
                            className="button-secondary"
                            aria-expanded={expanded}
                            aria-controls={detailId}
                            onClick={() => update({ open: expanded ? undefined : e.id }, false)}
                          >
                            {expanded ? t("audit.hide") : t("audit.show")}
                          </button>
                        </td>
                      </tr>
                      {expanded && (
                        <tr id={detailId} className="audit-detail-row">
                          <td colSpan={6}>
                            <EntryDetail entry={e} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination
            page={audit.data.page}
            perPage={audit.data.per_page}
            total={audit.data.total}
            onPage={(p) => update({ page: p, open: undefined }, false)}
            onPerPage={(n) => update({ per_page: n, open: undefined })}
          />
        </div>
      )}
    </>
  );
}

/** A short name for the record of an entry (its name, email or title when it has one). */
function summary(e: AuditEntry): string {
  const rec = (e.after ?? e.before ?? {}) as Record<string, unknown>;
  // Some records are stored with their parts (`{ user, grants }`, `{ plan, nodes }`): look one level down too.
  const candidates = [rec, ...Object.values(rec).filter((v): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v))];
  for (const r of candidates) {
    for (const k of ["display_name", "name", "email", "title_es", "city_name", "code"]) {
      const v = r[k];
      if (typeof v === "string" && v) return v;
      if (v && typeof v === "object" && "es" in (v as object)) return String((v as Record<string, unknown>).es ?? "");
    }
  }
  return "";
}
