/** Where a report stands: its activity found in its plan's tree. */

interface TreeNode<N> {
  id: string;
  children: N[];
}

/** The node of `id` anywhere in the tree, or undefined. */
export function findNode<N extends TreeNode<N>>(nodes: readonly N[], id: string): N | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = findNode(n.children, id);
    if (found) return found;
  }
  return undefined;
}
