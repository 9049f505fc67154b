import { isLanguage, localeOf, type Language } from "./language";
import type { components } from "../api/schema";

type Localized = components["schemas"]["Localized"];

/** A calendar date (`YYYY-MM-DD`), formatted for the language; the day never shifts by time zone. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(localeOf(lang), {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/**
 * The clock each language reads times on. One convention for the whole UI: the 24-hour clock in
 * every language (Uruguay's locale data alone would say "8:30 p. m."; the network's texts, its
 * Portuguese and its English all write 20:30).
 */
export const HOUR_CYCLE: Record<Language, "h23" | "h12"> = { es: "h23", pt: "h23", en: "h23" };

const hourCycleOf = (lang: string) => HOUR_CYCLE[isLanguage(lang) ? lang : "es"];

/**
 * An instant (RFC 3339), formatted for the language in the browser's time zone (or `timeZone`):
 * the date as {@link formatDate} writes it, then the time on the language's clock. Every date
 * and time the SPA shows goes through here.
 */
export function formatDateTime(value: string | null | undefined, lang: string, timeZone?: string): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: hourCycleOf(lang),
    timeZone,
  }).format(date);
}

/**
 * The options of a counted text (`t(key, counted(3, lang))`): `count`, which picks the plural form,
 * and `n`, the number written with the language's digit grouping.
 */
export function counted(count: number, lang: string): { count: number; n: string } {
  return { count, n: formatNumber(count, lang) };
}

/** A whole number with the language's digit grouping (1.319.108 / 1,319,108). */
export function formatNumber(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined) return "";
  return new Intl.NumberFormat(localeOf(lang)).format(value);
}

/**
 * A money amount held as integer minor units plus an ISO 4217 code, formatted for the language
 * (no float ever holds the amount: the division is done on the integer's digits).
 */
export function formatMoney(minorUnits: number, currency: string, lang: string): string {
  const fmt = new Intl.NumberFormat(localeOf(lang), { style: "currency", currency });
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minorUnits < 0;
  const abs = Math.abs(Math.trunc(minorUnits)).toString().padStart(digits + 1, "0");
  const major = digits > 0 ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  // Intl accepts a decimal string exactly (no binary rounding).
  return fmt.format(((negative ? "-" : "") + major) as unknown as number);
}

/** The text of a localized value in the language, else in Spanish, Portuguese or English. */
export function localized(value: Localized | null | undefined, lang: string): string {
  if (!value) return "";
  const order = [lang, "es", "pt", "en"] as const;
  for (const l of order) {
    const text = value[l as keyof Localized];
    if (text) return text;
  }
  return "";
}

/** A share given in per cent (`50` → 50 % / 50%), with at most one decimal, for the language. */
export function formatPercent(perCent: number | null | undefined, lang: string): string {
  if (perCent === null || perCent === undefined || Number.isNaN(perCent)) return "";
  return new Intl.NumberFormat(localeOf(lang), { style: "percent", maximumFractionDigits: 1 }).format(perCent / 100);
}
