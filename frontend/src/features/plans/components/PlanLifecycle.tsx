import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/Field";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { ApiError, problemToFieldErrors, splitFieldErrors } from "../../../lib/api/problem";
import { usePlanStep, type Plan, type PlanStep } from "../api/plans";
import { StaleAlert } from "../../../components/StaleAlert";
import { ValidationAlert } from "../../../components/FormProblems";
import { Notice } from "../../../components/Notice";
import { ConfirmInline } from "../../../components/ConfirmInline";

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
  // The step waiting for its confirmation: every change of the plan's status is asked first.
  const [confirming, setConfirming] = useState<PlanStep | null>(null);

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
    step.mutate(
      {
        step: s,
        etag,
        version: plan.version,
        approval: s === "approve" ? { meeting: meeting.trim(), approved_on: approvedOn } : undefined,
      },
      { onSuccess: () => setDone(s), onSettled: () => setConfirming(null) },
    );
  };
  const ask = (s: PlanStep) => {
    setDone(null);
    step.reset();
    setConfirming(s);
  };
  const submitApproval = (e: FormEvent) => {
    e.preventDefault();
    ask("approve");
  };
  const question = (s: PlanStep, yes: string) =>
    confirming === s && (
      <ConfirmInline
        question={t(`plans.lifecycle.${s}Confirm`)}
        confirmLabel={t(yes)}
        tone={s === "close" ? "danger" : "primary"}
        busy={step.isPending || stale}
        onConfirm={() => run(s)}
        onCancel={() => setConfirming(null)}
        takeFocus
      />
    );

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
          {confirming === "approve" ? (
            question("approve", "plans.lifecycle.approveYes")
          ) : (
            <div className="form-actions">
              <button type="submit" className="button-primary" disabled={step.isPending || stale}>
                {t("plans.lifecycle.approve")}
              </button>
            </div>
          )}
        </form>
      )}
      {plan.status !== "draft" && plan.status !== "closed" && confirming === null && (
        <div className="form-actions">
          {plan.status === "approved" && (
            <button type="button" className="button-primary" disabled={step.isPending || stale} onClick={() => ask("start")}>
              {t("plans.lifecycle.start")}
            </button>
          )}
          <button type="button" className="button-secondary" disabled={step.isPending || stale} onClick={() => ask("revise")}>
            {t("plans.lifecycle.revise")}
          </button>
          <button type="button" className="button-secondary" disabled={step.isPending || stale} onClick={() => ask("close")}>
            {t("plans.lifecycle.close")}
          </button>
        </div>
      )}
      {question("start", "plans.lifecycle.startYes")}
      {question("revise", "plans.lifecycle.reviseYes")}
      {question("close", "plans.lifecycle.closeYes")}
      {plan.status === "closed" && <p className="muted">{t("plans.lifecycle.closedNote")}</p>}
    </section>
  );
}
