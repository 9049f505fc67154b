import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate } from "../../../lib/i18n/format";
import { ifMatch } from "../../../lib/api/client";
import { useScopeOptions } from "../../../lib/auth/scopes";
import { useBodyTerms, useDeleteTerm, useTerm, type Term } from "../api/bodies";
import { TermForm } from "./TermForm";

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
  const lang = i18n.language;
  const can = usePermission();
  const mayWrite = can("term:write");
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(10);
  const terms = useBodyTerms(bodyId, page, perPage);
  const { cities } = useScopeOptions();
  const cityList = (cities.data ?? []).map((c) => ({ id: c.id, name: c.name, country: c.country }));
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
      {notice && (
        <div className="alert alert-success" role="status">
          <p>{notice}</p>
        </div>
      )}
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
      {terms.isError && <ProblemAlert error={terms.error} />}
      {terms.isPending && <Loading />}
      {terms.data && terms.data.items.length === 0 && <p className="muted">{t("terms.none")}</p>}
      {terms.data && terms.data.items.length > 0 && (
        <>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("bodies.city")}</th>
                <th scope="col">{t("cities.role")}</th>
                <th scope="col">{t("cities.period")}</th>
                <th scope="col">{t("terms.note")}</th>
                {mayWrite && (
                  <th scope="col">
                    <span className="visually-hidden">{t("tokens.actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {terms.data.items.map((term) => (
                <tr key={term.id} data-term={term.id}>
                  <td>
                    <Link to={`/cities/${term.city_id}`}>{term.city_name}</Link>
                  </td>
                  <td>{t(`postRole.${term.role}`, { defaultValue: term.role })}</td>
                  <td>
                    {formatDate(term.starts_on, lang)} – {term.ends_on ? formatDate(term.ends_on, lang) : t("cities.openEnded")}
                  </td>
                  <td className="small">{term.note ?? ""}</td>
                  {mayWrite && (
                    <td>
                      {confirming?.id === term.id ? (
                        <div className="confirm" role="group" aria-label={t("terms.confirmDelete", { city: term.city_name })}>
                          <p className="small">{t("terms.confirmDelete", { city: term.city_name })}</p>
                          <div className="form-actions">
                            <button type="button" className="button-danger" disabled={remove.isPending} onClick={() => void deleteTerm(term).catch(() => undefined)}>
                              {t("terms.delete")}
                            </button>
                            <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
                              {t("common.cancel")}
                            </button>
                          </div>
                        </div>
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
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            page={terms.data.page}
            perPage={terms.data.per_page}
            total={terms.data.total}
            onPage={setPage}
            onPerPage={(n) => {
              setPerPage(n);
              setPage(1);
            }}
          />
        </>
      )}
    </section>
  );
}
