import { useCallback, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { localized } from "../../../lib/i18n/format";
import type { PlanNode } from "../api/plans";
import { isActivity } from "../model/rules";
import { collapseAll, expandAll, toggleFold } from "../model/tree";
import { ActivityStatusBadge, KindBadge } from "../../../components/PlanBadges";

const storageKey = (planId: string) => `mc.plan-folds.${planId}`;

/** Which nodes are folded, kept for the tab's session so that coming back shows the same tree. */
export function useFolding(planId: string) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey(planId));
      return new Set(saved ? (JSON.parse(saved) as string[]) : []);
    } catch {
      return new Set();
    }
  });
  const save = useCallback(
    (next: Set<string>) => {
      setCollapsed(next);
      try {
        sessionStorage.setItem(storageKey(planId), JSON.stringify([...next]));
      } catch {
        // storage full or blocked: folding still works for this page
      }
    },
    [planId],
  );
  return {
    collapsed,
    toggle: (id: string) => save(toggleFold(collapsed, id)),
    collapseAll: (nodes: PlanNode[]) => save(collapseAll(nodes)),
    expandAll: () => save(expandAll()),
  };
}

interface TreeProps {
  planId: string;
  nodes: PlanNode[];
  collapsed: ReadonlySet<string>;
  onToggle: (id: string) => void;
  labelledBy: string;
}

/**
 * The plan's tree as nested lists: each node with children has a button that folds it
 * (`aria-expanded`, `aria-controls`); titles link to the node's page.
 */
export function PlanTree({ planId, nodes, collapsed, onToggle, labelledBy }: TreeProps) {
  return (
    <ul className="plan-tree" aria-labelledby={labelledBy}>
      {nodes.map((n) => (
        <TreeItem key={n.id} planId={planId} node={n} collapsed={collapsed} onToggle={onToggle} />
      ))}
    </ul>
  );
}

function TreeItem({
  planId,
  node,
  collapsed,
  onToggle,
}: {
  planId: string;
  node: PlanNode;
  collapsed: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const folded = collapsed.has(node.id);
  const hasChildren = node.children.length > 0;
  const groupId = `plan-node-children-${node.id}`;
  return (
    <li className={`tree-node tree-node-${node.kind}`} data-code={node.code}>
      <div className="tree-row">
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={!folded}
            aria-controls={folded ? undefined : groupId}
            aria-label={t(folded ? "plans.tree.unfold" : "plans.tree.fold", { code: node.code })}
            onClick={() => onToggle(node.id)}
          >
            <span aria-hidden="true">{folded ? "▸" : "▾"}</span>
          </button>
        ) : (
          <span className="tree-spacer" aria-hidden="true" />
        )}
        <span className="tree-code">{node.code}</span>
        <KindBadge kind={node.kind} />
        <Link className="tree-title" to={`/plans/${planId}/nodes/${node.id}`}>
          {localized(node.title, i18n.language)}
        </Link>
        {isActivity(node.kind) && <ActivityStatusBadge status={node.status} />}
        {hasChildren && folded && (
          <span className="muted small">{t("plans.tree.hidden", { count: node.children.length })}</span>
        )}
      </div>
      {hasChildren && !folded && (
        <ul id={groupId} className="tree-children">
          {node.children.map((c) => (
            <TreeItem key={c.id} planId={planId} node={c} collapsed={collapsed} onToggle={onToggle} />
          ))}
        </ul>
      )}
    </li>
  );
}
