import { describe, expect, it } from "vitest";
import { ApiError, isProblem, normalizeFieldPath, problemToFieldErrors, splitFieldErrors, type ProblemDocument } from "./problem";

const problem: ProblemDocument = {
  type: "urn:mercociudades:problem:validation_failed",
  title: "Dados inválidos",
  status: 422,
  detail: "Corrija os campos indicados em errors.",
  code: "validation_failed",
  request_id: "abc",
  errors: [
    { field: "name", code: "empty", message: "Não pode estar vazio." },
    { field: "contact.email", code: "invalid_format", message: "Formato inválido; espera-se email." },
    { field: "contact.email", code: "too_long", message: "Longo demais." },
    { field: "roles[1].city_id", code: "required", message: "Obrigatório." },
    { field: "page", code: "out_of_range", message: "" },
  ],
};

describe("problemToFieldErrors", () => {
  it("keys the messages by field path, keeping several per field in order", () => {
    expect(problemToFieldErrors(problem)).toEqual({
      name: ["Não pode estar vazio."],
      "contact.email": ["Formato inválido; espera-se email.", "Longo demais."],
      "roles[1].city_id": ["Obrigatório."],
      page: ["out_of_range"],
    });
  });

  it("gives nothing for a problem without errors, or no problem", () => {
    expect(problemToFieldErrors({ ...problem, errors: undefined })).toEqual({});
    expect(problemToFieldErrors(null)).toEqual({});
  });
});

describe("normalizeFieldPath", () => {
  it("accepts JSON pointer and bracket spellings", () => {
    expect(normalizeFieldPath("/contact/email")).toBe("contact.email");
    expect(normalizeFieldPath("contact[email]")).toBe("contact.email");
    expect(normalizeFieldPath("roles[0].role")).toBe("roles[0].role");
    expect(normalizeFieldPath("name")).toBe("name");
  });
});

describe("splitFieldErrors", () => {
  it("puts known fields beside their input and the rest at the top", () => {
    const { byField, others } = splitFieldErrors(problemToFieldErrors(problem), ["name", "contact.email"]);
    expect(Object.keys(byField)).toEqual(["name", "contact.email"]);
    expect(others).toEqual(["roles[1].city_id: Obrigatório.", "page: out_of_range"]);
  });
});

describe("ApiError", () => {
  it("carries the status, the code and the detail as message", () => {
    const e = new ApiError(422, problem);
    expect(e.status).toBe(422);
    expect(e.code).toBe("validation_failed");
    expect(e.message).toBe(problem.detail);
    expect(new ApiError(500, null).message).toBe("HTTP 500");
  });

  it("recognises a problem document", () => {
    expect(isProblem(problem)).toBe(true);
    expect(isProblem({ items: [] })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });
});
