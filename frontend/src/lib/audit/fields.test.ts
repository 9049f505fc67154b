import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { changedFields, fieldLabel, fieldValue, LABELS, readable } from "./fields";

const es = i18n.getFixedT("es");
const pt = i18n.getFixedT("pt");

describe("readable", () => {
  it("reads JSON held as text and lifts the parts a record is stored with", () => {
    expect(
      readable({
        code: "1.1.a",
        details: '{"status":"done","budget":{"amount_minor":250050,"currency":"USD"}}',
        evidence: "[]",
        title_es: "Jornada",
      }),
    ).toEqual({ code: "1.1.a", status: "done", budget: { amount_minor: 250050, currency: "USD" }, evidence: [], title_es: "Jornada" });
    expect(readable({ grants: ["observer"], user: { display_name: "Olivia", email: "o@x" } })).toEqual({
      grants: ["observer"],
      display_name: "Olivia",
      email: "o@x",
    });
    expect(readable(null)).toEqual({});
  });
});

describe("changedFields", () => {
  it("finds a change inside the details of a plan item", () => {
    const before = { id: "n", version: 1, details: '{"status":"in_progress","starts_on":"2012-03-01"}' };
    const after = { id: "n", version: 2, details: '{"status":"done","starts_on":"2012-03-01"}' };
    expect(changedFields({ record_type: "plan_node", before, after })).toEqual([{ field: "status", before: "in_progress", after: "done" }]);
  });

  it("lists what a creation gave, leaving out empty values and bookkeeping", () => {
    const after = { id: "r", version: 1, created_at: "x", idempotency_key: null, status: "draft", evidence: "[]", narrative_es: "Relato" };
    expect(changedFields({ before: null, after }).map((c) => c.field)).toEqual(["narrative_es", "status"]);
  });
});

describe("fieldLabel", () => {
  it("labels every column it knows in the reader's language", () => {
    const wrong: string[] = [];
    for (const t of [es, pt]) {
      for (const field of Object.keys(LABELS)) {
        const label = fieldLabel(field, t);
        if (label === field || label.includes(".") || !label.trim()) wrong.push(`${field}: ${label}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("names the language of a text's column and the meaning of a column by the kind of record", () => {
    expect(fieldLabel("title_pt", es)).toBe("Título (Português)");
    expect(fieldLabel("narrative_en", pt)).toBe("Relato (English)");
    expect(fieldLabel("status", es, "plan_node")).toBe("Estado de ejecución");
    expect(fieldLabel("kind", es, "plan_node")).toBe("Tipo");
    expect(fieldLabel("name", es, "api_token")).toBe("Nombre");
  });
});

describe("fieldValue", () => {
  const read = (field: string, value: unknown, recordType?: string, lang = "es") =>
    fieldValue(field, value, { t: i18n.getFixedT(lang), lang, recordType, names: (id) => ({ b1: "Unidad Temática de Cultura" })[id] });

  it("names statuses, kinds, roles and executions by the kind of record", () => {
    expect(read("status", "done", "plan_node")).toBe("Realizada");
    expect(read("status", "in_execution", "work_plan")).toBe("En ejecución");
    expect(read("status", "returned", "activity_report", "pt")).toBe("Devolvido");
    expect(read("kind", "thematic_unit", "body")).toBe("Unidad Temática");
    expect(read("role", "sub_coordinator", "term")).toBe("Subcoordinación");
    expect(read("grants", ["observer", { role: "focal_point", city_id: "c" }], "user")).toBe("Observador, Punto focal");
    expect(read("execution", "partially", "activity_report")).toBe("Parcialmente");
  });

  it("writes money, dates, yes and no, texts and counts for the reader, and names what an id points at", () => {
    expect(read("budget", { amount_minor: 250050, currency: "USD" })).toMatch(/2\.500,50/);
    expect(read("starts_on", "2012-03-01")).toBe("1 mar. 2012");
    expect(read("active", false)).toBe("No");
    expect(read("title", { es: "Jornada", pt: "Jornada regional" }, undefined, "pt")).toBe("Jornada regional");
    expect(read("body_id", "b1")).toBe("Unidad Temática de Cultura");
    expect(read("city_id", "0123456789abcdef")).toBe("01234567");
    expect(read("nodes", [{}, {}])).toBe("2 elementos");
    expect(read("serves", ["T3.4", "T1.1"])).toBe("T3.4, T1.1");
    expect(read("return_reason", null)).toBe("—");
  });
});
