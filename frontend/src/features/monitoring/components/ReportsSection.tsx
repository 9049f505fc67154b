import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ListView } from "../../../components/list/ListView";
import { useHeld } from "../../../lib/auth/useAuth";
import { can } from "../../../lib/auth/permissions";
import { formatDate } from "../../../lib/i18n/format";
import { useBodyAcronyms, useReportList, type PlanNode, type PlanTree } from "../api/reports";
import { reportColumns } from "./ReportBadges";
import { useReportContext } from "./ReportContext";
import { ReportForm } from "./ReportForm";
import { Notice } from "../../../components/Notice";

/**
 * The bodies responsible for the activity, by id, for a permission held on a body (the plan
 * names them by acronym). Asked only when the user writes reports for a body.
 */
function useResponsibleBodyIds(acronyms: readonly string[] | null | undefined, enabled: boolean): string[] {
  const bodies = useBodyAcronyms(enabled && !!acronyms?.length);
  if (!enabled || !acronyms?.length || !bodies.data) return [];
  const wanted = new Set(acronyms.map((a) => a.toUpperCase()));
  return bodies.data.filter((b) => b.acronym && wanted.has(b.acronym.toUpperCase())).map((b) => b.id);
}

/** An activity's progress reports, and the form to write one for who may. */
export function ReportsSection({ plan, node }: { plan: PlanTree; node: PlanNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const held = useHeld();
  const [writing, setWriting] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const reports = useReportList({ plan_id: plan.id, node_id: node.id, per_page: 100 });
  const context = useReportContext(reports.data?.items ?? [], { titles: false });
  const forBodies = held.some((p) => p.action === "report:write" && p.reach === "body");
  const responsible = useResponsibleBodyIds(node.responsible_bodies, forBodies);
  const mayWrite = can(held, "report:write", { kind: "activity", planOwner: plan.owner.id, responsible });

  return (
    <section className="card reports-section" aria-labelledby="reports-title">
      <div className="section-head">
        <h2 id="reports-title">{t("monitoring.section.title")}</h2>
        {mayWrite && !writing && (
          <button type="button" className="button-primary" onClick={() => { setCreated(null); setWriting(true); }}>
            {t("monitoring.section.write")}
          </button>
        )}
      </div>
      {created && <Notice>{t("monitoring.section.created")} <Link to={`/reports/${created}`}>{t("monitoring.section.openCreated")}</Link></Notice>}
      {writing && (
        <ReportForm
          mode="create"
          planId={plan.id}
          nodeId={node.id}
          activityCode={node.code}
          onCancel={() => setWriting(false)}
          onDone={(r) => {
            setWriting(false);
            setCreated(r.id);
          }}
        />
      )}
      <ListView
        query={reports}
        columns={[
          { id: "reported_on", header: t("monitoring.reportedOn"), cell: (r) => <Link to={`/reports/${r.id}`}>{formatDate(r.reported_on, lang)}</Link> },
          { id: "author", header: t("monitoring.author"), cell: (r) => context.author(r) },
          ...reportColumns(t),
        ]}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ "data-report": r.id })}
        testId="node-reports"
        empty={t("monitoring.section.none")}
        emptyAs="text"
        frame="none"
      />
    </section>
  );
}
