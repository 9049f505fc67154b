import { Link } from "react-router";
import { useTranslation } from "react-i18next";

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h1>{t("app.notFound")}</h1>
      <Link to="/">{t("app.backHome")}</Link>
    </div>
  );
}
