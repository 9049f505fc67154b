import { useTranslation } from "react-i18next";
import { activityStatus } from "../lib/plans/activityStatus";

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
