import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import type { Column } from "../../../components/list/DataTable";
import { FilterInput, FilterSelect, ListFilters } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { ChangesTable, type AuditEntry } from "../../../components/RecordHistory";
import { changedFields, fieldLabel, fieldValue, type Names } from "../../../lib/audit/fields";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDateTime } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import { RECORD_TYPES, useActorOptions, useAudit, useReferencedNames } from "../api/audit";
import { recordName } from "../model/recordName";

/** One entry's changes, field by field, before and after; then both records as stored. */
function EntryDetail({ entry, names }: { entry: AuditEntry; names: Names }) {
  const { t, i18n } = useTranslation();
  const changes = changedFields(entry);
  return (
    <div className="audit-detail">
      {changes.length === 0 ? (
        <p className="muted small">{t("history.noFieldChanges")}</p>
      ) : (
        <ChangesTable
          changes={changes}
          label={(f) => fieldLabel(f, t, entry.record_type)}
          show={(v, f) => fieldValue(f, v, { t, lang: i18n.language, recordType: entry.record_type, names })}
        />
      )}
      <details className="audit-stored">
        <summary>{t("audit.stored")}</summary>
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
      </details>
      {entry.request_id && <p className="muted small">{t("errors.requestId", { id: entry.request_id })}</p>}
    </div>
  );
}

/** The audit log of the whole network, filtered by kind of record, person and period (in the URL). */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  // An opened entry closes when anything else changes.
  const list = useListParams({ record_type: "", actor_id: "", from: "", until: "" }, { resets: ["open"] });
  const { record_type: recordType, actor_id: actorId, from, until } = list.filters;
  const audit = useAudit({ page: list.page, perPage: list.perPage, recordType, actorId, from, until });
  const actors = useActorOptions(can("user:read"));
  const countries = useCountryNames(lang);
  const open = list.param("open");
  const names = new Map((actors.data ?? []).map((u) => [u.id, u.display_name]));
  const referenced = useReferencedNames(audit.data?.items ?? [], lang);
  const lookups = {
    name: (id: string) => names.get(id) ?? referenced.names.get(id),
    node: (id: string) => referenced.nodes.get(id),
    country: (code: string) => countries.name(code),
  };
  const valueName: Names = (id) => lookups.name(id) ?? referenced.nodes.get(id)?.code;
  const actor = (e: AuditEntry) => {
    if (e.actor_kind === "system") return t("history.system");
    if (e.actor_kind === "token") return `${t("history.token")} ${e.actor_id?.slice(0, 8) ?? ""}`;
    return (e.actor_id && names.get(e.actor_id)) ?? `${t("history.user")} ${e.actor_id?.slice(0, 8) ?? ""}`;
  };

  const columns: Column<AuditEntry>[] = [
    { id: "when", header: t("history.when"), cell: (e) => <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at, lang)}</time> },
    { id: "who", header: t("history.who"), cell: actor },
    {
      id: "action",
      header: t("history.action"),
      cell: (e) => <span className={`badge badge-${e.action}`}>{t(`history.${e.action}`, { defaultValue: e.action })}</span>,
    },
    { id: "type", header: t("audit.recordType"), cell: (e) => t(`audit.types.${e.record_type}`, { defaultValue: e.record_type }) },
    {
      id: "record",
      header: t("audit.record"),
      cell: (e) => (
        <>
          <span className="audit-record-name">{recordName(e, lang, t, lookups) || "—"}</span>{" "}
          <code className="small muted" title={e.record_id}>
            {e.record_id.slice(0, 8)}
          </code>
        </>
      ),
    },
    {
      id: "details",
      header: t("audit.details"),
      hiddenHeader: true,
      cell: (e) => {
        const expanded = open === e.id;
        return (
          <button
            type="button"
            className="button-secondary"
            aria-expanded={expanded}
            aria-controls={`audit-detail-${e.id}`}
            onClick={() => list.update({ open: expanded ? undefined : e.id }, false)}
          >
            {expanded ? t("audit.hide") : t("audit.show")}
          </button>
        );
      },
    },
  ];

  return (
    <>
      <PageTitle>{t("audit.title")}</PageTitle>
      <ListFilters label={t("audit.filters")} onClear={list.clear}>
        <FilterSelect
          id="audit-type"
          label={t("audit.recordType")}
          value={recordType}
          onChange={(v) => list.update({ record_type: v })}
          options={RECORD_TYPES.map((r) => ({ value: r, label: t(`audit.types.${r}`) }))}
        />
        <FilterSelect
          id="audit-actor"
          label={t("audit.actor")}
          value={actorId}
          onChange={(v) => list.update({ actor_id: v })}
          options={(actors.data ?? []).map((u) => ({ value: u.id, label: u.display_name }))}
        />
        <FilterInput id="audit-from" type="date" label={t("audit.from")} value={from} onChange={(v) => list.update({ from: v })} />
        <FilterInput id="audit-until" type="date" label={t("audit.until")} value={until} onChange={(v) => list.update({ until: v })} />
      </ListFilters>
      <ListView
        query={audit}
        columns={columns}
        rowKey={(e) => e.id}
        rowProps={(e) => ({ "data-entry": e.id, "data-record-type": e.record_type })}
        expanded={(e) => (open === e.id ? { id: `audit-detail-${e.id}`, className: "audit-detail-row", content: <EntryDetail entry={e} names={valueName} /> } : null)}
        caption={t("audit.title")}
        testId="audit-table"
        onPage={list.setPage}
        onPerPage={list.setPerPage}
      />
    </>
  );
}
