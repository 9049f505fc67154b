import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { useHeld, useUser } from "../../../lib/auth/useAuth";
import { writesAnything, type RoleGrant } from "../../../lib/auth/permissions";
import { formatNumber, localized } from "../../../lib/i18n/format";
import { useBodyName, useCityName, useRegistryCounts } from "../api/home";
import { Inbox } from "./Inbox";

function RoleItem({ grant }: { grant: RoleGrant }) {
  const { t, i18n } = useTranslation();
  const city = useCityName(grant.role === "focal_point" ? grant.city_id : null);
  const body = useBodyName(grant.role === "coordinator" ? grant.body_id : null);
  if (grant.role === "focal_point" && grant.city_id) {
    return (
      <li>
        {t("roles.focal_point")}:{" "}
        <Link to={`/cities/${grant.city_id}`}>{city.data ?? grant.city_id.slice(0, 8)}</Link>
      </li>
    );
  }
  if (grant.role === "coordinator" && grant.body_id) {
    return (
      <li>
        {t("roles.coordinator")}:{" "}
        <Link to={`/bodies/${grant.body_id}`}>{body.data ? localized(body.data, i18n.language) : grant.body_id.slice(0, 8)}</Link>
      </li>
    );
  }
  return <li>{t(`roles.${grant.role}`, { defaultValue: grant.role })}</li>;
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useUser();
  const held = useHeld();
  const counts = useRegistryCounts();
  const readOnly = !writesAnything(held);

  return (
    <>
      <PageTitle>{t("home.title", { name: user.display_name })}</PageTitle>
      <Inbox />
      <div className="grid-2">
        <section className="card" aria-labelledby="home-roles">
          <h2 id="home-roles">{t("home.yourRoles")}</h2>
          <ul className="plain-list">
            {user.roles.map((g, i) => (
              <RoleItem key={`${g.role}-${i}`} grant={g} />
            ))}
          </ul>
          {readOnly && <p className="muted">{t("home.readOnly")}</p>}
        </section>
        <section className="card" aria-labelledby="home-registry">
          <h2 id="home-registry">{t("home.registry")}</h2>
          {counts.isError && <ProblemAlert error={counts.error} />}
          <ul className="stat-list">
            {(["cities", "bodies", "countries"] as const).map((what) => (
              <li key={what}>
                <Link to={`/${what}`} className="stat">
                  <span className="stat-value">{counts.data ? formatNumber(counts.data[what], lang) : "…"}</span>
                  {/* Before the count arrives, the label reads as a list's name. */}
                  <span className="stat-label">{counts.data ? t(`home.stat.${what}`, { count: counts.data[what] }) : t(`nav.${what}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
