import { useTranslation } from "react-i18next";
import { formatDate } from "../lib/i18n/format";
import { AsOfDate } from "./AsOfDate";
import type { Column } from "./list/DataTable";
import { ListView, loaded } from "./list/ListView";

/** A term: a post held from one day to another, or open-ended. */
interface Post {
  term_id: string;
  role: string;
  starts_on: string;
  ends_on?: string | null;
}

/** From one day to another, or from a day on. */
export function usePeriod() {
  const { t, i18n } = useTranslation();
  return (from: string, until: string | null | undefined) =>
    `${formatDate(from, i18n.language)} – ${until ? formatDate(until, i18n.language) : t("cities.openEnded")}`;
}

/**
 * The posts held on a day (`asOf`, chosen in the URL): who holds them (`holder`, a city of a
 * body or a body of a city), the post, and its period.
 */
export function PostsSection<T extends Post>({
  id,
  title,
  asOf,
  asOfNote,
  empty,
  holder,
  posts,
}: {
  id: string;
  title: string;
  asOf: string;
  asOfNote: string;
  empty: string;
  holder: Column<T>;
  posts: T[];
}) {
  const { t } = useTranslation();
  const period = usePeriod();
  return (
    <section className="card" aria-labelledby={id}>
      <div className="section-head">
        <div>
          <h2 id={id}>{title}</h2>
          <p className="muted small">{asOfNote}</p>
        </div>
        <AsOfDate value={asOf} />
      </div>
      <ListView
        query={loaded(posts)}
        columns={[
          holder,
          { id: "role", header: t("cities.role"), cell: (p) => t(`postRole.${p.role}`, { defaultValue: p.role }) },
          { id: "period", header: t("cities.period"), cell: (p) => period(p.starts_on, p.ends_on) },
        ]}
        rowKey={(p) => p.term_id}
        empty={empty}
        emptyAs="text"
        frame="none"
      />
    </section>
  );
}
