import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { useUser } from "../../lib/auth/useAuth";
import { EmailPreferencesSection } from "../../features/notifications/components/EmailPreferencesSection";
import { CalendarFeedSection } from "../../features/events/components/CalendarFeedSection";

/**
 * The signed-in person's own settings: who they are, which notifications reach them by e-mail, and
 * their calendar feed of the network's events.
 */
export default function ProfileScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const roles = [...new Set(user.roles.map((r) => r.role))];
  return (
    <>
      <PageTitle>{t("profile.title")}</PageTitle>
      <div className="grid-2">
        <section className="card" aria-labelledby="profile-facts">
          <h2 id="profile-facts">{t("profile.facts")}</h2>
          <dl className="facts">
            <dt>{t("profile.name")}</dt>
            <dd>{user.display_name}</dd>
            <dt>{t("auth.email")}</dt>
            <dd>{user.email}</dd>
            <dt>{t("profile.roles")}</dt>
            <dd>{roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(", ")}</dd>
            <dt>{t("language.label")}</dt>
            <dd>{t(`language.${user.language}`, { defaultValue: user.language })}</dd>
          </dl>
        </section>
        <EmailPreferencesSection />
      </div>
      <CalendarFeedSection />
    </>
  );
}
