import { useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { RecordHistory } from "../../../components/RecordHistory";
import { AsOfDate, useAsOf } from "../../../components/AsOfDate";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, formatNumber, localized } from "../../../lib/i18n/format";
import { useBody, useBodyMembers } from "../api/bodies";
import { BodyForm } from "./BodyForm";
import { TermsSection } from "./TermsSection";

export default function BodyPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const asOf = useAsOf();
  const body = useBody(id, asOf);
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(25);
  const members = useBodyMembers(id, page, perPage);
  const can = usePermission();
  const location = useLocation();
  const created = !!(location.state as { created?: boolean } | null)?.created;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  // Bumped when the user reloads a stale record, so the form starts again from the fresh data.
  const [formGeneration, setFormGeneration] = useState(0);

  if (body.isPending) return <Loading />;
  if (body.isError) {
    return (
      <>
        <p>
          <Link to="/bodies">← {t("bodies.back")}</Link>
        </p>
        <ProblemAlert error={body.error} />
      </>
    );
  }
  const { data: b, etag } = body.data;
  const description = localized(b.description, lang);
  const mayEdit = can("body:update", { kind: "body", id: b.id });
  const mayReclassify = can("body:reclassify", { kind: "body", id: b.id });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/bodies">← {t("bodies.back")}</Link>
      </p>
      <PageTitle
        actions={
          mayEdit && !editing ? (
            <button
              type="button"
              className="button-primary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t("common.edit")}
            </button>
          ) : undefined
        }
      >
        {localized(b.name, lang)}
      </PageTitle>
      <p className="muted">
        {t(`bodyKind.${b.kind}`, { defaultValue: b.kind })}
        {b.acronym && ` · ${b.acronym}`} · {t("bodies.memberCount", { count: b.member_count, n: formatNumber(b.member_count, lang) })}
      </p>
      {(saved || (created && !editing)) && (
        <p className="alert alert-success" role="status">
          {saved ? t("common.saved") : t("bodies.created")}
        </p>
      )}
      {editing && mayEdit && (
        <BodyForm
          key={formGeneration}
          body={b}
          etag={etag}
          mayReclassify={mayReclassify}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
          onReload={async () => {
            await body.refetch();
            setFormGeneration((g) => g + 1);
          }}
        />
      )}
      {description && <p className="lead">{description}</p>}

      <section className="card" aria-labelledby="body-posts">
        <div className="section-head">
          <div>
            <h2 id="body-posts">{t("bodies.coordinators")}</h2>
            <p className="muted small">{t("bodies.coordinatorsAsOf", { date: formatDate(b.as_of, lang) })}</p>
          </div>
          <AsOfDate value={b.as_of} />
        </div>
        {b.posts.length === 0 ? (
          <p className="muted">{t("bodies.noPosts")}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("bodies.city")}</th>
                <th scope="col">{t("cities.role")}</th>
                <th scope="col">{t("cities.period")}</th>
              </tr>
            </thead>
            <tbody>
              {b.posts.map((p) => (
                <tr key={p.term_id}>
                  <td>
                    <Link to={`/cities/${p.city_id}`}>{p.city_name}</Link>
                  </td>
                  <td>{t(`postRole.${p.role}`, { defaultValue: p.role })}</td>
                  <td>
                    {formatDate(p.starts_on, lang)} – {p.ends_on ? formatDate(p.ends_on, lang) : t("cities.openEnded")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <TermsSection bodyId={b.id} bodyName={localized(b.name, lang)} />

      <section className="card" aria-labelledby="body-members">
        <h2 id="body-members">{t("bodies.members")}</h2>
        {members.isError && <ProblemAlert error={members.error} />}
        {members.isPending && <Loading />}
        {members.data && members.data.items.length === 0 && <p className="muted">{t("bodies.noMembers")}</p>}
        {members.data && members.data.items.length > 0 && (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("bodies.city")}</th>
                  <th scope="col">{t("cities.country")}</th>
                  <th scope="col">{t("bodies.memberSince")}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.items.map((m) => (
                  <tr key={m.city.id}>
                    <td>
                      <Link to={`/cities/${m.city.id}`}>{m.city.name}</Link>
                    </td>
                    <td>{m.city.country}</td>
                    <td>{m.since ? formatDate(m.since, lang) : t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination
              page={members.data.page}
              perPage={members.data.per_page}
              total={members.data.total}
              onPage={setPage}
              onPerPage={(n) => {
                setPerPage(n);
                setPage(1);
              }}
            />
          </>
        )}
      </section>

      <RecordHistory of="bodies" id={b.id} version={b.version} />
    </>
  );
}
