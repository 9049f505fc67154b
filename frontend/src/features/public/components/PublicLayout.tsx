import { Suspense, useEffect } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { Brand } from "../../../components/Brand";
import { LanguageSelect } from "../../../components/LanguageSelect";
import { Loading } from "../../../components/Loading";
import { useSession } from "../../../lib/auth/useAuth";
import { changeLanguage } from "../../../lib/i18n";
import { browserLanguage, savedLanguage } from "../../../lib/i18n/language";

/**
 * The frame of the public pages, open to anyone: the network's approved plans, in the language
 * last chosen in this browser or else the browser's own, with a switch, and the way in for staff.
 */
export default function PublicLayout() {
  const { t } = useTranslation();
  const { status } = useSession();
  useEffect(() => {
    const lang = savedLanguage() ? undefined : browserLanguage();
    if (lang) void changeLanguage(lang);
  }, []);
  return (
    <div className="public-site">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header public-header">
        <Link to="/public" className="brand-link">
          <Brand />
        </Link>
        <nav aria-label={t("public.nav")} className="main-nav public-nav">
          <ul>
            <li>
              <NavLink to="/public" end>
                {t("public.plans.nav")}
              </NavLink>
            </li>
          </ul>
        </nav>
        <div className="public-language">
          <LanguageSelect />
        </div>
        {status === "authenticated" ? (
          <Link className="button-secondary public-access" to="/">
            {t("public.toPlatform")}
          </Link>
        ) : (
          <Link className="button-secondary public-access" to="/login">
            {t("public.staffSignIn")}
          </Link>
        )}
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="public-footer muted small">
        <p>{t("public.footer")}</p>
      </footer>
    </div>
  );
}
