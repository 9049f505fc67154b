import { NavLink, Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { Suspense } from "react";
import { Brand } from "../components/Brand";
import { LanguageSelect } from "../components/LanguageSelect";
import { Loading } from "../components/Loading";
import { useHeld, useLogout, useUser } from "../lib/auth/useAuth";
import { navEntries } from "./nav";

/** The frame of every signed-in page: skip link, header with navigation, language and user. */
export function Layout() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  const held = useHeld();
  const roles = [...new Set(user.roles.map((r) => r.role))];
  const links = navEntries(held).map((e) => ({ ...e, label: t(e.label) }));
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <Brand />
        <nav aria-label={t("nav.label")} className="main-nav">
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <LanguageSelect />
          <div className="user-box" data-testid="user-box">
            <span className="user-name">{user.display_name}</span>
            <span className="user-roles">{roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(", ")}</span>
          </div>
          <button type="button" className="button-secondary" onClick={() => void logout()}>
            {t("auth.logout")}
          </button>
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
