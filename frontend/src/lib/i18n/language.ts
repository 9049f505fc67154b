/** The languages of the UI, the first being the default. */
import type * as closed from "../api/closed";

export type Language = closed.Language;
export const LANGUAGES = ["es", "pt", "en"] as const satisfies readonly Language[];
export const DEFAULT_LANGUAGE: Language = "es";
export const LANGUAGE_KEY = "mc.language";

let current: Language = DEFAULT_LANGUAGE;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function currentLanguage(): Language {
  return current;
}

export function setCurrentLanguage(lang: Language) {
  current = lang;
}

/** BCP 47 locale used to format numbers and dates in each language. */
export function localeOf(lang: string): string {
  switch (lang) {
    case "pt":
      return "pt-BR";
    case "en":
      return "en-GB";
    default:
      return "es-UY";
  }
}

/**
 * The language to start with: the one last chosen in this browser, else Spanish (the network's
 * first language). After sign-in the user's profile language wins.
 */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // no storage
  }
  return DEFAULT_LANGUAGE;
}

/** Remembers the chosen language in this browser. */
export function rememberLanguage(lang: Language) {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // no storage
  }
}
