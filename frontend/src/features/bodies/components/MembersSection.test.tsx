import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { components } from "../../../lib/api/schema";
import i18n from "../../../lib/i18n";
import { formatDate } from "../../../lib/i18n/format";
import { endSession, startSession } from "../../../lib/auth/session";
import type { RoleGrant } from "../../../lib/auth/permissions";
import { jsonResponse, renderWithProviders } from "../../../test/render";
import { MembersSection } from "./MembersSection";
import { toMemberIn, toMemberUpdateIn } from "./MemberForms";

type Schemas = components["schemas"];

const city = (id: string, name: string, country: string): Schemas["CityOut"] => ({
  id,
  name,
  country,
  membership_status: "active",
  contact: {},
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

const MONTEVIDEO = city("c-mvd", "Montevideo", "UY");
const ROSARIO = city("c-ros", "Rosario", "AR");
const ROSAS = city("c-rosas", "Rosas", "BR");

const member = (c: Schemas["CityOut"], since: string | null, version = 1): Schemas["MemberOut"] => ({ city: c, since, version });

const problem = (status: number, extra: Record<string, unknown> = {}) =>
  jsonResponse(status, { type: "x", title: "Problema", status, detail: "Detalle del servidor.", code: "x", request_id: "r-1", ...extra });

function signIn(roles: RoleGrant[]) {
  startSession({
    access_token: "a",
    token_type: "Bearer",
    expires_in: 900,
    refresh_token: "r",
    user: {
      id: "u1",
      email: "u@example.org",
      display_name: "U",
      language: "es",
      active: true,
      roles,
      version: 1,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    },
  });
}

type Handler = (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

/** A fetch that answers the member list from `list` and each other call from the first handler that answers. */
function server(list: () => Schemas["MemberOut"][], ...handlers: Handler[]) {
  const calls: Request[] = [];
  const fetchMock = vi.fn(async (request: Request) => {
    calls.push(request.clone());
    const url = new URL(request.url);
    for (const h of handlers) {
      const answer = await h(request, url);
      if (answer) return answer;
    }
    if (request.method === "GET" && url.pathname === "/api/v1/bodies/b1/members") {
      const items = list();
      return jsonResponse(200, { items, page: 1, per_page: 25, total: items.length });
    }
    return problem(404, { title: "Not found", code: "not_found" });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

/** The city search: every city named like `q`, and (with `body_id`) those among `members()`. */
const citySearch =
  (members: () => Schemas["MemberOut"][]): Handler =>
  (request, url) => {
    if (request.method !== "GET" || url.pathname !== "/api/v1/cities") return undefined;
    const q = (url.searchParams.get("q") ?? "").toLowerCase();
    const all = [MONTEVIDEO, ROSARIO, ROSAS].filter((c) => c.name.toLowerCase().includes(q));
    const ids = new Set(members().map((m) => m.city.id));
    const items = url.searchParams.get("body_id") === "b1" ? all.filter((c) => ids.has(c.id)) : all;
    return jsonResponse(200, { items, page: 1, per_page: 10, total: items.length });
  };

const renderSection = (bodyId = "b1") => renderWithProviders(<MembersSection bodyId={bodyId} bodyName="Unidad Temática de Cultura" />);
const sent = async (r: Request) => JSON.parse(await r.text());
const writes = (calls: Request[]) => calls.filter((r) => r.method !== "GET");

describe("member request bodies", () => {
  it("send the chosen city and the day, an empty day as null", () => {
    expect(toMemberIn(ROSARIO, "2010-05-01")).toEqual({ city_id: "c-ros", since: "2010-05-01" });
    expect(toMemberIn(null, " ")).toEqual({ city_id: null, since: null });
    expect(toMemberUpdateIn("")).toEqual({ since: null });
    expect(toMemberUpdateIn("1999-12-31")).toEqual({ since: "1999-12-31" });
  });
});

describe("MembersSection", () => {
  beforeEach(() => signIn([{ role: "secretariat_admin" }]));
  afterEach(async () => {
    cleanup();
    endSession();
    vi.unstubAllGlobals();
    await i18n.changeLanguage("es");
  });

  it("lists the members in the server's order with their dates in the UI's language", async () => {
    server(() => [member(MONTEVIDEO, "1995-11-07"), member(ROSAS, null)]);
    renderSection();
    const table = await screen.findByTestId("members-table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.getAttribute("data-city"))).toEqual(["Montevideo", "Rosas"]);
    expect(within(rows[0]).getByText(formatDate("1995-11-07", "es"))).toBeInTheDocument();
    expect(within(rows[1]).getByText("Sin fecha")).toBeInTheDocument();
    await act(() => i18n.changeLanguage("pt"));
    expect(await within(rows[0]).findByText(formatDate("1995-11-07", "pt"))).toBeInTheDocument();
    expect(formatDate("1995-11-07", "pt")).not.toBe(formatDate("1995-11-07", "en"));
    await act(() => i18n.changeLanguage("en"));
    expect(await screen.findByRole("button", { name: "Correct the date Montevideo joined" })).toBeInTheDocument();
    expect(within(rows[0]).getByText(formatDate("1995-11-07", "en"))).toBeInTheDocument();
  });

  it("offers the controls to a coordinator on their own body only, and never to an observer", async () => {
    server(() => [member(MONTEVIDEO, "1995-11-07")], (_r, url) =>
      url.pathname === "/api/v1/bodies/b2/members" ? jsonResponse(200, { items: [member(MONTEVIDEO, null)], page: 1, per_page: 25, total: 1 }) : undefined,
    );
    endSession();
    signIn([{ role: "coordinator", body_id: "b1" }]);
    const own = renderSection("b1");
    await screen.findByTestId("members-table");
    expect(screen.getByRole("button", { name: "Agregar ciudad miembro" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Corregir la fecha de ingreso de Montevideo" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Quitar Montevideo de las ciudades miembro" })).toBeInTheDocument();
    own.unmount();

    // Another body: read only, without the actions column.
    const controls = () => screen.queryAllByRole("button", { name: /^(Agregar ciudad miembro|Corregir la fecha|Quitar)/ });
    const other = renderSection("b2");
    await screen.findByTestId("members-table");
    expect(controls()).toEqual([]);
    expect(screen.getAllByRole("columnheader")).toHaveLength(3);
    other.unmount();

    endSession();
    signIn([{ role: "observer" }]);
    renderSection("b1");
    await screen.findByTestId("members-table");
    expect(controls()).toEqual([]);
  });

  it("adds a member: a search by name, the city picked (not one already a member), the day, then the lists refresh", async () => {
    let members = [member(MONTEVIDEO, "1995-11-07"), member(ROSAS, null)];
    const { calls } = server(() => members, citySearch(() => members), async (request, url) => {
      if (request.method !== "POST" || url.pathname !== "/api/v1/bodies/b1/members") return undefined;
      const body = await request.json();
      const created = member(ROSARIO, body.since, 1);
      members = [members[0], created, members[1]];
      return jsonResponse(201, created, { etag: '"1"' });
    });
    renderSection();
    await screen.findByTestId("members-table");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Agregar ciudad miembro" }));
    const form = screen.getByRole("form", { name: "Nueva ciudad miembro de Unidad Temática de Cultura" });
    const search = within(form).getByLabelText(/^Ciudad/);
    expect(search).toHaveFocus();
    expect(search).toHaveAccessibleDescription(/al menos dos letras/);
    await user.type(search, "Ros");
    const results = await within(form).findByRole("list", { name: "Ciudades encontradas" });
    // Rosas already belongs to the body: shown, not offered.
    expect(within(results).getByRole("button", { name: "Rosas (BR): ya es miembro" })).toBeDisabled();
    const searches = calls.filter((r) => new URL(r.url).pathname === "/api/v1/cities");
    expect(searches.every((r) => new URL(r.url).searchParams.get("q") === "Ros")).toBe(true);
    await user.click(within(results).getByRole("button", { name: "Rosario (AR)" }));
    expect(within(form).getByTestId("member-choice")).toHaveTextContent("Ciudad elegida: Rosario (AR)");
    expect(within(form).queryByRole("list")).toBeNull();
    expect(search).toHaveFocus();
    await user.type(within(form).getByLabelText(/^Miembro desde/), "2010-05-01");
    await user.click(within(form).getByRole("button", { name: "Agregar como miembro" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Rosario es ahora ciudad miembro.");
    const [post] = writes(calls);
    expect(new URL(post.url).pathname).toBe("/api/v1/bodies/b1/members");
    expect(await sent(post)).toEqual({ city_id: "c-ros", since: "2010-05-01" });
    // The member list is read again: Rosario appears.
    expect(await screen.findByRole("link", { name: "Rosario" })).toBeInTheDocument();
    expect(screen.queryByRole("form")).toBeNull();
  });

  it("picks a city with the keyboard: ↓ from the search, then Enter", async () => {
    server(() => [], citySearch(() => []));
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Agregar ciudad miembro" }));
    await user.keyboard("Monte");
    await screen.findByRole("button", { name: "Montevideo (UY)" });
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("button", { name: "Montevideo (UY)" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("member-choice")).toHaveTextContent("Ciudad elegida: Montevideo (UY)");
    // Typing again drops the choice.
    await user.keyboard("x");
    expect(screen.getByTestId("member-choice")).toHaveTextContent("Todavía no eligió una ciudad.");
  });

  it("puts the server's messages beside the city and the date", async () => {
    const answers = [
      problem(422, {
        title: "Datos inválidos",
        errors: [
          { field: "city_id", code: "required", message: "Elija una ciudad." },
          { field: "since", code: "invalid_format", message: "Fecha inválida." },
        ],
      }),
      problem(409, { title: "Ya existe", code: "duplicate", errors: [{ field: "city_id", code: "duplicate", message: "Ya es miembro." }] }),
    ];
    const { calls } = server(() => [], citySearch(() => []), (request) => (request.method === "POST" ? answers.shift() : undefined));
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Agregar ciudad miembro" }));
    const form = screen.getByRole("form");
    await user.click(within(form).getByRole("button", { name: "Agregar como miembro" }));
    const search = within(form).getByLabelText(/^Ciudad/);
    await waitFor(() => expect(search).toHaveAttribute("aria-invalid", "true"));
    expect(search).toHaveAccessibleDescription(/Elija una ciudad\./);
    expect(within(form).getByLabelText(/^Miembro desde/)).toHaveAccessibleDescription(/Fecha inválida\./);
    expect(await sent(writes(calls)[0])).toEqual({ city_id: null, since: null });

    await user.type(search, "Monte");
    await user.click(await screen.findByRole("button", { name: "Montevideo (UY)" }));
    await user.click(screen.getByRole("button", { name: "Agregar como miembro" }));
    await waitFor(() => expect(search).toHaveAccessibleDescription(/Ya es miembro\./));
    expect(within(form).getByLabelText(/^Miembro desde/)).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Ya existe");
  });

  it("corrects the day with the member's version as If-Match; on 412 says so and reloads the stored one", async () => {
    const { calls } = server(
      () => [member(MONTEVIDEO, "1995-11-07", 3)],
      (request, url) => {
        if (url.pathname !== "/api/v1/bodies/b1/members/c-mvd") return undefined;
        if (request.method === "GET") return jsonResponse(200, member(MONTEVIDEO, "1996-03-01", 4), { etag: '"4"' });
        if (request.headers.get("if-match") === '"3"') return problem(412, { title: "Versión vieja", code: "precondition_failed", current_version: 4 });
        return jsonResponse(200, member(MONTEVIDEO, "1996-03-02", 5), { etag: '"5"' });
      },
    );
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Corregir la fecha de ingreso de Montevideo" }));
    const form = screen.getByRole("form", { name: "Fecha de ingreso de Montevideo" });
    const since = within(form).getByLabelText(/^Miembro desde/);
    expect(since).toHaveValue("1995-11-07");
    expect(since).toHaveFocus();
    await user.clear(since);
    await user.type(since, "1996-03-02");
    await user.click(within(form).getByRole("button", { name: "Guardar" }));

    const stale = await within(form).findByTestId("stale-alert");
    expect(stale).toHaveTextContent("versión 4");
    expect(within(form).getByRole("button", { name: "Guardar" })).toBeDisabled();
    const first = writes(calls)[0];
    expect(first.method).toBe("PUT");
    expect(first.headers.get("if-match")).toBe('"3"');
    expect(await sent(first)).toEqual({ since: "1996-03-02" });

    await user.click(within(stale).getByRole("button", { name: "Recargar" }));
    await waitFor(() => expect(within(form).queryByTestId("stale-alert")).toBeNull());
    // The form starts again from what is stored now.
    expect(since).toHaveValue("1996-03-01");
    await user.clear(since);
    await user.type(since, "1996-03-02");
    await user.click(within(form).getByRole("button", { name: "Guardar" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Se guardó la fecha de ingreso de Montevideo.");
    expect(writes(calls)[1].headers.get("if-match")).toBe('"4"');
  });

  it("removes a member only once confirmed, with If-Match; a 412 says so plainly and offers to reload", async () => {
    let version = 2;
    let members = [member(MONTEVIDEO, "1995-11-07", 1), member(ROSARIO, null, 1)];
    const { calls } = server(
      () => members,
      (request, url) => {
        if (request.method !== "DELETE") return undefined;
        if (url.pathname.endsWith("/c-mvd")) return problem(412, { title: "Versión vieja", code: "precondition_failed", current_version: version });
        members = members.filter((m) => m.city.id !== "c-ros");
        return new Response(null, { status: 204 });
      },
    );
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Quitar Rosario de las ciudades miembro" }));
    const question = screen.getByRole("group", { name: "¿Quitar Rosario de las ciudades miembro de Unidad Temática de Cultura?" });
    expect(question).toHaveFocus();
    expect(writes(calls)).toHaveLength(0);
    // Cancelling sends nothing and gives the focus back.
    await user.click(within(question).getByRole("button", { name: "Cancelar" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Quitar Rosario de las ciudades miembro" })).toHaveFocus());
    expect(writes(calls)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Quitar Rosario de las ciudades miembro" }));
    await user.click(within(screen.getByRole("group")).getByRole("button", { name: "Quitar" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Rosario ya no es ciudad miembro.");
    const [del] = writes(calls);
    expect(del.method).toBe("DELETE");
    expect(new URL(del.url).pathname).toBe("/api/v1/bodies/b1/members/c-ros");
    expect(del.headers.get("if-match")).toBe('"1"');
    await waitFor(() => expect(screen.queryByRole("link", { name: "Rosario" })).toBeNull());

    // Montevideo was changed by someone else meanwhile.
    await user.click(screen.getByRole("button", { name: "Quitar Montevideo de las ciudades miembro" }));
    await user.click(within(screen.getByRole("group")).getByRole("button", { name: "Quitar" }));
    const stale = await screen.findByTestId("stale-alert");
    expect(stale).toHaveTextContent("Otra persona modificó la membresía de Montevideo");
    expect(within(screen.getByRole("group")).getByRole("button", { name: "Quitar" })).toBeDisabled();
    const listReads = () => calls.filter((r) => r.method === "GET" && new URL(r.url).pathname === "/api/v1/bodies/b1/members").length;
    const before = listReads();
    members = [member(MONTEVIDEO, "2001-01-01", 2)];
    version = 3;
    await user.click(within(stale).getByRole("button", { name: "Recargar" }));
    await waitFor(() => expect(listReads()).toBeGreaterThan(before));
    expect(screen.queryByRole("group")).toBeNull();
    expect(await screen.findByText(formatDate("2001-01-01", "es"))).toBeInTheDocument();
  });
});
