import { Link, NavLink, Outlet, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { Suspense, useEffect, useRef, useState } from "react";
import { Brand } from "../components/Brand";
import { LanguageSelect } from "../components/LanguageSelect";
import { Loading } from "../components/Loading";
import { useHeld, useLogout, useUser } from "../lib/auth/useAuth";
import { navEntries } from "./nav";
import { NotificationsBadge, UnreadMark } from "../features/notifications/components/NotificationsBadge";

/**
 * Whether the header's menu is open. On a narrow screen the navigation, the language and the user
 * stand behind a menu button; the menu belongs to the page it was opened on, so that following a
 * link closes it, and Escape closes it with the focus back on the button.
 */
function useHeaderMenu() {
  const location = useLocation();
  const [openedOn, setOpenedOn] = useState<string | null>(null);
  const open = openedOn === location.key;
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenedOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return {
    open,
    button,
    toggle: () => setOpenedOn(open ? null : location.key),
    close: () => setOpenedOn(null),
  };
}

/** The frame of every signed-in page: skip link, header with navigation, language and user. */
export function Layout() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  const held = useHeld();
  const menu = useHeaderMenu();
  const roles = [...new Set(user.roles.map((r) => r.role))];
  const links = navEntries(held).map((e) => ({ ...e, label: t(e.label) }));
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="header-bar">
          <Brand />
          <button
            type="button"
            ref={menu.button}
            className="menu-button"
            aria-expanded={menu.open}
            aria-controls="header-menu"
            onClick={menu.toggle}
          >
            <span aria-hidden="true" className="menu-icon">
              {menu.open ? "✕" : "☰"}
            </span>{" "}
            {t("nav.menu")}
            {!menu.open && <UnreadMark />}
          </button>
        </div>
        <div id="header-menu" className={menu.open ? "header-menu header-menu-open" : "header-menu"}>
          <nav aria-label={t("nav.label")} className="main-nav">
            <ul>
              {links.map((l) => (
                <li key={l.to}>
                  {/* The same page again closes the menu too. */}
                  <NavLink to={l.to} end={l.end} onClick={menu.close}>
                    {l.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            <LanguageSelect />
            <NotificationsBadge onClick={menu.close} />
            <Link to="/profile" className="user-box" data-testid="user-box" title={t("profile.title")} onClick={menu.close}>
              <span className="user-name">{user.display_name}</span>
              <span className="user-roles">{roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(", ")}</span>
            </Link>
            <button type="button" className="button-secondary" onClick={() => void logout()}>
              {t("auth.logout")}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
