import BodyPage from "../../features/bodies/components/BodyPage";
import { BodyPlans } from "../../features/plans/components/BodyPlans";

/** A body of the network with the work plans it owns. */
export default function BodyScreen() {
  return <BodyPage sections={(body) => <BodyPlans key={body.id} bodyId={body.id} />} />;
}
