import { afterEach, describe, expect, it } from "vitest";
import { LANGUAGE_KEY, browserLanguage, initialLanguage, savedLanguage } from "./language";

describe("the language to start with", () => {
  afterEach(() => localStorage.removeItem(LANGUAGE_KEY));

  it("is the browser's first language the UI speaks, by its base", () => {
    expect(browserLanguage(["pt-BR", "es"])).toBe("pt");
    expect(browserLanguage(["fr-FR", "de", "en-US"])).toBe("en");
    expect(browserLanguage(["ES-uy"])).toBe("es");
    expect(browserLanguage(["fr", "de"])).toBeUndefined();
    expect(browserLanguage([])).toBeUndefined();
  });

  it("is, once chosen in this browser, the choice; else Spanish", () => {
    expect(savedLanguage()).toBeUndefined();
    expect(initialLanguage()).toBe("es");
    localStorage.setItem(LANGUAGE_KEY, "pt");
    expect(savedLanguage()).toBe("pt");
    expect(initialLanguage()).toBe("pt");
    localStorage.setItem(LANGUAGE_KEY, "klingon");
    expect(savedLanguage()).toBeUndefined();
  });
});
