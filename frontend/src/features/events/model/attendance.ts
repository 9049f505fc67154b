/**
 * The attendance grid: the delegates of an event's delegations (a row each, grouped by city) by
 * its sessions (a column each; one column for the whole event when it has none), each cell
 * present or not. The API keeps the attendance as records `{session_id, delegate_id}` (the
 * session null when the event has no sessions) and replaces them all at once.
 */

export interface AttendanceRecord {
  session_id?: string | null;
  delegate_id: string;
}

/** A cell's key: its session ("" for the whole event) and its delegate. */
export const cellKey = (sessionId: string | null | undefined, delegateId: string) => `${sessionId ?? ""}|${delegateId}`;

/** The cells present, from the API's records. */
export function presentCells(records: readonly AttendanceRecord[]): Set<string> {
  return new Set(records.map((r) => cellKey(r.session_id, r.delegate_id)));
}

/** The body to send: a record per present cell of a known delegate and column, in the grid's order. */
export function toRecords(present: ReadonlySet<string>, delegates: readonly string[], sessions: readonly (string | null)[]): { session_id: string | null; delegate_id: string }[] {
  const out: { session_id: string | null; delegate_id: string }[] = [];
  for (const d of delegates) {
    for (const s of sessions) if (present.has(cellKey(s, d))) out.push({ session_id: s, delegate_id: d });
  }
  return out;
}

/** One cell switched. */
export function toggleCell(present: ReadonlySet<string>, key: string, on: boolean): Set<string> {
  const next = new Set(present);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}

/** A whole column (a session) switched for every delegate. */
export function toggleColumn(present: ReadonlySet<string>, sessionId: string | null, delegates: readonly string[], on: boolean): Set<string> {
  const next = new Set(present);
  for (const d of delegates) {
    if (on) next.add(cellKey(sessionId, d));
    else next.delete(cellKey(sessionId, d));
  }
  return next;
}

/** Whether two sets of cells are the same (the grid has nothing to save). */
export function sameCells(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}

/** How many delegates were present at a session (or at the event), per column. */
export function presentPerColumn(present: ReadonlySet<string>, sessions: readonly (string | null)[], delegates: readonly string[]): number[] {
  return sessions.map((s) => delegates.filter((d) => present.has(cellKey(s, d))).length);
}

/** A CSV upload's errors (`rows[3].delegate_id`), grouped by row in order, the file's own problems (no row) first. */
export function errorsByRow(errors: readonly { field?: string | null; message: string }[]): { row: number | null; field: string; messages: string[] }[] {
  const groups = new Map<string, { row: number | null; field: string; messages: string[] }>();
  for (const e of errors) {
    const m = /^rows\[(\d+)\](?:\.(.+))?$/.exec(e.field ?? "");
    const row = m ? Number(m[1]) : null;
    const field = m ? (m[2] ?? "") : (e.field ?? "");
    const key = `${row ?? -1}|${field}`;
    const g = groups.get(key) ?? { row, field, messages: [] };
    g.messages.push(e.message);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => (a.row ?? -1) - (b.row ?? -1) || a.field.localeCompare(b.field));
}
