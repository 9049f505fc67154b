import { useTranslation } from "react-i18next";

/** The platform's mark and name, in the header or, larger, on the sign-in card. */
export function Brand({ large = false }: { large?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={large ? "brand brand-large" : "brand"}>
      <span className="brand-mark" aria-hidden="true">
        ◆
      </span>
      <span>
        <strong>{t("app.name")}</strong>
        <span className="brand-sub">{t("app.subtitle")}</span>
      </span>
    </div>
  );
}
