import { afterEach, describe, expect, it } from "vitest";
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import i18n from "../../../lib/i18n";
import { jsonResponse, mockFetch, renderWithProviders } from "../../../test/render";
import LoginPage from "./LoginPage";

describe("LoginPage", () => {
  const fetchMock = mockFetch();
  afterEach(async () => {
    await act(() => i18n.changeLanguage("es"));
  });

  it("refuses an empty e-mail and password beside the fields, without a request", async () => {
    renderWithProviders(<LoginPage />, { route: "/login" });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Entrar" }));
    const email = screen.getByLabelText(/Correo electrónico/);
    const password = screen.getByLabelText(/Contraseña/);
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Escriba su correo electrónico.");
    expect(password).toHaveAccessibleDescription("Escriba su contraseña.");
    expect(email).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("leads anyone to the approved plans, open without signing in", () => {
    renderWithProviders(<LoginPage />, { route: "/login" });
    expect(screen.getByRole("link", { name: "Ver los planes aprobados de la red, abiertos a todos" })).toHaveAttribute("href", "/public");
  });

  it("refuses an e-mail of blanks or an empty password, in the UI's language", async () => {
    await act(() => i18n.changeLanguage("pt"));
    renderWithProviders(<LoginPage />, { route: "/login" });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/E-mail/), "   ");
    await user.type(screen.getByLabelText(/Senha/), "secret");
    await user.click(screen.getByRole("button", { name: "Entrar" }));
    expect(screen.getByLabelText(/E-mail/)).toHaveAccessibleDescription("Digite seu e-mail.");
    expect(screen.getByLabelText(/Senha/)).not.toHaveAttribute("aria-invalid");
    await user.clear(screen.getByLabelText(/Senha/));
    await user.type(screen.getByLabelText(/E-mail/), "ana@example.org");
    await user.click(screen.getByRole("button", { name: "Entrar" }));
    expect(screen.getByLabelText(/Senha/)).toHaveAccessibleDescription("Digite sua senha.");
    expect(screen.getByLabelText(/Senha/)).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends the e-mail and password once both are given", async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { type: "x", title: "Credenciales incorrectas", status: 401, code: "invalid_credentials", request_id: "r1" }),
    );
    renderWithProviders(<LoginPage />, { route: "/login" });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Entrar" }));
    await user.type(screen.getByLabelText(/Correo electrónico/), " ana@example.org ");
    await user.type(screen.getByLabelText(/Contraseña/), "correct horse");
    await user.click(screen.getByRole("button", { name: "Entrar" }));
    expect(await screen.findByText("Credenciales incorrectas")).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(new URL(request.url).pathname).toBe("/api/v1/auth/login");
    expect(await request.json()).toEqual({ email: "ana@example.org", password: "correct horse" });
    // The messages of the empty fields are gone.
    expect(screen.queryByText("Escriba su contraseña.")).toBeNull();
  });
});
