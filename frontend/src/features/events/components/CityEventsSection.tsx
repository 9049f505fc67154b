import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { formatDateTime, formatNumber, localized } from "../../../lib/i18n/format";
import { useCityEvents } from "../api/delegations";
import { KindBadge, StatusBadge } from "./EventBits";

/** The events a member city's delegates attended (on a city's page), each opening its event. */
export function CityEventsSection({ cityId }: { cityId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const events = useCityEvents(cityId);
  return (
    <section className="card" aria-labelledby="city-events" data-testid="city-events">
      <h2 id="city-events">{t("events.cityEvents.title")}</h2>
      {events.isPending && <Loading />}
      {events.isError && <ProblemAlert error={events.error} />}
      {events.data &&
        (events.data.length === 0 ? (
          <p className="muted">{t("events.cityEvents.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-narrow">
              <thead>
                <tr>
                  <th scope="col">{t("events.title")}</th>
                  <th scope="col">{t("events.kindLabel")}</th>
                  <th scope="col">{t("events.when")}</th>
                  <th scope="col">{t("events.statusLabel")}</th>
                  <th scope="col" className="num">
                    {t("events.cityEvents.delegates")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.data.map((e) => (
                  <tr key={e.event_id}>
                    <td data-label={t("events.title")}>
                      <div className="cell-value">
                        <Link to={`/events/${e.event_id}`}>{localized(e.title, lang)}</Link>
                      </div>
                    </td>
                    <td data-label={t("events.kindLabel")}>
                      <div className="cell-value">
                        <KindBadge kind={e.kind} />
                      </div>
                    </td>
                    <td data-label={t("events.when")}>
                      {/* On the event's own clocks. */}
                      <div className="cell-value">{formatDateTime(e.starts_at, lang, e.time_zone)}</div>
                    </td>
                    <td data-label={t("events.statusLabel")}>
                      <div className="cell-value">
                        <StatusBadge status={e.status} />
                      </div>
                    </td>
                    <td data-label={t("events.cityEvents.delegates")} className="num">
                      <div className="cell-value">{formatNumber(e.delegates, lang)}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
