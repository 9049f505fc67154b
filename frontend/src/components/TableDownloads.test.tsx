import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockFetch, renderWithProviders } from "../test/render";
import { signIn } from "../test/session";
import { TableDownloads } from "./TableDownloads";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("TableDownloads", () => {
  const fetchMock = mockFetch();
  const saved: string[] = [];
  beforeEach(() => {
    saved.length = 0;
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => {} }));
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      if (this.download) saved.push(this.download);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ["Ejecución (CSV)", "text/csv", "plan-SE-2011-2012-execution.csv"],
    ["Ejecución (XLSX)", XLSX, "plan-SE-2011-2012-execution.xlsx"],
  ])("%s asks the same endpoint for its format and saves the file with its extension", async (label, accept, file) => {
    signIn([{ role: "observer" }]);
    fetchMock.mockResolvedValueOnce(new Response("x", { status: 200, headers: { "content-type": accept } }));
    renderWithProviders(
      <TableDownloads
        path="/api/v1/plans/p1/execution-report?country=AR"
        baseName="plan-SE-2011-2012-execution"
        labels={{ csv: "Ejecución (CSV)", xlsx: "Ejecución (XLSX)" }}
      />,
    );
    await userEvent.click(screen.getByRole("link", { name: label }));
    await waitFor(() => expect(saved).toEqual([file]));
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(new URL(request.url).pathname + new URL(request.url).search).toBe("/api/v1/plans/p1/execution-report?country=AR");
    expect(request.headers.get("accept")).toBe(accept);
  });

  it("shows the server's refusal beside the links", async () => {
    signIn([{ role: "observer" }]);
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ type: "x", title: "Prohibido", status: 403, code: "forbidden", detail: "No puede leer este plan.", request_id: "r" }), {
        status: 403,
        headers: { "content-type": "application/problem+json" },
      }),
    );
    renderWithProviders(<TableDownloads path="/api/v1/plans/p1/activities" baseName="a" labels={{ csv: "CSV", xlsx: "XLSX" }} />);
    await userEvent.click(screen.getByRole("link", { name: "XLSX" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(saved).toEqual([]);
  });
});
