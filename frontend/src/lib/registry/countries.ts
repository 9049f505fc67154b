/**
 * The countries of the registry, named in the UI's language. Wherever a country is shown to
 * people it is shown by its name (its ISO code at most beside it); every screen reads the one list.
 */
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { localized } from "../i18n/format";

/** The list's key: under `countries`, so that a country's change reads it again. */
export const allCountriesKey = ["countries", "all"] as const;

/** Every country of the registry (a few dozen), read once and kept a while. */
export function useAllCountries() {
  return useQuery({
    queryKey: allCountriesKey,
    staleTime: 10 * 60_000,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/countries", { params: { query: { per_page: 200, sort: "code" } } })).items,
  });
}

export interface CountryNames {
  /** The country's name in the UI's language; its code while the list is not read, or for a code it does not know. */
  name: (code: string | null | undefined) => string;
  /** The names of several countries, in the order given, joined by commas. */
  list: (codes: readonly string[]) => string;
  /** Every country as a choice (value: the code), in the language's alphabetical order of the names. */
  options: { value: string; label: string }[];
  ready: boolean;
}

export function useCountryNames(lang: string): CountryNames {
  const countries = useAllCountries();
  return useMemo(() => {
    const byCode = new Map((countries.data ?? []).map((c) => [c.code.toUpperCase(), localized(c.name, lang) || c.code]));
    const name = (code: string | null | undefined) => (code ? (byCode.get(code.toUpperCase()) ?? code) : "");
    const options = [...byCode.entries()]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
    return { name, list: (codes) => codes.map(name).join(", "), options, ready: countries.isSuccess };
  }, [countries.data, countries.isSuccess, lang]);
}
