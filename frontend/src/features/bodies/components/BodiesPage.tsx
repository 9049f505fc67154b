import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { FilterInput, FilterSelect, ListFilters } from "../../../components/list/ListFilters";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { usePermission } from "../../../lib/auth/useAuth";
import { localized } from "../../../lib/i18n/format";
import { BODY_KINDS, useBodies, type Body } from "../api/bodies";
import type { Column } from "../../../components/list/DataTable";

/** The network's bodies, searched, filtered and sorted by the server; the state lives in the URL. */
export default function BodiesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const list = useListParams({ kind: "", q: "" }, { sort: "name" });
  const { kind, q } = list.filters;
  const bodies = useBodies({ page: list.page, perPage: list.perPage, sort: list.sort, kind, q });

  const columns: Column<Body>[] = [
    { id: "name", header: t("bodies.name"), sort: "name", cell: (b) => <Link to={`/bodies/${b.id}`}>{localized(b.name, lang)}</Link> },
    { id: "acronym", header: t("bodies.acronym"), cell: (b) => b.acronym ?? "" },
    { id: "kind", header: t("bodies.kind"), sort: "kind", cell: (b) => t(`bodyKind.${b.kind}`, { defaultValue: b.kind }) },
  ];

  return (
    <>
      <PageTitle
        actions={
          can("body:create") ? (
            <Link to="/bodies/new" className="button-primary">
              {t("bodies.new")}
            </Link>
          ) : undefined
        }
      >
        {t("bodies.title")}
      </PageTitle>
      <ListFilters label={t("bodies.filters")} onSubmit={list.submitSearch} onClear={list.clear}>
        <FilterInput id="body-search" label={t("bodies.searchLabel")} value={list.search} onChange={list.setSearch} />
        <FilterSelect
          id="body-kind"
          label={t("bodies.kind")}
          value={kind}
          onChange={(v) => list.update({ kind: v })}
          options={BODY_KINDS.map((k) => ({ value: k, label: t(`bodyKind.${k}`) }))}
        />
      </ListFilters>
      <ListView
        query={bodies}
        columns={columns}
        rowKey={(b) => b.id}
        caption={t("bodies.title")}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        onPerPage={list.setPerPage}
      />
    </>
  );
}
