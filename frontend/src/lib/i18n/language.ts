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

/** The language last chosen in this browser, if any. */
export function savedLanguage(): Language | undefined {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // no storage
  }
  return undefined;
}

/**
 * The language to start with: the one last chosen in this browser, else Spanish (the network's
 * first language). After sign-in the user's profile language wins.
 */
export function initialLanguage(): Language {
  return savedLanguage() ?? DEFAULT_LANGUAGE;
}

/** The first of the browser's preferred languages the UI speaks (`pt-BR` → `pt`), if any. */
export function browserLanguage(
  preferred: readonly string[] = typeof navigator === "undefined" ? [] : navigator.languages?.length ? navigator.languages : [navigator.language],
): Language | undefined {
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return undefined;
}

/** Remembers the chosen language in this browser. */
export function rememberLanguage(lang: Language) {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // no storage
  }
}
