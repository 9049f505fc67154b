import { Fragment, type ReactNode } from "react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import { SortHeader } from "./SortHeader";

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The field the server sorts by when the column's header is clicked. */
    sort?: string;
    className?: string;
    /** The header's text: read by screen readers only (a column of buttons). */
    hiddenHeader?: boolean;
    cellProps?: (item: TData) => Record<string, string | undefined>;
  }
}

/** One column of a list: its header, what each item shows in it, and how it sorts. */
export interface Column<T> {
  id: string;
  header: string;
  cell: (item: T) => ReactNode;
  /** The server's sort field for this column; none: not sortable. */
  sort?: string;
  className?: string;
  /** The header is said, not shown (a column of actions). */
  hiddenHeader?: boolean;
  /** Leaves the column out (for a column only some users see). */
  hidden?: boolean;
  /** Attributes of an item's cell (`data-*` for tests). */
  cellProps?: (item: T) => Record<string, string | undefined>;
}

export interface DataTableProps<T> {
  items: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
  /** Attributes of an item's row (`data-*` for tests and styles). */
  rowProps?: (item: T) => Record<string, string | undefined>;
  /** A row drawn under an item's own (its details), or null. */
  expanded?: (item: T) => { id?: string; className?: string; content: ReactNode } | null;
  /** The table's name, said by screen readers. */
  caption?: string;
  /** The server's sort (`name`, `-name`) and what a click on a sortable header asks for. */
  sort?: string;
  onSort?: (sort: string) => void;
  /** What an empty list says, in a row of the table. */
  empty: string;
  busy?: boolean;
  className?: string;
  testId?: string;
}

/**
 * A table of items (TanStack Table's row model), sorted and paged by the server. On a narrow screen
 * its rows stack their cells, each under its column's name (`data-label`); the roles are written
 * out so that the table stays a table for screen readers once its rows are laid out as blocks.
 */
export function DataTable<T>({ items, columns, rowKey, rowProps, expanded, caption, sort = "", onSort, empty, busy, className, testId }: DataTableProps<T>) {
  const shown = columns.filter((c) => !c.hidden);
  const defs: ColumnDef<T>[] = shown.map((c) => ({
    id: c.id,
    header: c.header,
    cell: ({ row }) => c.cell(row.original),
    meta: { sort: c.sort, className: c.className, hiddenHeader: c.hiddenHeader, cellProps: c.cellProps },
  }));
  const table = useReactTable({
    data: items as T[],
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: rowKey,
    manualSorting: true,
    manualPagination: true,
  });

  return (
    <div className="table-wrap">
      <table className={`${className ?? "data-table"} stack-narrow`} role="table" aria-busy={busy} data-testid={testId}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead role="rowgroup">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} role="row">
              {group.headers.map((h) => {
                const meta = h.column.columnDef.meta;
                const label = String(h.column.columnDef.header);
                if (meta?.sort && onSort) {
                  return <SortHeader key={h.id} field={meta.sort} label={label} sort={sort} onSort={onSort} className={meta.className} />;
                }
                return (
                  <th key={h.id} scope="col" role="columnheader" className={meta?.className}>
                    {meta?.hiddenHeader ? <span className="visually-hidden">{label}</span> : label}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody role="rowgroup">
          {items.length === 0 && (
            <tr role="row">
              <td colSpan={shown.length} className="muted" role="cell">
                {empty}
              </td>
            </tr>
          )}
          {table.getRowModel().rows.map((row) => {
            const more = expanded?.(row.original);
            return (
              <Fragment key={row.id}>
                <tr role="row" {...rowProps?.(row.original)}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const label = meta?.hiddenHeader ? undefined : String(cell.column.columnDef.header);
                    return (
                      <td key={cell.id} role="cell" data-label={label} className={meta?.className} {...meta?.cellProps?.(row.original)}>
                        {/* One box per cell, beside its column's name when the rows stack. */}
                        <div className="cell-value">{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
                      </td>
                    );
                  })}
                </tr>
                {more && (
                  <tr id={more.id} className={more.className} role="row">
                    <td colSpan={shown.length} role="cell">{more.content}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
