import { describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes, useLocation } from "react-router";
import { renderWithProviders } from "../../test/render";
import type { Column } from "./DataTable";
import { ListFilters, FilterSelect } from "./ListFilters";
import { ListView, type ListQuery } from "./ListView";
import { useListParams } from "./useListParams";

interface Item {
  id: string;
  name: string;
}

const columns: Column<Item>[] = [
  { id: "name", header: "Name", sort: "name", cell: (i) => i.name, cellProps: (i) => ({ "data-name": i.name }) },
  { id: "id", header: "Id", cell: (i) => i.id },
  { id: "secret", header: "Secret", hidden: true, cell: () => "hidden" },
];

const page = (items: Item[]): ListQuery<Item> => ({
  data: { items, page: 1, per_page: 25, total: items.length },
  error: null,
  isError: false,
  isPending: false,
  isFetching: false,
});

describe("ListView", () => {
  it("draws the items under their columns, leaves hidden columns out and asks the server for the next sort", async () => {
    const onSort = vi.fn();
    renderWithProviders(
      <ListView
        query={page([{ id: "a", name: "Alpha" }])}
        columns={columns}
        rowKey={(i) => i.id}
        rowProps={(i) => ({ "data-item": i.id })}
        caption="Things"
        sort="name"
        onSort={onSort}
        onPage={() => undefined}
      />,
    );
    const table = screen.getByRole("table", { name: "Things" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Name ▲", "Id"]);
    expect(within(table).getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
    expect(table.querySelector('tr[data-item="a"] td[data-name="Alpha"]')).not.toBeNull();
    await userEvent.click(within(table).getByRole("button", { name: /Name/ }));
    expect(onSort).toHaveBeenCalledWith("-name");
    expect(screen.getByRole("navigation")).toHaveTextContent("1");
  });

  it("says an empty list in a row, or in a line instead of the table", () => {
    const { unmount } = renderWithProviders(<ListView query={page([])} columns={columns} rowKey={(i) => i.id} empty="Nothing here" />);
    expect(within(screen.getByRole("table")).getByRole("cell")).toHaveTextContent("Nothing here");
    expect(screen.getByRole("cell")).toHaveAttribute("colspan", "2");
    unmount();
    renderWithProviders(<ListView query={page([])} columns={columns} rowKey={(i) => i.id} empty="Nothing here" emptyAs="text" />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText("Nothing here")).toBeInTheDocument();
  });

  it("shows the loading state, then the problem, and nothing for a query not asked", () => {
    const base = { data: undefined, error: null, isError: false, isFetching: true, isPending: true };
    const { unmount } = renderWithProviders(<ListView query={base} columns={columns} rowKey={(i) => i.id} />);
    expect(screen.getByRole("status")).toBeInTheDocument();
    unmount();
    const idle = renderWithProviders(<ListView query={{ ...base, fetchStatus: "idle" }} columns={columns} rowKey={(i) => i.id} />);
    expect(screen.queryByRole("status")).toBeNull();
    idle.unmount();
    renderWithProviders(<ListView query={{ ...base, isPending: false, isError: true, error: new Error("down") }} columns={columns} rowKey={(i) => i.id} />);
    expect(screen.getByRole("alert")).toHaveTextContent("down");
  });

  it("draws an item's details under its row", () => {
    renderWithProviders(
      <ListView
        query={page([{ id: "a", name: "Alpha" }, { id: "b", name: "Beta" }])}
        columns={columns}
        rowKey={(i) => i.id}
        expanded={(i) => (i.id === "b" ? { id: "more-b", content: <p>More on Beta</p> } : null)}
      />,
    );
    const rows = screen.getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(rows[3]).toHaveAttribute("id", "more-b");
    expect(within(rows[3]).getByRole("cell")).toHaveAttribute("colspan", "2");
  });
});

function Filtered() {
  const list = useListParams({ kind: "" }, { resets: ["open"] });
  const location = useLocation();
  return (
    <>
      <p data-testid="url">{location.search}</p>
      <ListFilters label="Filters" onClear={list.clear}>
        <FilterSelect id="kind" label="Kind" value={list.filters.kind} onChange={(v) => list.update({ kind: v })} options={[{ value: "x", label: "X" }]} />
      </ListFilters>
      <button type="button" onClick={() => list.setPage(3)}>
        page 3
      </button>
    </>
  );
}

describe("useListParams", () => {
  it("keeps the filters in the URL, goes back to the first page on a change, drops what `resets` names, and clears", async () => {
    renderWithProviders(
      <Routes>
        <Route path="/things" element={<Filtered />} />
      </Routes>,
      { route: "/things?page=2&open=e1" },
    );
    const url = () => screen.getByTestId("url").textContent;
    expect(screen.queryByRole("button", { name: /Limpiar/ })).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText("Kind"), "x");
    expect(url()).toBe("?kind=x");
    await userEvent.click(screen.getByRole("button", { name: "page 3" }));
    expect(url()).toBe("?kind=x&page=3");
    await userEvent.click(screen.getByRole("button", { name: /Limpiar/ }));
    expect(url()).toBe("");
  });
});
