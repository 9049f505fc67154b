import { useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { formatDateTime, localized } from "../lib/i18n/format";
import { changedFields, fieldLabel, fieldValue } from "../lib/audit/fields";
import { useUserNames } from "../lib/auth/people";
import { usePermission, useSession } from "../lib/auth/useAuth";
import { Loading } from "./Loading";
import { Pagination } from "./list/Pagination";
import { ProblemAlert } from "./ProblemAlert";

export type AuditEntry = components["schemas"]["AuditEntryOut"];
export type HistoryOf = "cities" | "bodies" | "countries" | "terms";

/**
 * What a membership entry (`body_member`, in the history of a city or a body) is about: the city
 * and the body as they were named when the change was made.
 */
export function membershipOf(entry: { record_type: string; before?: unknown; after?: unknown }, lang: string): { city: string; body: string } | null {
  if (entry.record_type !== "body_member") return null;
  const row = (entry.after ?? entry.before ?? {}) as { city_name?: unknown; body_name?: unknown };
  const city = typeof row.city_name === "string" ? row.city_name : "";
  const body = row.body_name && typeof row.body_name === "object" ? localized(row.body_name as never, lang) : "";
  return { city, body };
}

async function fetchHistory(of: HistoryOf, id: string, page: number) {
  const query = { page, per_page: 10 };
  switch (of) {
    case "cities":
      return unwrap(await api.GET("/api/v1/cities/{id}/history", { params: { path: { id }, query } }));
    case "bodies":
      return unwrap(await api.GET("/api/v1/bodies/{id}/history", { params: { path: { id }, query } }));
    case "countries":
      return unwrap(await api.GET("/api/v1/countries/{id}/history", { params: { path: { id }, query } }));
    case "terms":
      return unwrap(await api.GET("/api/v1/terms/{id}/history", { params: { path: { id }, query } }));
  }
}

/** The fields an update changed, each with its value before and after. */
export function ChangesTable({
  changes,
  label,
  show,
}: {
  changes: readonly { field: string; before: unknown; after: unknown }[];
  label: (field: string) => string;
  show: (value: unknown, field: string) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
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
              <th scope="row">{label(c.field)}</th>
              <td className="diff-before">{show(c.before, c.field)}</td>
              <td className="diff-after">{show(c.after, c.field)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The audit history of one record, with what each change altered. */
export function RecordHistory({ of, id, version }: { of: HistoryOf; id: string; version?: number }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [page, setPage] = useState(1);
  const history = useQuery({
    // The record's version is in the key: when the record changes, its history is read again.
    queryKey: ["history", of, id, version ?? 0, page],
    queryFn: () => fetchHistory(of, id, page),
  });

  // Names of the people who made the changes, for those who may read users.
  const can = usePermission();
  const actorIds = [
    ...new Set(
      (history.data?.items ?? [])
        .filter((e) => e.actor_kind === "user" && e.actor_id && e.actor_id !== user?.id)
        .map((e) => e.actor_id as string),
    ),
  ];
  const names = useUserNames(actorIds, can("user:read"));

  const actor = (e: AuditEntry) => {
    if (e.actor_kind === "system") return t("history.system");
    if (e.actor_kind === "token") return `${t("history.token")} ${e.actor_id?.slice(0, 8) ?? ""}`;
    if (e.actor_id && e.actor_id === user?.id) return user.display_name;
    const name = e.actor_id ? names.get(e.actor_id) : undefined;
    return name ?? `${t("history.user")} ${e.actor_id?.slice(0, 8) ?? ""}`;
  };

  return (
    <section className="card" aria-labelledby={`history-${id}`}>
      <h2 id={`history-${id}`}>{t("history.title")}</h2>
      {history.isPending && <Loading />}
      {history.isError && <ProblemAlert error={history.error} />}
      {history.data && history.data.items.length === 0 && <p className="muted">{t("history.empty")}</p>}
      {history.data && history.data.items.length > 0 && (
        <>
          <ol className="history">
            {history.data.items.map((e) => {
              const changes = changedFields(e);
              const membership = membershipOf(e, i18n.language);
              return (
                <li key={e.id} className="history-entry">
                  <div className="history-head">
                    <span className={`badge badge-${e.action}`}>{t(`history.${e.action}`, { defaultValue: e.action })}</span>{" "}
                    <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at, i18n.language)}</time>
                    {" · "}
                    <span>{actor(e)}</span>
                    {membership && (
                      <>
                        {" · "}
                        <span className="history-part">{t("history.membership", membership)}</span>
                      </>
                    )}
                  </div>
                  {e.action === "update" && changes.length === 0 && <p className="muted small">{t("history.noFieldChanges")}</p>}
                  {e.action === "update" && changes.length > 0 && (
                    <ChangesTable
                      changes={changes}
                      label={(f) => fieldLabel(f, t, e.record_type)}
                      show={(v, f) => fieldValue(f, v, { t, lang: i18n.language, recordType: e.record_type })}
                    />
                  )}
                  {e.action === "create" && <p className="muted small">{t(membership ? "history.memberAdded" : "history.created")}</p>}
                  {e.action === "delete" && <p className="muted small">{t(membership ? "history.memberRemoved" : "history.deleted")}</p>}
                </li>
              );
            })}
          </ol>
          {history.data.total > history.data.per_page && (
            <Pagination page={page} perPage={history.data.per_page} total={history.data.total} onPage={setPage} />
          )}
        </>
      )}
    </section>
  );
}
