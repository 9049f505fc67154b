import NodePage from "../../features/plans/components/NodePage";
import { IndicatorsSection } from "../../features/monitoring/components/IndicatorsSection";
import { ReportsSection } from "../../features/monitoring/components/ReportsSection";

/** A node of a plan with its monitoring: indicators on objectives and activities, progress reports on activities. */
export default function NodeScreen() {
  return (
    <NodePage
      sections={(plan, node) => (
        <>
          {(node.kind === "objective" || node.kind === "activity") && <IndicatorsSection key={`i-${node.id}`} plan={plan} node={node} />}
          {(node.kind === "activity" || node.kind === "sub_activity") && <ReportsSection key={node.id} plan={plan} node={node} />}
        </>
      )}
    />
  );
}
