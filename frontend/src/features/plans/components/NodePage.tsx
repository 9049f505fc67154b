import { useState, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { StaleAlert } from "../../../components/StaleAlert";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError } from "../../../lib/api/problem";
import { planResource } from "../../../lib/auth/permissions";
import { usePermission } from "../../../lib/auth/useAuth";
import { formatDate, formatMoney, localized } from "../../../lib/i18n/format";
import { useDeleteNode, usePlan, usePlanNode, type PlanNode, type PlanTree } from "../api/plans";
import { childKinds, isActivity, statusEditable, structureEditable } from "../model/rules";
import { pathTo } from "../model/tree";
import { ActivityStatusBadge, KindBadge } from "../../../components/PlanBadges";
import { NodeForm } from "./NodeForm";
import { StatusControl } from "./StatusControl";
import { Notice } from "../../../components/Notice";
import { ConfirmInline } from "../../../components/ConfirmInline";

type Mode = "view" | "edit" | "add" | "delete";

/**
 * One node of a plan (an activity with all its fields), with the edits the plan allows.
 * `sections` draws what other features show of the node below its fields (its indicators and
 * progress reports), composed by the app.
 */
export default function NodePage({ sections }: { sections?: (plan: PlanTree, node: PlanNode) => ReactNode }) {
  const { id = "", nodeId = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const navigate = useNavigate();
  const plan = usePlan(id);
  const node = usePlanNode(id, nodeId);
  const [mode, setMode] = useState<Mode>("view");
  const [saved, setSaved] = useState<string | null>(null);
  const [formGeneration, setFormGeneration] = useState(0);
  const remove = useDeleteNode(id, nodeId);

  const back = (
    <p className="breadcrumb">
      <Link to={`/plans/${id}`}>← {plan.data ? localized(plan.data.data.title, lang) : t("plans.back")}</Link>
    </p>
  );
  if (plan.isPending || node.isPending) return <Loading />;
  if (plan.isError || node.isError) {
    return (
      <>
        {back}
        <ProblemAlert error={plan.error ?? node.error} />
      </>
    );
  }

  const p = plan.data.data;
  const { data: n, etag } = node.data;
  // The tree holds the children and the ancestors; the node read alone holds the fresh version.
  const inTree = pathTo(p.nodes, n.id);
  const treeNode: PlanNode = inTree[inTree.length - 1] ?? n;
  const ancestors = inTree.slice(0, -1);
  const resource = planResource(p);
  const mayEdit = can("plan:edit", resource);
  const editable = mayEdit && structureEditable(p.status);
  const activity = isActivity(n.kind);
  const title = localized(n.title, lang);
  const reload = async () => {
    await Promise.all([node.refetch(), plan.refetch()]);
    setFormGeneration((g) => g + 1);
  };
  const deleteError = remove.error instanceof ApiError ? remove.error : null;

  const list = (items: string[] | null | undefined) => (items && items.length ? items.join(", ") : t("common.none"));
  const fact = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );

  return (
    <>
      <nav aria-label={t("plans.node.breadcrumb")} className="breadcrumb">
        <ol className="crumbs">
          <li>
            <Link to="/plans">{t("nav.plans")}</Link>
          </li>
          <li>
            <Link to={`/plans/${p.id}`}>{localized(p.title, lang)}</Link>
          </li>
          {ancestors.map((a) => (
            <li key={a.id}>
              <Link to={`/plans/${p.id}/nodes/${a.id}`} title={localized(a.title, lang)}>
                {a.code}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <PageTitle
        actions={
          editable && mode === "view" ? (
            <>
              <button type="button" className="button-primary" onClick={() => { setSaved(null); setMode("edit"); }}>
                {t("common.edit")}
              </button>
              {childKinds(n.kind).length > 0 && (
                <button type="button" className="button-secondary" onClick={() => { setSaved(null); setMode("add"); }}>
                  {t("plans.node.addChild")}
                </button>
              )}
              <button type="button" className="button-danger" onClick={() => { setSaved(null); remove.reset(); setMode("delete"); }}>
                {t("plans.node.delete")}
              </button>
            </>
          ) : undefined
        }
      >
        {`${n.code} · ${title}`}
      </PageTitle>
      <p className="muted small">
        <KindBadge kind={n.kind} /> {t("plans.node.version", { version: n.version })}
      </p>
      {saved && <Notice>{saved}</Notice>}
      {!structureEditable(p.status) && mayEdit && (
        <p className="alert alert-info" data-testid="frozen-note">
          {t("plans.frozenNote", { status: t(`plans.status.${p.status}`) })}
        </p>
      )}

      {mode === "delete" && editable && (
        <ConfirmInline
          question={t("plans.node.deleteConfirm", { code: n.code })}
          confirmLabel={t("plans.node.deleteYes")}
          busy={remove.isPending}
          onConfirm={() => remove.mutate({ etag, version: n.version }, { onSuccess: () => navigate(`/plans/${p.id}`, { replace: true }) })}
          onCancel={() => setMode("view")}
          takeFocus
        >
          {deleteError?.status === 412 && <StaleAlert error={deleteError} onReload={() => void reload().then(() => remove.reset())} />}
          {remove.error && deleteError?.status !== 412 && <ProblemAlert error={remove.error} />}
        </ConfirmInline>
      )}
      {mode === "edit" && editable && (
        <NodeForm
          key={formGeneration}
          mode="edit"
          planId={p.id}
          node={{ ...n, children: treeNode.children }}
          etag={etag}
          onReload={reload}
          onCancel={() => setMode("view")}
          onDone={() => {
            setMode("view");
            setSaved(t("common.saved"));
          }}
        />
      )}
      {mode === "add" && editable && (
        <NodeForm
          mode="create"
          planId={p.id}
          parent={{ ...n, children: treeNode.children }}
          roots={p.nodes}
          onCancel={() => setMode("view")}
          onDone={(child) => {
            setMode("view");
            setSaved(t("plans.node.added", { code: child.code }));
          }}
        />
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="node-fields">
          <h2 id="node-fields">{activity ? t("plans.activity.fields") : t("plans.node.fields")}</h2>
          <dl className="facts">
            {fact(t("plans.node.kind"), t(`plans.kind.${n.kind}`, { defaultValue: n.kind }))}
            {fact(t("plans.node.code"), n.code)}
            {activity && fact(t("plans.statusLabel"), <ActivityStatusBadge status={n.status} />)}
            {fact(t("plans.node.text"), n.text ? <span className="prewrap">{localized(n.text, lang)}</span> : t("common.none"))}
            {activity && (
              <>
                {fact(
                  t("plans.activity.period"),
                  n.starts_on || n.ends_on
                    ? `${n.starts_on ? formatDate(n.starts_on, lang) : "…"} – ${n.ends_on ? formatDate(n.ends_on, lang) : "…"}`
                    : t("common.none"),
                )}
                {fact(t("plans.activity.responsibleBodies"), list(n.responsible_bodies))}
                {fact(t("plans.activity.responsibleCities"), list(n.responsible_cities))}
                {fact(t("plans.activity.partners"), list(n.partners))}
                {fact(t("plans.activity.serves"), list(n.serves))}
                {fact(t("plans.activity.contributesTo"), list(n.contributes_to))}
                {fact(
                  t("plans.activity.expectedResults"),
                  n.expected_results ? localized(n.expected_results, lang) : t("common.none"),
                )}
                {fact(
                  t("plans.activity.budget"),
                  n.budget ? (
                    <span data-testid="budget">{formatMoney(n.budget.amount_minor, n.budget.currency, lang)}</span>
                  ) : (
                    t("common.none")
                  ),
                )}
                {fact(t("plans.activity.fundingSource"), n.funding_source || t("common.none"))}
              </>
            )}
          </dl>
        </section>
        <div>
          {activity && (
            <StatusControl
              key={n.id}
              planId={p.id}
              node={n}
              etag={etag}
              mayChange={mayEdit && statusEditable(p.status)}
              onReload={reload}
            />
          )}
          {treeNode.children.length > 0 && (
            <section className="card" aria-labelledby="node-children">
              <h2 id="node-children">{t("plans.node.children")}</h2>
              <ul className="plain-list">
                {treeNode.children.map((c) => (
                  <li key={c.id}>
                    <span className="tree-code">{c.code}</span> <KindBadge kind={c.kind} />{" "}
                    <Link to={`/plans/${p.id}/nodes/${c.id}`}>{localized(c.title, lang)}</Link>{" "}
                    {isActivity(c.kind) && <ActivityStatusBadge status={c.status} />}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
      {sections?.(p, n)}
    </>
  );
}
