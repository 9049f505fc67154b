/** Walking and folding a plan's tree. Pure functions over nodes with `id`, `kind` and `children`. */

/** A node of a tree: its children are nodes of the same type. */
export type TreeNode<N> = { id: string; kind: string; children: N[] };

/** Every node in tree order (depth first, parents before children). */
export function flatten<N extends { children: N[] }>(nodes: N[]): N[] {
  const out: N[] = [];
  const walk = (list: N[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** The ids of the nodes that have children (those that can be folded). */
export function foldableIds<N extends TreeNode<N>>(nodes: N[]): string[] {
  return flatten(nodes)
    .filter((n) => n.children.length > 0)
    .map((n) => n.id);
}

/** Folds or unfolds one node. `collapsed` holds the ids of the folded nodes. */
export function toggleFold(collapsed: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(collapsed);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Folds every node that has children. */
export function collapseAll<N extends TreeNode<N>>(nodes: N[]): Set<string> {
  return new Set(foldableIds(nodes));
}

/** Unfolds every node. */
export function expandAll(): Set<string> {
  return new Set();
}

/** The nodes a reader sees: a folded node's descendants are hidden. */
export function visibleNodes<N extends { id: string; children: N[] }>(nodes: N[], collapsed: ReadonlySet<string>): N[] {
  const out: N[] = [];
  const walk = (list: N[]) => {
    for (const n of list) {
      out.push(n);
      if (!collapsed.has(n.id)) walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** Unfolds the ancestors of `id`, so that the node shows. */
export function reveal<N extends { id: string; children: N[] }>(nodes: N[], collapsed: ReadonlySet<string>, id: string): Set<string> {
  const path = pathTo(nodes, id);
  const next = new Set(collapsed);
  for (const n of path.slice(0, -1)) next.delete(n.id);
  return next;
}

/** The chain of nodes from a root down to the node `id` (empty when it is not in the tree). */
export function pathTo<N extends { id: string; children: N[] }>(nodes: N[], id: string): N[] {
  for (const n of nodes) {
    if (n.id === id) return [n];
    const below = pathTo(n.children, id);
    if (below.length) return [n, ...below];
  }
  return [];
}

/** How many nodes of each kind the tree holds. */
export function countByKind<N extends TreeNode<N>>(nodes: N[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of flatten(nodes)) out[n.kind] = (out[n.kind] ?? 0) + 1;
  return out;
}
