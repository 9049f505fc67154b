import { readable } from "../../../lib/audit/fields";
import { formatDate, localized } from "../../../lib/i18n/format";

type T = (key: string, options?: Record<string, unknown>) => string;
type Row = Record<string, unknown>;

/** What the records an entry points at are called, as far as the screen has read them. */
export interface Lookups {
  /** A city's, body's, person's or plan's name by its id. */
  name: (id: string) => string | undefined;
  /** A plan item's code and title by its id. */
  node: (id: string) => { code: string; title: string } | undefined;
  /** A country's name by its code. */
  country: (code: string) => string;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** A text stored one column per language (`title_es`, `title_pt`, `title_en`) or as one object, in the reader's language. */
export function textOf(row: Row, field: string, lang: string): string {
  const whole = row[field];
  if (whole && typeof whole === "object") return localized(whole as never, lang);
  return localized({ es: str(row[`${field}_es`]) || undefined, pt: str(row[`${field}_pt`]) || undefined, en: str(row[`${field}_en`]) || undefined }, lang);
}

const joined = (...parts: string[]) => parts.filter(Boolean).join(" · ");

/**
 * The name of an entry's record as people know it: a city's or a person's name, a body's in the
 * reader's language, a plan item's code and title, a report by its activity and date, a term by
 * its post, city and body. The record as it was after the change (before it, for a deletion);
 * what it names only by id is looked up.
 */
export function recordName(entry: { record_type: string; record_id: string; before?: unknown; after?: unknown }, lang: string, t: T, look: Lookups): string {
  const r = readable(entry.after ?? entry.before);
  const named = (id: unknown) => (typeof id === "string" ? (look.name(id) ?? "") : "");
  switch (entry.record_type) {
    case "country":
      return look.country(entry.record_id);
    case "city":
    case "api_token":
      return str(r.name);
    case "user":
      return str(r.display_name) || str(r.email);
    case "body":
    {
      const name = textOf(r, "name", lang);
      return r.acronym ? `${name} (${str(r.acronym)})` : name;
    }
    case "body_member":
      return t("history.membership", { city: str(r.city_name), body: textOf(r, "body_name", lang) });
    case "term":
      return joined(r.role ? t(`postRole.${str(r.role)}`, { defaultValue: str(r.role) }) : "", named(r.city_id), named(r.body_id));
    case "strategic_plan":
    case "work_plan":
    case "event":
      return textOf(r, "title", lang);
    case "calendar_feed":
      // Kept under its owner's id.
      return t("audit.calendarFeedOf", { person: look.name(entry.record_id) ?? "…" });
    case "event_delegation":
      return t("audit.delegationOf", { city: named(r.city_id) || "…" });
    case "plan_node":
      return joined(str(r.code), textOf(r, "title", lang));
    case "indicator": {
      const node = typeof r.node_id === "string" ? look.node(r.node_id) : undefined;
      return joined(node?.code ?? "", textOf(r, "title", lang));
    }
    case "activity_report": {
      const node = typeof r.node_id === "string" ? look.node(r.node_id) : undefined;
      return t("monitoring.page.title", { code: node?.code ?? "…", date: formatDate(str(r.reported_on), lang) });
    }
    default:
      return "";
  }
}
