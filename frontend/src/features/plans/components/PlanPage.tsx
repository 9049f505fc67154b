import { useMemo, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { TableDownloads } from "../../../components/TableDownloads";
import { Loading } from "../../../components/Loading";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { planResource } from "../../../lib/auth/permissions";
import { usePermission } from "../../../lib/auth/useAuth";
import { counted, formatDate, localized } from "../../../lib/i18n/format";
import { usePlan } from "../api/plans";
import { structureEditable } from "../model/rules";
import { countByKind } from "../model/tree";
import { ActivitiesImport } from "./ActivitiesImport";
import { PlanStatusBadge } from "../../../components/PlanBadges";
import { NodeForm } from "./NodeForm";
import { PlanExport } from "./PlanExport";
import { PlanLifecycle } from "./PlanLifecycle";
import { PlanTabs } from "./PlanTabs";
import { PlanTree, useFolding } from "./PlanTree";
import { Notice } from "../../../components/Notice";

export default function PlanPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const navigate = useNavigate();
  const plan = usePlan(id);
  const folding = useFolding(id);
  const [addingRoot, setAddingRoot] = useState(false);
  const [importingCsv, setImportingCsv] = useState(false);
  const location = useLocation();
  const imported = !!(location.state as { imported?: boolean } | null)?.imported;
  const counts = useMemo(() => countByKind(plan.data?.data.nodes ?? []), [plan.data]);

  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/plans">← {t("plans.back")}</Link>
        </p>
        <ProblemAlert error={plan.error} />
      </>
    );
  }

  const { data: p, etag } = plan.data;
  const resource = planResource(p);
  const mayEdit = can("plan:edit", resource);
  const mayApprove = can("plan:approve", resource);
  const editable = mayEdit && structureEditable(p.status);
  const title = localized(p.title, lang);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">← {t("plans.back")}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      <div className="plan-tools">
        <TableDownloads
          path={`/api/v1/plans/${p.id}/activities`}
          baseName={`plan-${p.owner.acronym ?? "plan"}-${p.starts_on.slice(0, 4)}-${p.ends_on.slice(0, 4)}-activities`}
          labels={{ csv: t("plans.csv.download"), xlsx: t("plans.csv.downloadXlsx") }}
        />
        {editable && !importingCsv && (
          <button type="button" className="button-secondary" onClick={() => setImportingCsv(true)}>
            {t("plans.csvImport.open")}
          </button>
        )}
        <PlanExport plan={p} />
      </div>
      {imported && <Notice>{t("plans.import.done")}</Notice>}
      {importingCsv && editable && <ActivitiesImport planId={p.id} onClose={() => setImportingCsv(false)} />}
      <PlanTabs planId={p.id} current="tree" />

      <section className="card" aria-labelledby="plan-facts">
        <h2 id="plan-facts" className="visually-hidden">
          {t("plans.facts")}
        </h2>
        <dl className="facts" data-testid="plan-facts">
          <dt>{t("plans.owner")}</dt>
          <dd>
            {localized(p.owner.name, lang)}
            {p.owner.acronym && <span className="muted"> ({p.owner.acronym})</span>}
          </dd>
          <dt>{t("plans.period")}</dt>
          <dd>
            {formatDate(p.starts_on, lang)} – {formatDate(p.ends_on, lang)}
          </dd>
          <dt>{t("plans.statusLabel")}</dt>
          <dd>
            <PlanStatusBadge status={p.status} />
          </dd>
          <dt>{t("plans.revision")}</dt>
          <dd>{p.revision}</dd>
          <dt>{t("plans.approvedBy")}</dt>
          <dd>
            {p.approved_by_meeting ? (
              <>
                {p.approved_by_meeting}
                {p.approved_on && <> · {formatDate(p.approved_on, lang)}</>}
              </>
            ) : (
              t("plans.notApproved")
            )}
          </dd>
          <dt>{t("plans.contents")}</dt>
          <dd>
            {t("plans.counts", {
              activities: t("plans.activityCount", counted(counts.activity ?? 0, lang)),
              subActivities: t("plans.subActivityCount", counted(counts.sub_activity ?? 0, lang)),
            })}
          </dd>
        </dl>
        {p.presentation && (
          <details className="presentation">
            <summary>{t("plans.presentation")}</summary>
            {localized(p.presentation, lang)
              .split(/\n\n+/)
              .map((para, i) => (
                <p key={i}>{para}</p>
              ))}
          </details>
        )}
      </section>

      {!structureEditable(p.status) && (
        <p className="alert alert-info" data-testid="frozen-note">
          {t("plans.frozenNote", { status: t(`plans.status.${p.status}`) })}
        </p>
      )}

      {mayApprove && (
        <PlanLifecycle
          plan={p}
          etag={etag}
          onReload={() => plan.refetch()}
        />
      )}

      {addingRoot && editable && (
        <NodeForm
          mode="create"
          planId={p.id}
          parent={null}
          roots={p.nodes}
          onCancel={() => setAddingRoot(false)}
          onDone={(node) => navigate(`/plans/${p.id}/nodes/${node.id}`)}
        />
      )}

      <section className="card" aria-labelledby="plan-tree-title">
        <div className="section-head">
          <h2 id="plan-tree-title">{t("plans.tree.title")}</h2>
          <div className="form-actions">
            <button type="button" className="button-secondary" onClick={() => folding.expandAll()}>
              {t("plans.tree.expandAll")}
            </button>
            <button type="button" className="button-secondary" onClick={() => folding.collapseAll(p.nodes)}>
              {t("plans.tree.collapseAll")}
            </button>
            {editable && !addingRoot && (
              <button type="button" className="button-primary" onClick={() => setAddingRoot(true)}>
                {t("plans.node.addRoot")}
              </button>
            )}
          </div>
        </div>
        {p.nodes.length === 0 ? (
          <p className="muted">{t("plans.tree.empty")}</p>
        ) : (
          <PlanTree
            planId={p.id}
            nodes={p.nodes}
            collapsed={folding.collapsed}
            onToggle={folding.toggle}
            labelledBy="plan-tree-title"
          />
        )}
      </section>
    </>
  );
}
