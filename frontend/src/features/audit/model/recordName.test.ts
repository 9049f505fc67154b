import { describe, expect, it } from "vitest";
import i18n from "../../../lib/i18n";
import { recordName, type Lookups } from "./recordName";

const look: Lookups = {
  name: (id) => ({ c1: "Rosario", b1: "Unidad Temática de Cultura" })[id],
  node: (id) => (id === "n1" ? { code: "2.2.b", title: "Acuerdos con medios" } : undefined),
  country: (code) => (code === "UY" ? "Uruguay" : code),
};
const name = (record_type: string, after: unknown, lang = "es", record_id = "x") => recordName({ record_type, record_id, after }, lang, i18n.getFixedT(lang), look);

describe("recordName", () => {
  it("names each kind of record as people know it, in the reader's language", () => {
    expect(name("country", null, "es", "UY")).toBe("Uruguay");
    expect(name("city", { name: "Rosario" })).toBe("Rosario");
    expect(name("body", { name_es: "Unidad Temática de Cultura", name_pt: "Unidade Temática de Cultura", acronym: "UTC" }, "pt")).toBe("Unidade Temática de Cultura (UTC)");
    expect(name("body_member", { city_name: "Rosario", body_name: { es: "UT Cultura" } })).toBe("Membresía de Rosario en UT Cultura");
    expect(name("term", { role: "coordinator", city_id: "c1", body_id: "b1" })).toBe("Coordinación · Rosario · Unidad Temática de Cultura");
    expect(name("user", { grants: ["observer"], user: { display_name: "Olivia Observer" } })).toBe("Olivia Observer");
    expect(name("api_token", { name: "Sincronización" })).toBe("Sincronización");
    expect(name("work_plan", { plan: { title_es: "Plan 2011", title_en: "Plan 2011 (en)" } }, "en")).toBe("Plan 2011 (en)");
    expect(name("strategic_plan", { content: '{"title":{"es":"Planificación Estratégica"}}' })).toBe("Planificación Estratégica");
    expect(name("plan_node", { code: "1.1.a", title_es: "Jornada regional" })).toBe("1.1.a · Jornada regional");
    expect(name("indicator", { node_id: "n1", content: '{"title":{"es":"Acuerdos firmados"}}' })).toBe("2.2.b · Acuerdos firmados");
    expect(name("activity_report", { node_id: "n1", reported_on: "2012-10-15" })).toBe("Informe de avance de 2.2.b, 15 oct. 2012");
  });

  it("names a deleted record by what it was", () => {
    expect(recordName({ record_type: "city", record_id: "x", before: { name: "Paysandú" }, after: null }, "es", i18n.getFixedT("es"), look)).toBe("Paysandú");
  });
});
