import { describe, expect, it } from "vitest";
import { changedFields, fieldLabel } from "../lib/audit/fields";
import { membershipOf } from "./RecordHistory";
import es from "../lib/i18n/locales/es.json";

describe("changedFields", () => {
  it("lists the fields that changed, ignoring bookkeeping columns", () => {
    const before = { id: "1", name: "Montevideo", population: 1, website: null, version: 1, updated_at: "a" };
    const after = { id: "1", name: "Montevideo", population: 2, website: "https://x", version: 2, updated_at: "b" };
    expect(changedFields({ before, after })).toEqual([
      { field: "population", before: 1, after: 2 },
      { field: "website", before: null, after: "https://x" },
    ]);
  });

  it("handles a creation (no before)", () => {
    expect(changedFields({ before: null, after: { name: "X" } })).toEqual([{ field: "name", before: null, after: "X" }]);
  });
});

describe("membershipOf", () => {
  const entry = {
    record_type: "body_member",
    before: { body_id: "b", city_id: "c", body_name: { es: "Unidad Temática de Cultura", pt: "Unidade Temática de Cultura" }, city_name: "Rosario", since: null, version: 1 },
    after: { body_id: "b", city_id: "c", body_name: { es: "Unidad Temática de Cultura", pt: "Unidade Temática de Cultura" }, city_name: "Rosario", since: "2012-03-01", version: 2 },
  };

  it("names the city and the body in the reader's language", () => {
    expect(membershipOf(entry, "pt")).toEqual({ city: "Rosario", body: "Unidade Temática de Cultura" });
    expect(membershipOf({ ...entry, after: null }, "es")).toEqual({ city: "Rosario", body: "Unidad Temática de Cultura" });
  });

  it("is nothing for the record's own entries", () => {
    expect(membershipOf({ ...entry, record_type: "body" }, "es")).toBeNull();
  });

  it("shows only the date among a membership's changes", () => {
    expect(changedFields(entry)).toEqual([{ field: "since", before: null, after: "2012-03-01" }]);
  });
});

describe("fieldLabel", () => {
  const t = (key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], es) as string;

  it("labels every column a city, a body, a country or a term shows in its history", () => {
    const columns = {
      city: ["name", "country_code", "population", "membership_status", "joined_on", "contact_address", "contact_phone", "contact_email", "website"],
      body: ["kind", "name_es", "name_pt", "name_en", "acronym", "description_es", "description_pt", "description_en"],
      country: ["code", "name_es", "name_pt", "name_en", "mercosur_status"],
      term: ["body_id", "city_id", "role", "starts_on", "ends_on", "note"],
      membership: ["since"],
    };
    for (const [record, fields] of Object.entries(columns)) {
      for (const field of fields) {
        const label = fieldLabel(field, t);
        expect(typeof label === "string" && label !== field && !label.includes(".") && !label.includes("undefined"), `${record}.${field}: ${label}`).toBe(true);
      }
    }
    expect(fieldLabel("description_pt", t)).toBe("Descripción (Português)");
  });
});
