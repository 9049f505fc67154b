/**
 * The choices of the plan's report filters, so that people pick names rather than type codes:
 * the bodies the plan's activities name as responsible (and the plan's owner), and the
 * perspectives and goals of the strategic plan the plan serves.
 */
import type { components } from "../../../lib/api/schema";

type Schemas = components["schemas"];

interface Node {
  responsible_bodies?: string[] | null;
  children: Node[];
}

/** The acronyms of the bodies the plan's activities name as responsible, each once, in their order of appearance. */
export function responsibleAcronyms(nodes: readonly Node[]): string[] {
  const seen = new Map<string, string>();
  const walk = (list: readonly Node[]) => {
    for (const n of list) {
      for (const a of n.responsible_bodies ?? []) if (!seen.has(a.toUpperCase())) seen.set(a.toUpperCase(), a);
      walk(n.children);
    }
  };
  walk(nodes);
  return [...seen.values()];
}

export interface ServesGroup {
  /** The perspective's code (`T1`) and title. */
  code: string;
  title: Schemas["Localized"];
  /** Its goals (`T1.1`, `T1.2`). */
  goals: { code: string; title: Schemas["Localized"] }[];
}

/** The thematic perspectives of the strategic plan, each with its goals: what the `serves` filter names. */
export function servesGroups(strategic: Schemas["StrategicPlan"] | null | undefined): ServesGroup[] {
  return (strategic?.thematic_perspectives ?? []).map((p) => ({
    code: p.code,
    title: p.title,
    goals: (p.goals ?? []).map((g) => ({ code: g.code, title: g.title })),
  }));
}
