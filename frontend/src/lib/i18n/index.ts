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
