import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import es from "./locales/es.json";
import pt from "./locales/pt.json";
import en from "./locales/en.json";
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  initialLanguage,
  isLanguage,
  rememberLanguage,
  setCurrentLanguage,
  type Language,
} from "./language";

export const resources = { es: { translation: es }, pt: { translation: pt }, en: { translation: en } };

/**
 * The plural rules each UI language counts with (Intl.PluralRules, CLDR's data): a counted text
 * has a `_one` and an `_other` form, and the rules pick one. Portuguese counts with European
 * Portuguese's rules: CLDR's Brazilian ones put 0 with 1 ("0 cidade membro"), while the network's
 * Portuguese, like its Spanish and English, says "0 cidades membro".
 */
export const PLURAL_RULES_LOCALE: Record<Language, string> = { es: "es", pt: "pt-PT", en: "en" };

const start = initialLanguage();
setCurrentLanguage(start);

void i18n.use(initReactI18next).init({
  resources,
  lng: start,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

// i18next asks its plural resolver for the rules of a language by its code: the UI's languages get
// the locale above, any other code its own.
type PluralResolver = { getRule: (code: string, options?: object) => Intl.PluralRules | undefined };
const pluralResolver = i18n.services.pluralResolver as PluralResolver;
const ruleOf = pluralResolver.getRule.bind(pluralResolver);
pluralResolver.getRule = (code, options) => ruleOf(isLanguage(code) ? PLURAL_RULES_LOCALE[code] : code, options);

function syncDocument(lang: string) {
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}
syncDocument(start);

i18n.on("languageChanged", (lang) => {
  if (isLanguage(lang)) {
    setCurrentLanguage(lang);
    rememberLanguage(lang);
  }
  syncDocument(lang);
});

/** Switches the UI language (and the Accept-Language of later API calls). */
export async function changeLanguage(lang: Language) {
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

export default i18n;
