import { useState, type FormEvent } from "react";
import { StaleAlert } from "../../../components/StaleAlert";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError } from "../../../lib/api/problem";
import { useSetStatus, type PlanNode } from "../api/plans";
import { activityStatus, nextActivityStatuses, type ActivityStatus } from "../model/rules";
import { ActivityStatusBadge } from "../../../components/PlanBadges";
import { Notice } from "../../../components/Notice";
import { ConfirmInline } from "../../../components/ConfirmInline";

/** Moves an activity's status, offering only the legal next statuses. */
export function StatusControl({
  planId,
  node,
  etag,
  mayChange,
  onReload,
}: {
  planId: string;
  node: PlanNode;
  etag: string;
  mayChange: boolean;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const current = activityStatus(node.status);
  const options = nextActivityStatuses(current);
  const [choice, setTo] = useState<ActivityStatus | "">(options[0] ?? "");
  // After a change the legal options change too.
  const to = choice && options.includes(choice) ? choice : (options[0] ?? "");
  const [changed, setChanged] = useState<ActivityStatus | null>(null);
  // The change asked for, waiting for its confirmation.
  const [confirming, setConfirming] = useState(false);
  const setStatus = useSetStatus(planId, node.id);
  const apiError = setStatus.error instanceof ApiError ? setStatus.error : null;
  const stale = apiError?.status === 412;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!to) return;
    setChanged(null);
    setStatus.reset();
    setConfirming(true);
  };
  const change = () => {
    if (!to) return;
    setStatus.mutate({ status: to, etag, version: node.version }, { onSuccess: () => setChanged(to), onSettled: () => setConfirming(false) });
  };
  const statusName = (s: ActivityStatus) => t(`plans.activityStatus.${s}`);

  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">{t("plans.activity.statusTitle")}</h2>
      <p>
        {t("plans.activity.currentStatus")} <ActivityStatusBadge status={current} />
      </p>
      {changed && <Notice>{t("plans.activity.statusChanged", { status: t(`plans.activityStatus.${changed}`) })}</Notice>}
      {stale && apiError && <StaleAlert error={apiError} onReload={() => void onReload().then(() => setStatus.reset())} />}
      {setStatus.error && !stale && <ProblemAlert error={setStatus.error} />}
      {!mayChange ? null : options.length === 0 ? (
        <p className="muted">{t("plans.activity.finalStatus")}</p>
      ) : (
        <form className="status-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`status-${node.id}`}>{t("plans.activity.newStatus")}</label>
            <select id={`status-${node.id}`} value={to} disabled={confirming} onChange={(e) => setTo(e.target.value as ActivityStatus)}>
              {options.map((s) => (
                <option key={s} value={s}>
                  {t(`plans.activityStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {!confirming && (
            <button type="submit" className="button-primary" disabled={setStatus.isPending || stale}>
              {t("plans.activity.changeStatus")}
            </button>
          )}
        </form>
      )}
      {mayChange && confirming && to && (
        <ConfirmInline
          question={t(nextActivityStatuses(to).length === 0 ? "plans.activity.statusConfirmFinal" : "plans.activity.statusConfirm", {
            code: node.code,
            from: statusName(current),
            to: statusName(to),
          })}
          confirmLabel={t("plans.activity.statusYes")}
          tone="primary"
          busy={setStatus.isPending || stale}
          onConfirm={change}
          onCancel={() => setConfirming(false)}
          takeFocus
        />
      )}
    </section>
  );
}
