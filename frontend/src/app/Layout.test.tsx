import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { endSession } from "../lib/auth/session";
import { renderWithProviders } from "../test/render";
import { signIn } from "../test/session";
import { Layout } from "./Layout";

function renderLayout() {
  return renderWithProviders(
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<h1>Inicio</h1>} />
        <Route path="cities" element={<h1>Ciudades miembro</h1>} />
      </Route>
    </Routes>,
  );
}

describe("Layout: the header's menu", () => {
  afterEach(() => {
    cleanup();
    endSession();
  });

  it("is a button that says whether the menu it controls is open", async () => {
    signIn([{ role: "secretariat_staff" }]);
    renderLayout();
    const button = screen.getByRole("button", { name: "Menú" });
    const menu = document.getElementById(button.getAttribute("aria-controls")!)!;
    expect(menu).toContainElement(screen.getByRole("navigation", { name: "Navegación principal" }));
    expect(menu).toContainElement(screen.getByRole("button", { name: "Cerrar sesión" }));
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(menu).not.toHaveClass("header-menu-open");
    await userEvent.setup().click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(menu).toHaveClass("header-menu-open");
  });

  it("closes when a link is followed", async () => {
    signIn([{ role: "secretariat_staff" }]);
    renderLayout();
    const user = userEvent.setup();
    const button = screen.getByRole("button", { name: "Menú" });
    await user.click(button);
    await user.click(within(screen.getByRole("navigation", { name: "Navegación principal" })).getByRole("link", { name: "Ciudades" }));
    expect(await screen.findByRole("heading", { name: "Ciudades miembro" })).toBeInTheDocument();
    expect(button).toHaveAttribute("aria-expanded", "false");
  });

  it("closes on Escape, with the focus back on its button", async () => {
    signIn([{ role: "secretariat_staff" }]);
    renderLayout();
    const user = userEvent.setup();
    const button = screen.getByRole("button", { name: "Menú" });
    await user.click(button);
    within(screen.getByRole("navigation", { name: "Navegación principal" })).getByRole("link", { name: "Planes" }).focus();
    await user.keyboard("{Escape}");
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(button).toHaveFocus();
  });
});
