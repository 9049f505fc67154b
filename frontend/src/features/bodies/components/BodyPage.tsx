import { useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { Pagination } from "../../../components/Pagination";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { RecordHistory } from "../../../components/RecordHistory";
import { AsOfDate, useAsOf } from "../../../components/AsOfDate";
import { formatDate, formatNumber, localized } from "../../../lib/i18n/format";
import { useBody, useBodyMembers } from "../api/bodies";
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
  const b = body.data.data;
  const description = localized(b.description, lang);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/bodies">← {t("bodies.back")}</Link>
      </p>
      <PageTitle>{localized(b.name, lang)}</PageTitle>
      <p className="muted">
        {t(`bodyKind.${b.kind}`, { defaultValue: b.kind })}
        {b.acronym && ` · ${b.acronym}`} · {t("bodies.memberCount", { count: b.member_count, n: formatNumber(b.member_count, lang) })}
      </p>
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
