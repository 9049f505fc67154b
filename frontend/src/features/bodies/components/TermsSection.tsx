import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { usePeriod } from "../../../components/PostsSection";
import { ProblemAlert } from "../../../components/ProblemAlert";
import type { Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { usePaging } from "../../../components/list/useListParams";
import { usePermission } from "../../../lib/auth/useAuth";
import { ifMatch } from "../../../lib/api/client";
import { useScopes } from "../../../lib/auth/scopes";
import { useBodyTerms, useDeleteTerm, useTerm, type Term } from "../api/bodies";
import { TermForm } from "./TermForm";
import { Notice } from "../../../components/Notice";

function EditTerm({ id, bodyId, bodyName, cities, onDone }: { id: string; bodyId: string; bodyName: string; cities: { id: string; name: string; country: string }[]; onDone: (saved: boolean) => void }) {
  const term = useTerm(id);
  if (term.isPending) return <Loading />;
  if (term.isError) return <ProblemAlert error={term.error} />;
  return (
    <TermForm
      key={term.data.data.version}
      bodyId={bodyId}
      bodyName={bodyName}
      term={term.data.data}
      etag={term.data.etag}
      cities={cities}
      onSaved={() => onDone(true)}
      onCancel={() => onDone(false)}
      onReload={() => term.refetch()}
    />
  );
}

/** Every term of a body, with adding, changing and deleting them for those who may write terms. */
export function TermsSection({ bodyId, bodyName }: { bodyId: string; bodyName: string }) {
  const { t, i18n } = useTranslation();
  const can = usePermission();
  const mayWrite = can("term:write");
  const period = usePeriod();
  const paging = usePaging(10);
  const terms = useBodyTerms(bodyId, paging.page, paging.perPage);
  const { cities: cityList } = useScopes(i18n.language);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Term | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDeleteTerm();

  // The list carries each term's version, which is its ETag: a change made meanwhile answers 412.
  const deleteTerm = async (term: Term) => {
    await remove.mutateAsync({ id: term.id, etag: ifMatch("", term.version), version: term.version });
    setConfirming(null);
    setNotice(t("terms.deleted"));
  };

  const columns: Column<Term>[] = [
    { id: "city", header: t("bodies.city"), cell: (term) => <Link to={`/cities/${term.city_id}`}>{term.city_name}</Link> },
    { id: "role", header: t("cities.role"), cell: (term) => t(`postRole.${term.role}`, { defaultValue: term.role }) },
    {
      id: "period",
      header: t("cities.period"),
      cell: (term) => period(term.starts_on, term.ends_on),
    },
    { id: "note", header: t("terms.note"), cell: (term) => <span className="small">{term.note ?? ""}</span> },
    {
      id: "actions",
      header: t("tokens.actions"),
      hiddenHeader: true,
      hidden: !mayWrite,
      cell: (term) =>
        confirming?.id === term.id ? (
          <ConfirmInline
            question={t("terms.confirmDelete", { city: term.city_name })}
            confirmLabel={t("terms.delete")}
            busy={remove.isPending}
            onConfirm={() => void deleteTerm(term).catch(() => undefined)}
            onCancel={() => setConfirming(null)}
          />
        ) : (
          <div className="page-actions">
            <button
              type="button"
              className="button-secondary"
              aria-label={t("terms.editNamed", { city: term.city_name })}
              onClick={() => {
                setEditing(term.id);
                setAdding(false);
                setNotice(null);
              }}
            >
              {t("common.edit")}
            </button>
            <button
              type="button"
              className="button-secondary"
              aria-label={t("terms.deleteNamed", { city: term.city_name })}
              onClick={() => {
                setConfirming(term);
                remove.reset();
                setNotice(null);
              }}
            >
              {t("terms.delete")}
            </button>
          </div>
        ),
    },
  ];

  return (
    <section className="card" aria-labelledby="body-terms" data-testid="body-terms">
      <div className="section-head">
        <h2 id="body-terms">{t("terms.title")}</h2>
        {mayWrite && !adding && (
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              setAdding(true);
              setEditing(null);
              setNotice(null);
            }}
          >
            {t("terms.new")}
          </button>
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      {adding && (
        <TermForm
          bodyId={bodyId}
          bodyName={bodyName}
          cities={cityList}
          onSaved={() => {
            setAdding(false);
            setNotice(t("terms.added"));
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {editing && (
        <EditTerm
          id={editing}
          bodyId={bodyId}
          bodyName={bodyName}
          cities={cityList}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(t("common.saved"));
          }}
        />
      )}
      {remove.error && <ProblemAlert error={remove.error} />}
      <ListView
        query={terms}
        columns={columns}
        rowKey={(term) => term.id}
        rowProps={(term) => ({ "data-term": term.id })}
        empty={t("terms.none")}
        emptyAs="text"
        frame="none"
        onPage={paging.setPage}
        onPerPage={paging.setPerPage}
      />
    </section>
  );
}
