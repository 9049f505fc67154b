import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors, splitFieldErrors } from "../../../lib/api/problem";
import { usePlanStep, type Plan, type PlanStep } from "../api/plans";
import { StaleAlert } from "../../../components/StaleAlert";
import { ValidationAlert } from "../../../components/FormProblems";
import { Notice } from "../../../components/Notice";

const APPROVAL_FIELDS = ["meeting", "approved_on"] as const;

/**
 * What a secretariat admin does with the plan as a whole: approve a draft (with the meeting and
 * its date), put it in execution, close it, open a new revision.
 */
export function PlanLifecycle({ plan, etag, onReload }: { plan: Plan; etag: string; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const step = usePlanStep(plan.id);
  const [meeting, setMeeting] = useState("");
  const [approvedOn, setApprovedOn] = useState("");
  const [done, setDone] = useState<PlanStep | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);

  const apiError = step.error instanceof ApiError ? step.error : null;
  const stale = apiError?.status === 412;
  const { byField, others } = useMemo(
    () =>
      apiError && (apiError.status === 422 || apiError.status === 400)
        ? splitFieldErrors(problemToFieldErrors(apiError.problem), APPROVAL_FIELDS)
        : { byField: {}, others: [] as string[] },
    [apiError],
  );

  const run = (s: PlanStep) => {
    setDone(null);
    setConfirmClose(false);
    step.mutate(
      {
        step: s,
        etag,
        version: plan.version,
        approval: s === "approve" ? { meeting: meeting.trim(), approved_on: approvedOn } : undefined,
      },
      { onSuccess: () => setDone(s) },
    );
  };
  const submitApproval = (e: FormEvent) => {
    e.preventDefault();
    run("approve");
  };

  return (
    <section className="card lifecycle" aria-labelledby="plan-lifecycle">
      <h2 id="plan-lifecycle">{t("plans.lifecycle.title")}</h2>
      {done && <Notice>{t(`plans.lifecycle.done.${done}`)}</Notice>}
      {stale && apiError && (
        <StaleAlert
          error={apiError}
          onReload={() => {
            void onReload().then(() => step.reset());
          }}
        />
      )}
      {apiError && !stale && (apiError.status === 422 || apiError.status === 400) && <ValidationAlert error={apiError} others={others} />}
      {step.error && !stale && !(apiError && (apiError.status === 422 || apiError.status === 400)) && (
        <ProblemAlert error={step.error} />
      )}

      {plan.status === "draft" && (
        <form className="approve-form" onSubmit={submitApproval} noValidate aria-labelledby="approve-title">
          <h3 id="approve-title">{t("plans.lifecycle.approveTitle")}</h3>
          <p className="muted small">{t("plans.lifecycle.approveHint")}</p>
          <div className="form-grid">
            <TextField
              label={t("plans.lifecycle.meeting")}
              required
              value={meeting}
              onChange={(e) => setMeeting(e.target.value)}
              errors={byField.meeting}
              placeholder={t("plans.lifecycle.meetingPlaceholder")}
            />
            <TextField
              label={t("plans.lifecycle.approvedOn")}
              required
              type="date"
              value={approvedOn}
              onChange={(e) => setApprovedOn(e.target.value)}
              errors={byField.approved_on}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={step.isPending || stale}>
              {t("plans.lifecycle.approve")}
            </button>
          </div>
        </form>
      )}
      {plan.status !== "draft" && plan.status !== "closed" && (
        <div className="form-actions">
          {plan.status === "approved" && (
            <button type="button" className="button-primary" disabled={step.isPending || stale} onClick={() => run("start")}>
              {t("plans.lifecycle.start")}
            </button>
          )}
          <button type="button" className="button-secondary" disabled={step.isPending || stale} onClick={() => run("revise")}>
            {t("plans.lifecycle.revise")}
          </button>
          <button type="button" className="button-secondary" disabled={step.isPending || stale} onClick={() => setConfirmClose(true)}>
            {t("plans.lifecycle.close")}
          </button>
        </div>
      )}
      {confirmClose && (
        <div className="alert alert-warning confirm" role="alertdialog" aria-labelledby="close-confirm">
          <p id="close-confirm">{t("plans.lifecycle.closeConfirm")}</p>
          <div className="form-actions">
            <button type="button" className="button-danger" onClick={() => run("close")}>
              {t("plans.lifecycle.closeYes")}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirmClose(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
      {plan.status === "closed" && <p className="muted">{t("plans.lifecycle.closedNote")}</p>}
    </section>
  );
}
