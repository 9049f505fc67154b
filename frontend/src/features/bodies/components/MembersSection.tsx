import { useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { ProblemAlert } from "../../../components/ProblemAlert";
import type { Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { usePaging } from "../../../components/list/useListParams";
import { ApiError } from "../../../lib/api/problem";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate } from "../../../lib/i18n/format";
import { useCountryNames } from "../../../lib/registry/countries";
import { useBodyMembers, useRemoveMember, type Member } from "../api/bodies";
import { AddMemberForm, MemberSinceForm } from "./MemberForms";
import { Notice } from "../../../components/Notice";

/** Asks before a city leaves the body; a stale version (412) is said plainly, with a reload. */
function ConfirmRemove({
  bodyId,
  bodyName,
  member,
  onRemoved,
  onCancel,
  onReload,
}: {
  bodyId: string;
  bodyName: string;
  member: Member;
  onRemoved: () => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const remove = useRemoveMember(bodyId);
  const stale = remove.error instanceof ApiError && remove.error.status === 412;
  return (
    <ConfirmInline
      question={t("members.confirmRemove", { city: member.city.name, body: bodyName })}
      confirmLabel={t("members.remove")}
      busy={remove.isPending || stale}
      onConfirm={() => remove.mutate({ cityId: member.city.id, version: member.version }, { onSuccess: onRemoved })}
      onCancel={onCancel}
      takeFocus
    >
      {stale ? (
        <div className="alert alert-warning" role="alert" data-testid="stale-alert">
          <p>{t("members.staleRemove", { city: member.city.name })}</p>
          <button type="button" className="button-primary" onClick={onReload}>
            {t("common.reload")}
          </button>
        </div>
      ) : (
        remove.error && <ProblemAlert error={remove.error} />
      )}
    </ConfirmInline>
  );
}

/**
 * The member cities of a body, in name order, a page at a time; for those who may manage them
 * (`body_members:write` on this body), adding one, correcting the day one joined, and removing one.
 */
export function MembersSection({ bodyId, bodyName }: { bodyId: string; bodyName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const mayWrite = can("body_members:write", { kind: "body", id: bodyId });
  const paging = usePaging();
  const countries = useCountryNames(lang);
  const members = useBodyMembers(bodyId, paging.page, paging.perPage);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Which button opened a form or a question (its `data-opener`), to take the focus back to it.
  const opener = useRef<string | null>(null);

  /**
   * Closes what was open and says what happened. When nothing changed the focus goes back to the
   * button that opened it (drawn anew once the form or question is gone); after a change, to the
   * section's heading, under which the notice is read.
   */
  const done = (message: string | null) => {
    setAdding(false);
    setEditing(null);
    setConfirming(null);
    setNotice(message);
    const key = opener.current;
    opener.current = null;
    setTimeout(() => {
      const back = message === null && key ? section.current?.querySelector<HTMLElement>(`[data-opener="${key}"]`) : null;
      (back ?? heading.current)?.focus();
    }, 0);
  };
  const open = (what: { adding?: boolean; editing?: Member; confirming?: string }) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.opener ?? null : null;
    setAdding(!!what.adding);
    setEditing(what.editing ?? null);
    setConfirming(what.confirming ?? null);
    setNotice(null);
  };

  const columns: Column<Member>[] = [
    { id: "city", header: t("bodies.city"), cell: (m) => <Link to={`/cities/${m.city.id}`}>{m.city.name}</Link> },
    { id: "country", header: t("cities.country"), cell: (m) => countries.name(m.city.country) },
    {
      id: "since",
      header: t("bodies.memberSince"),
      cellProps: (m) => ({ "data-since": m.since ?? "" }),
      cell: (m) => (m.since ? formatDate(m.since, lang) : t("members.sinceUnknown")),
    },
    {
      id: "actions",
      header: t("members.actions"),
      hiddenHeader: true,
      hidden: !mayWrite,
      cell: (m) =>
        confirming === m.city.id ? (
          <ConfirmRemove
            bodyId={bodyId}
            bodyName={bodyName}
            member={m}
            onRemoved={() => done(t("members.removed", { city: m.city.name }))}
            onCancel={() => done(null)}
            onReload={() => {
              void members.refetch();
              done(null);
            }}
          />
        ) : (
          <div className="page-actions">
            <button
              type="button"
              className="button-secondary"
              data-opener={`edit-${m.city.id}`}
              aria-label={t("members.editNamed", { city: m.city.name })}
              onClick={() => open({ editing: m })}
            >
              {t("members.edit")}
            </button>
            <button
              type="button"
              className="button-secondary"
              data-opener={`remove-${m.city.id}`}
              aria-label={t("members.removeNamed", { city: m.city.name })}
              onClick={() => open({ confirming: m.city.id })}
            >
              {t("members.remove")}
            </button>
          </div>
        ),
    },
  ];

  return (
    <section className="card" aria-labelledby="body-members" data-testid="body-members" ref={section}>
      <div className="section-head">
        <h2 id="body-members" tabIndex={-1} ref={heading}>
          {t("bodies.members")}
        </h2>
        {mayWrite && !adding && (
          <button type="button" className="button-primary" data-opener="add" onClick={() => open({ adding: true })}>
            {t("members.add")}
          </button>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      {adding && (
        <AddMemberForm
          bodyId={bodyId}
          bodyName={bodyName}
          onSaved={(m) => done(t("members.added", { city: m.city.name }))}
          onCancel={() => done(null)}
        />
      )}
      {editing && (
        <MemberSinceForm
          key={editing.city.id}
          bodyId={bodyId}
          member={editing}
          onSaved={(m) => done(t("members.saved", { city: m.city.name }))}
          onCancel={() => done(null)}
        />
      )}
      <ListView
        query={members}
        columns={columns}
        rowKey={(m) => m.city.id}
        rowProps={(m) => ({ "data-city": m.city.name })}
        testId="members-table"
        empty={t("bodies.noMembers")}
        emptyAs="text"
        frame="none"
        onPage={paging.setPage}
        onPerPage={paging.setPerPage}
      />
    </section>
  );
}
