import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { usePermission } from "../../../lib/auth/useAuth";
import { useCountryOptions } from "../api/cities";
import { CityForm } from "./CityForm";

/** Adds a member city (for the roles that may create cities), then opens its page. */
export default function NewCityPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const countries = useCountryOptions();
  const mayCreate = can("city:create");

  return (
    <>
      <p className="breadcrumb">
        <Link to="/cities">← {t("cities.back")}</Link>
      </p>
      <PageTitle>{t("cities.newTitle")}</PageTitle>
      {mayCreate ? (
        <CityForm
          countries={countries.data ?? []}
          onSaved={(city) => void navigate(`/cities/${city.id}`, { state: { created: true } })}
          onCancel={() => void navigate("/cities")}
        />
      ) : (
        <p className="alert alert-info" role="status">
          {t("cities.mayNotCreate")}
        </p>
      )}
    </>
  );
}
