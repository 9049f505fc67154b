import type { ReactNode } from "react";
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
import { counted, formatDate, localized } from "../../../lib/i18n/format";
import { useBody, type BodyDetail } from "../api/bodies";
import { BodyForm } from "./BodyForm";
import { MembersSection } from "./MembersSection";
import { TermsSection } from "./TermsSection";
import { Notice } from "../../../components/Notice";

/**
 * A body of the network: its facts, posts, terms, member cities and history. `sections` draws
 * what other features show of the body (the plans it owns), composed by the app.
 */
export default function BodyPage({ sections }: { sections?: (body: BodyDetail) => ReactNode }) {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const asOf = useAsOf();
  const body = useBody(id, asOf);
  const can = usePermission();
  const edit = useEditing(() => body.refetch());

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
        actions={edit.button(mayEdit)}
      >
        {localized(b.name, lang)}
      </PageTitle>
      <p className="muted" data-testid="body-summary">
        {t(`bodyKind.${b.kind}`, { defaultValue: b.kind })}
        {b.acronym && ` · ${b.acronym}`} · {t("bodies.memberCount", counted(b.member_count, lang))}
      </p>
      {(edit.saved || edit.created) && <Notice>{edit.saved ? t("common.saved") : t("bodies.created")}</Notice>}
      {edit.editing && mayEdit && (
        <BodyForm
          key={edit.generation}
          body={b}
          etag={etag}
          mayReclassify={mayReclassify}
          onSaved={edit.onSaved}
          onCancel={edit.onCancel}
          onReload={edit.onReload}
        />
      )}
      {description && <p className="lead">{description}</p>}

      {sections?.(b)}

      <PostsSection
        id="body-posts"
        title={t("bodies.coordinators")}
        asOf={b.as_of}
        asOfNote={t("bodies.coordinatorsAsOf", { date: formatDate(b.as_of, lang) })}
        empty={t("bodies.noPosts")}
        holder={{ id: "city", header: t("bodies.city"), cell: (p) => <Link to={`/cities/${p.city_id}`}>{p.city_name}</Link> }}
        posts={b.posts}
      />

      <TermsSection bodyId={b.id} bodyName={localized(b.name, lang)} />

      <MembersSection bodyId={b.id} bodyName={localized(b.name, lang)} />

      <RecordHistory of="bodies" id={b.id} version={b.version} />
    </>
  );
}
