import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "../lib/auth/useAuth";
import { LANGUAGES, isLanguage } from "../lib/i18n/language";

/** Picks the UI language; when signed in, the choice is saved to the user's profile. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const change = useChangeLanguage();
  return (
    <div className="language-select">
      <label htmlFor="language-select">{t("language.label")}</label>{" "}
      <select
        id="language-select"
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) change.mutate(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
      {change.isError && (
        <span role="alert" className="field-error small">
          {t("language.saveFailed")}
        </span>
      )}
    </div>
  );
}
