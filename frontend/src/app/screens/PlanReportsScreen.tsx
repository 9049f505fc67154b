import { PlanFrame } from "../../features/plans/components/PlanTabs";
import { PlanReportsPage } from "../../features/monitoring/components/PlanReportsPage";

/** A plan's Reports section: the plan's title and sections, and its monitoring. */
export default function PlanReportsScreen() {
  return <PlanFrame tab="reports">{(plan) => <PlanReportsPage plan={plan} />}</PlanFrame>;
}
