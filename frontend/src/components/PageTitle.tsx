import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** The page's h1, also used as the document title. */
export function PageTitle({ children, actions }: { children: string; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} · ${t("app.name")}`;
  }, [children, t]);
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
