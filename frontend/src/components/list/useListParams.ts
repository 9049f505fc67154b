import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";

type Change = Record<string, string | number | undefined>;

/**
 * A list's state in the URL: its page, page size, sort and filters (`filters` names them, with
 * the value each takes when the URL has none). A change of anything but the page goes back to
 * the first page; an empty value leaves the URL. `resets` names what any other change drops (an
 * opened row).
 */
export function useListParams<F extends string>(
  filters: Record<F, string>,
  {
    sort: defaultSort = "",
    perPage: defaultPerPage = 25,
    resets = [],
  }: { sort?: string; perPage?: number; resets?: readonly string[] } = {},
) {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const perPage = Number(params.get("per_page")) || defaultPerPage;
  const sort = params.get("sort") || defaultSort;
  const values = Object.fromEntries(
    (Object.keys(filters) as F[]).map((k) => [k, params.get(k) ?? filters[k]]),
  ) as Record<F, string>;

  const update = (changes: Change, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !("page" in changes)) next.delete("page");
    for (const k of resets) if (!(k in changes)) next.delete(k);
    setParams(next, { replace: true });
  };
  const filtered = (Object.keys(filters) as F[]).some((k) => values[k] !== filters[k]);
  const clearFilters = () => update(Object.fromEntries((Object.keys(filters) as F[]).map((k) => [k, undefined])));
  // The filter `q`, when the list has one, is typed in a search box.
  const q = params.get("q") ?? "";
  const [search, setSearch] = useSearchBox(q, (text) => update({ q: text }));

  return {
    page,
    perPage,
    sort,
    filters: values,
    /** Another value the URL holds (an opened row). */
    param: (name: string) => params.get(name) ?? "",
    update,
    setSort: (s: string) => update({ sort: s }),
    setPage: (p: number) => update({ page: p }, false),
    setPerPage: (n: number) => update({ per_page: n }),
    /** The search box's text (the filter `q` once the typing pauses). */
    search,
    setSearch,
    /** Searches for the box's text at once (the filters' form sent). */
    submitSearch: () => update({ q: search.trim() }),
    /** Every filter back to its default; none while no filter is set. */
    clear: filtered
      ? () => {
          setSearch("");
          clearFilters();
        }
      : undefined,
  };
}

/**
 * A search box's text, sent to `apply` once the typing pauses (300 ms), so that the list
 * follows as the user types; `q` is the search the list shows now.
 */
function useSearchBox(q: string, apply: (q: string) => void) {
  const [search, setSearch] = useState(q);
  useEffect(() => {
    if (search === q) return;
    // A link followed meanwhile keeps this page on screen until the next one is ready: a search
    // sent then would bring the user back, so it is dropped once the browser is elsewhere.
    const typedAt = window.location.pathname;
    const timer = setTimeout(() => {
      if (window.location.pathname === typedAt) apply(search.trim());
    }, 300);
    return () => clearTimeout(timer);
    // Only the text typed starts a search; `q` and `apply` follow from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  return [search, setSearch] as const;
}

/** A list's page and page size kept in the component (a section of a page, not the URL). */
export function usePaging(initialPerPage = 25) {
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(initialPerPage);
  return {
    page,
    perPage,
    setPage,
    /** A new page size starts again at the first page. */
    setPerPage: (n: number) => {
      setPerPage(n);
      setPage(1);
    },
  };
}
