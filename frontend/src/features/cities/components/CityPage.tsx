import { useMemo, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { RecordHistory } from "../../../components/RecordHistory";
import { useEditing } from "../../../components/useEditing";
import { useAsOf } from "../../../components/AsOfDate";
import { PostsSection } from "../../../components/PostsSection";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, formatDateTime, formatNumber, localized } from "../../../lib/i18n/format";
import { useCity, useCountryOptions } from "../api/cities";
import { CityForm } from "./CityForm";
import { Notice } from "../../../components/Notice";

/** A member city's page; `sections` (composed by the app: the events it attended) stand before its history. */
export default function CityPage({ sections }: { sections?: (city: { id: string; name: string }) => ReactNode } = {}) {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const asOf = useAsOf();
  const city = useCity(id, asOf);
  const countries = useCountryOptions();
  const edit = useEditing(() => city.refetch());

  const countryName = useMemo(() => {
    const c = countries.data?.find((x) => x.code === city.data?.data.country);
    return c ? localized(c.name, lang) : city.data?.data.country;
  }, [countries.data, city.data, lang]);

  if (city.isPending) return <Loading />;
  if (city.isError) {
    return (
      <>
        <p>
          <Link to="/cities">← {t("cities.back")}</Link>
        </p>
        <ProblemAlert error={city.error} />
      </>
    );
  }

  const { data: c, etag } = city.data;
  const mayEdit = can("city:update", { kind: "city", id: c.id });
  const mayChangeMembership = can("city:membership", { kind: "city", id: c.id });
  const website = c.contact.website;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/cities">← {t("cities.back")}</Link>
      </p>
      <PageTitle
        actions={edit.button(mayEdit)}
      >
        {c.name}
      </PageTitle>
      <p className="muted small">
        {t("cities.version", { version: c.version })} · {t("cities.updatedAt", { date: formatDateTime(c.updated_at, lang) })}
      </p>
      {(edit.saved || edit.created) && <Notice>{edit.saved ? t("common.saved") : t("cities.created")}</Notice>}

      {edit.editing && mayEdit && (
        <CityForm
          key={edit.generation}
          city={c}
          etag={etag}
          countries={countries.data ?? []}
          onSaved={edit.onSaved}
          onCancel={edit.onCancel}
          onReload={edit.onReload}
          mayChangeMembership={mayChangeMembership}
        />
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="city-profile">
          <h2 id="city-profile">{t("cities.profile")}</h2>
          <dl className="facts">
            <dt>{t("cities.country")}</dt>
            <dd>
              {countryName} ({c.country})
            </dd>
            <dt>{t("cities.population")}</dt>
            <dd>{c.population != null ? formatNumber(c.population, lang) : t("common.none")}</dd>
            <dt>{t("cities.status")}</dt>
            <dd>
              <span className={`badge badge-${c.membership_status}`}>
                {t(`membership.${c.membership_status}`, { defaultValue: c.membership_status })}
              </span>
            </dd>
            <dt>{t("cities.joinedOn")}</dt>
            <dd>{c.joined_on ? formatDate(c.joined_on, lang) : t("common.none")}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="city-contact">
          <h2 id="city-contact">{t("cities.contact")}</h2>
          <dl className="facts">
            <dt>{t("cities.address")}</dt>
            <dd>{c.contact.address || t("common.none")}</dd>
            <dt>{t("cities.phone")}</dt>
            <dd>{c.contact.phone || t("common.none")}</dd>
            <dt>{t("cities.email")}</dt>
            <dd>{c.contact.email ? <a href={`mailto:${c.contact.email}`}>{c.contact.email}</a> : t("common.none")}</dd>
            <dt>{t("cities.website")}</dt>
            <dd>
              {website && /^https?:\/\//.test(website) ? (
                <a href={website} target="_blank" rel="noreferrer noopener">
                  {website}
                </a>
              ) : (
                website || t("common.none")
              )}
            </dd>
          </dl>
        </section>
      </div>

      <PostsSection
        id="city-posts"
        title={t("cities.posts")}
        asOf={c.as_of}
        asOfNote={t("cities.postsAsOf", { date: formatDate(c.as_of, lang) })}
        empty={t("cities.noPosts")}
        holder={{
          id: "body",
          header: t("cities.body"),
          cell: (p) => (
            <>
              <Link to={`/bodies/${p.body.id}`}>{localized(p.body.name, lang)}</Link>
              {p.body.acronym && <span className="muted"> ({p.body.acronym})</span>}
            </>
          ),
        }}
        posts={c.posts}
      />

      <div className="grid-2">
        <section className="card" aria-labelledby="city-membership">
          <h2 id="city-membership">{t("cities.membershipHistory")}</h2>
          <ol className="timeline">
            {c.membership_history.map((m, i) => (
              <li key={`${m.since}-${i}`}>
                <span className={`badge badge-${m.status}`}>{t(`membership.${m.status}`, { defaultValue: m.status })}</span>{" "}
                {t("common.since")} <time dateTime={m.since}>{formatDate(m.since, lang)}</time>
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="city-bodies">
          <h2 id="city-bodies">{t("cities.bodies")}</h2>
          {c.bodies.length === 0 ? (
            <p className="muted">{t("cities.noBodies")}</p>
          ) : (
            <ul className="plain-list">
              {c.bodies.map((b) => (
                <li key={b.id}>
                  <Link to={`/bodies/${b.id}`}>{localized(b.name, lang)}</Link>
                  <span className="muted small"> · {t(`bodyKind.${b.kind}`, { defaultValue: b.kind })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {sections?.(c)}

      <RecordHistory of="cities" id={c.id} version={c.version} />
    </>
  );
}
