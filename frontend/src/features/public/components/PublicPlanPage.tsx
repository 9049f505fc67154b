import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { KindBadge, ActivityStatusBadge } from "../../../components/PlanBadges";
import { counted, formatDate, localized } from "../../../lib/i18n/format";
import type { PlanDocument, PlanNode } from "../api/public";
import { PART_KINDS, activitiesUnder, countKinds } from "../model/plan";
import { PublicPlanFrame } from "./PublicPlanFrame";

/** An approved plan's structure: its presentation, what it holds, and its tree (dimensions open). */
export default function PublicPlanPage() {
  const { id = "" } = useParams();
  return <PublicPlanFrame id={id}>{(document) => <Structure document={document} />}</PublicPlanFrame>;
}

function Structure({ document }: { document: PlanDocument }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const work = document.work_plan;
  const nodes = work.nodes ?? [];
  const counts = countKinds(nodes);
  const presentation = localized(work.presentation, lang);
  const strategic = document.strategic_plan;
  return (
    <>
      <section className="card" aria-labelledby="public-contents-title">
        <h2 id="public-contents-title">{t("plans.contents")}</h2>
        <ul className="stat-list public-stats" data-testid="public-counts">
          {PART_KINDS.filter((k) => counts[k]).map((k) => (
            <li key={k} className="stat" data-kind={k}>
              <span className="stat-value">{counted(counts[k], lang).n}</span>
              <span className="stat-label">{t(`public.plan.kindCount.${k}`, counted(counts[k], lang))}</span>
            </li>
          ))}
        </ul>
        {strategic && (
          <p className="muted small public-serves">
            {t("public.plan.serves", { title: localized(strategic.title, lang) })}
          </p>
        )}
        {presentation && (
          <details className="presentation">
            <summary>{t("plans.presentation")}</summary>
            <p className="prewrap">{presentation}</p>
          </details>
        )}
      </section>
      <section className="card" aria-labelledby="public-tree-title">
        <h2 id="public-tree-title">{t("plans.tree.title")}</h2>
        {nodes.length === 0 ? (
          <p className="muted">{t("plans.tree.empty")}</p>
        ) : (
          <>
            <p className="muted small">{t("public.plan.treeHint")}</p>
            <ul className="plan-tree public-tree" aria-labelledby="public-tree-title">
              {nodes.map((n) => (
                <TreeNode key={n.code} node={n} open />
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

/** A node: one with children folds them in a `<details>` (its activities counted in its summary). */
function TreeNode({ node, open = false }: { node: PlanNode; open?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const children = node.children ?? [];
  const activity = node.kind === "activity" || node.kind === "sub_activity";
  const head = (
    <>
      <span className="tree-code">{node.code}</span>
      <KindBadge kind={node.kind} />
      <span className="tree-title">{localized(node.title, lang)}</span>
      {activity && <ActivityStatusBadge status={node.status} />}
    </>
  );
  const facts = activity ? <ActivityFacts node={node} /> : null;
  if (children.length === 0) {
    return (
      <li className={`tree-node tree-node-${node.kind}`} data-code={node.code}>
        <div className="tree-row">{head}</div>
        {facts}
      </li>
    );
  }
  const activities = activitiesUnder(node);
  return (
    <li className={`tree-node tree-node-${node.kind}`} data-code={node.code}>
      <details open={open}>
        <summary className="tree-row">
          {head}
          {activities > 0 && <span className="muted small">{t("plans.activityCount", counted(activities, lang))}</span>}
        </summary>
        {facts}
        <ul className="tree-children">
          {children.map((c) => (
            <TreeNode key={c.code} node={c} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** An activity's responsible bodies and dates, when it has them. */
function ActivityFacts({ node }: { node: PlanNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const bodies = node.responsible_bodies ?? [];
  const dates = [node.starts_on, node.ends_on].filter(Boolean).map((d) => formatDate(d, lang));
  if (bodies.length === 0 && dates.length === 0) return null;
  return (
    <p className="tree-facts muted small">
      {bodies.length > 0 && (
        <span>
          {t("plans.activity.responsibleBodies")}: {bodies.join(", ")}
        </span>
      )}
      {bodies.length > 0 && dates.length > 0 && " · "}
      {dates.length > 0 && <span>{dates.join(" – ")}</span>}
    </p>
  );
}
