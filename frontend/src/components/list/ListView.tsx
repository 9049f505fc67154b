import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../Loading";
import { ProblemAlert } from "../ProblemAlert";
import { DataTable, type DataTableProps } from "./DataTable";
import { Pagination } from "./Pagination";

/** A page of a list as the API answers it. */
export interface Page<T> {
  items: T[];
  page: number;
  per_page: number;
  total: number;
}

/** The part of a query's state a list draws. */
export interface ListQuery<T> {
  data?: Page<T> | { items: T[] };
  error: unknown;
  isError: boolean;
  isPending: boolean;
  isFetching: boolean;
  /** "idle": a query that is not asked (yet), which shows nothing. */
  fetchStatus?: string;
}

/** Items already at hand, as a list's query. */
export function loaded<T>(items: T[]): ListQuery<T> {
  return { data: { items }, error: null, isError: false, isPending: false, isFetching: false };
}

type ListViewProps<T> = Omit<DataTableProps<T>, "items" | "empty" | "busy"> & {
  query: ListQuery<T>;
  /** What an empty list says; by default that nothing was found. */
  empty?: string;
  /** `row`: the empty table says it (a page's list); `text`: a line says it instead of the table (a section's list). */
  emptyAs?: "row" | "text";
  /** `card`: the list stands on the page in its own card; `none`: inside a section that is one. */
  frame?: "card" | "none";
  onPage?: (page: number) => void;
  onPerPage?: (perPage: number) => void;
};

/**
 * Every list of the SPA: the server's page of items in a table, with its loading, error and
 * empty states and the page navigation.
 */
export function ListView<T>({ query, empty, emptyAs = "row", frame = "card", onPage, onPerPage, ...table }: ListViewProps<T>) {
  const { t } = useTranslation();
  const message = empty ?? t("common.noResults");
  let body: ReactNode = null;
  const data = query.data;
  if (data && emptyAs === "text" && data.items.length === 0) {
    body = <p className="muted">{message}</p>;
  } else if (data) {
    body = (
      <>
        <DataTable {...table} items={data.items} empty={message} busy={query.isFetching} />
        {onPage && "total" in data && (
          <Pagination page={data.page} perPage={data.per_page} total={data.total} onPage={onPage} onPerPage={onPerPage} />
        )}
      </>
    );
    if (frame === "card") body = <div className="card">{body}</div>;
  }
  return (
    <>
      {query.isError && <ProblemAlert error={query.error} />}
      {query.isPending && query.fetchStatus !== "idle" && <Loading />}
      {body}
    </>
  );
}
