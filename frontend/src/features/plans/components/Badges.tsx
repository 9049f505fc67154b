import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api/problem";
import { activityStatus } from "../model/rules";

export function PlanStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-plan-${status}`}>{t(`plans.status.${status}`, { defaultValue: status })}</span>;
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-kind badge-kind-${kind}`}>{t(`plans.kind.${kind}`, { defaultValue: kind })}</span>;
}

export function ActivityStatusBadge({ status }: { status: string | null | undefined }) {
  const { t } = useTranslation();
  const s = activityStatus(status);
  return (
    <span className={`badge badge-activity-${s}`} data-status={s}>
      {t(`plans.activityStatus.${s}`)}
    </span>
  );
}

/** A 412 answer: someone else changed the record; offers to read it again. */
export function StaleAlert({ error, onReload }: { error: ApiError; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning" role="alert" data-testid="stale-alert">
      <p>
        {error.problem?.current_version != null
          ? t("errors.stale", { version: error.problem.current_version })
          : t("errors.staleNoVersion")}
      </p>
      <button type="button" className="button-primary" onClick={onReload}>
        {t("common.reload")}
      </button>
    </div>
  );
}
