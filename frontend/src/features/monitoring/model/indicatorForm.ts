/**
 * Measurable indicators (README "Monitoring"): the measures, the value each asks for, the form's
 * values (strings, as typed) and the indicator the server reads.
 */
import { formatNumber, formatPercent } from "../../../lib/i18n/format";
import type { components } from "../../../lib/api/schema";

type Schemas = components["schemas"];
type Localized = Schemas["Localized"];
/** A value in the shape its measure asks for. */
type IndicatorValue = Schemas["IndicatorValue"];
type IndicatorPeriod = Schemas["IndicatorPeriod"];
/** An indicator as the server reads it (POST, PUT). */
type IndicatorData = Schemas["IndicatorData"];

export type Measure = components["schemas"]["Measure"];
export const MEASURES = ["unit", "percentage", "yes_no", "qualitative"] as const satisfies readonly Measure[];

/** A measure the form knows; an unknown one is read as `unit`, the default. */
export function measureOf(measure: string): Measure {
  return (MEASURES as readonly string[]).includes(measure) ? (measure as Measure) : "unit";
}

/** The inputs of one value, by measure. */
export const VALUE_INPUTS: Record<Measure, readonly (keyof IndicatorValue)[]> = {
  unit: ["value"],
  percentage: ["numerator", "denominator"],
  yes_no: ["reached"],
  qualitative: ["comment"],
};

/** A value as typed: every input a string (`reached`: "", "yes" or "no"). */
export type ValueInputs = Record<keyof IndicatorValue, string>;
export const emptyValue = (): ValueInputs => ({ value: "", numerator: "", denominator: "", reached: "", comment: "" });

export interface PeriodValues {
  starts_on: string;
  ends_on: string;
  target: ValueInputs;
  actual: ValueInputs;
}

export interface IndicatorFormValues {
  title: Record<"es" | "pt" | "en", string>;
  measure: Measure;
  ascending: boolean;
  baselineYear: string;
  baseline: ValueInputs;
  periods: PeriodValues[];
}

export const emptyPeriod = (): PeriodValues => ({ starts_on: "", ends_on: "", target: emptyValue(), actual: emptyValue() });

export const emptyIndicatorValues = (): IndicatorFormValues => ({
  title: { es: "", pt: "", en: "" },
  measure: "unit",
  ascending: true,
  baselineYear: "",
  baseline: emptyValue(),
  periods: [emptyPeriod()],
});

const num = (s: string) => (s.trim() === "" ? undefined : Number(s.replace(",", ".")));

function inputsOf(v: IndicatorValue | null | undefined): ValueInputs {
  return {
    value: v?.value != null ? String(v.value) : "",
    numerator: v?.numerator != null ? String(v.numerator) : "",
    denominator: v?.denominator != null ? String(v.denominator) : "",
    reached: v?.reached == null ? "" : v.reached ? "yes" : "no",
    comment: v?.comment ?? "",
  };
}

/** The value the inputs hold for `measure`, or undefined when they are all empty. */
export function toValue(measure: Measure, v: ValueInputs): IndicatorValue | undefined {
  if (VALUE_INPUTS[measure].every((k) => v[k].trim() === "")) return undefined;
  switch (measure) {
    case "unit":
      return { value: num(v.value) };
    case "percentage":
      return { numerator: num(v.numerator), denominator: num(v.denominator) };
    case "yes_no":
      return { reached: v.reached === "" ? undefined : v.reached === "yes" };
    case "qualitative":
      return { comment: v.comment };
  }
}

export function indicatorValues(i: IndicatorData): IndicatorFormValues {
  return {
    title: { es: i.title.es ?? "", pt: i.title.pt ?? "", en: i.title.en ?? "" },
    measure: measureOf(i.measure),
    ascending: i.ascending ?? true,
    baselineYear: i.baseline ? String(i.baseline.year) : "",
    baseline: inputsOf(i.baseline?.value),
    periods: (i.periods ?? []).map((p) => ({
      starts_on: p.starts_on,
      ends_on: p.ends_on,
      target: inputsOf(p.target),
      actual: inputsOf(p.actual),
    })),
  };
}

export function toIndicatorIn(v: IndicatorFormValues): IndicatorData {
  const title: Localized = {};
  for (const l of ["es", "pt", "en"] as const) if (v.title[l].trim()) title[l] = v.title[l];
  const baselineValue = toValue(v.measure, v.baseline);
  const out: IndicatorData = {
    title,
    measure: v.measure,
    ascending: v.ascending,
    periods: v.periods.map((p) => {
      const period: IndicatorPeriod = { starts_on: p.starts_on, ends_on: p.ends_on };
      const target = toValue(v.measure, p.target);
      const actual = toValue(v.measure, p.actual);
      if (target) period.target = target;
      if (actual) period.actual = actual;
      return period;
    }),
  };
  if (v.baselineYear.trim() || baselineValue) {
    out.baseline = { year: Number(v.baselineYear), value: baselineValue ?? {} };
  }
  return out;
}

/** A server path (`periods[1].actual.numerator`, `baseline.value.value`) as the form's field key. */
export function indicatorFieldKey(path: string): string {
  return path.replace(/^baseline\.value\./, "baseline.");
}

/** A value for reading: a number, a percentage (with its fraction), yes/no, or the comment. */
export function formatValue(
  measure: string,
  v: IndicatorValue | null | undefined,
  lang: string,
  t: (key: string) => string,
): string {
  if (!v) return "";
  switch (measure) {
    case "unit":
      return formatNumber(v.value, lang);
    case "percentage":
      if (v.numerator == null || !v.denominator) return "";
      return `${formatPercent((100 * v.numerator) / v.denominator, lang)} (${formatNumber(v.numerator, lang)}/${formatNumber(v.denominator, lang)})`;
    case "yes_no":
      return v.reached == null ? "" : t(v.reached ? "common.yes" : "common.no");
    default:
      return v.comment ?? "";
  }
}
