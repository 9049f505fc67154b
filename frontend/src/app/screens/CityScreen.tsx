import CityPage from "../../features/cities/components/CityPage";
import { CityEventsSection } from "../../features/events/components/CityEventsSection";

/** A member city with the events its delegates attended. */
export default function CityScreen() {
  return <CityPage sections={(city) => <CityEventsSection key={city.id} cityId={city.id} />} />;
}
