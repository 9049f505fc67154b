import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { usePermission } from "../../../lib/auth/useAuth";
import { BodyForm } from "./BodyForm";

/** Adds a body of the network (for the roles that may create bodies), then opens its page. */
export default function NewBodyPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/bodies">← {t("bodies.back")}</Link>
      </p>
      <PageTitle>{t("bodies.newTitle")}</PageTitle>
      {can("body:create") ? (
        <BodyForm
          onSaved={(body) => void navigate(`/bodies/${body.id}`, { state: { created: true } })}
          onCancel={() => void navigate("/bodies")}
        />
      ) : (
        <p className="alert alert-info" role="status">
          {t("bodies.mayNotCreate")}
        </p>
      )}
    </>
  );
}
