import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../lib/i18n";
import { Pagination } from "./Pagination";

describe("Pagination", () => {
  afterEach(async () => {
    await act(() => i18n.changeLanguage("es"));
  });

  it("shows the total with the language's plural and digit grouping", async () => {
    const { rerender } = render(<Pagination page={1} perPage={25} total={1} onPage={() => {}} />);
    expect(screen.getByText("1 resultado")).toBeInTheDocument();
    rerender(<Pagination page={1} perPage={25} total={1234} onPage={() => {}} />);
    expect(screen.getByText("1.234 resultados")).toBeInTheDocument();
    expect(screen.getByText("Página 1 de 50")).toBeInTheDocument();
    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByText("1,234 results")).toBeInTheDocument();
  });

  it("moves between pages and disables what leads nowhere", async () => {
    const onPage = vi.fn();
    render(<Pagination page={1} perPage={10} total={25} onPage={onPage} />);
    expect(screen.getByRole("button", { name: /Anterior/ })).toBeDisabled();
    await userEvent.setup().click(screen.getByRole("button", { name: /Siguiente/ }));
    expect(onPage).toHaveBeenCalledWith(2);
  });
});
