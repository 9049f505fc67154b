import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { SelectField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { Notice } from "../../../components/Notice";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { StaleAlert } from "../../../components/StaleAlert";
import { ApiError } from "../../../lib/api/problem";
import { counted } from "../../../lib/i18n/format";
import { delegationKeys, useConfirmDelegation, useSetDelegates, type Delegation } from "../api/delegations";
import { CONFIRMABLE, EDITABLE, GENDERS, mayAddDelegate, toDelegatesIn, toRows, type DelegateRow } from "../model/delegations";

const FIELDS = ["delegates*"] as const;

/**
 * A city's delegation, for its focal point: its delegates (name, position, gender; at most the
 * quota), saved with If-Match, then confirmed once registered.
 */
export function DelegationForm({ eventId, delegation: d }: { eventId: string; delegation: Delegation }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<DelegateRow[]>(() => toRows(d.delegates));
  // A new version (saved, confirmed, read again after a 412) starts the rows afresh.
  const [version, setVersion] = useState(d.version);
  if (version !== d.version) {
    setVersion(d.version);
    setRows(toRows(d.delegates));
  }
  const save = useSetDelegates(eventId, d.city.id);
  const confirm = useConfirmDelegation(eventId, d.city.id);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<"saved" | "confirmed" | null>(null);
  const problems = useFormProblems(save.error, FIELDS);
  const editable = EDITABLE.includes(d.status);
  const confirmStale = confirm.error instanceof ApiError && confirm.error.status === 412;
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: delegationKeys.list(eventId) });
    save.reset();
    confirm.reset();
  };
  const setRow = (i: number, change: Partial<DelegateRow>) => setRows((old) => old.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    save.mutate({ body: toDelegatesIn(rows), version: d.version }, { onSuccess: () => setDone("saved") });
  };
  const errors = (i: number, field: string) => problems.errorsOf(`delegates[${i}].${field}`, ...(field === "name" ? [`delegates[${i}]`] : []));
  const dirty = JSON.stringify(rows) !== JSON.stringify(toRows(d.delegates));

  return (
    <form className="delegation-form" onSubmit={submit} noValidate aria-labelledby={`delegation-${d.city.id}`} data-testid="delegation-form">
      <h3 id={`delegation-${d.city.id}`}>{t("events.delegations.formTitle", { city: d.city.name })}</h3>
      <p className="hint">{t("events.delegations.formHint", counted(d.quota, i18n.language))}</p>
      {done && <Notice>{done === "saved" ? t("events.delegations.saved") : t("events.delegations.confirmedNotice")}</Notice>}
      <FormProblems error={save.error} problems={problems} onReload={() => void reload()} />
      {problems.errorsOf("delegates") && <p className="field-error">{problems.errorsOf("delegates")!.join(" ")}</p>}
      {rows.length === 0 && <p className="muted">{t("events.delegations.noDelegates")}</p>}
      {rows.map((r, i) => (
        <div key={r.id ?? `new-${i}`} className="delegate-row" data-testid="delegate-row">
          <div className="form-grid">
            <TextField label={t("events.delegations.name")} required disabled={!editable} value={r.name} onChange={(e) => setRow(i, { name: e.target.value })} errors={errors(i, "name")} />
            <TextField label={t("events.delegations.position")} disabled={!editable} value={r.position} onChange={(e) => setRow(i, { position: e.target.value })} errors={errors(i, "position")} />
            <SelectField
              label={t("events.delegations.genderLabel")}
              disabled={!editable}
              value={r.gender}
              onChange={(e) => setRow(i, { gender: e.target.value })}
              options={[{ value: "", label: t("events.delegations.gender.unsaid") }, ...GENDERS.map((g) => ({ value: g, label: t(`events.delegations.gender.${g}`) }))]}
              errors={errors(i, "gender")}
            />
          </div>
          {editable && (
            <button type="button" className="button-plain" onClick={() => setRows((old) => old.filter((_, j) => j !== i))}>
              {t("events.delegations.removeDelegate", { name: r.name || t("events.delegations.thisDelegate") })}
            </button>
          )}
        </div>
      ))}
      {editable && (
        <div className="form-actions">
          <button
            type="button"
            className="button-secondary"
            disabled={!mayAddDelegate(rows, d.quota)}
            onClick={() => setRows((old) => [...old, { name: "", position: "", gender: "" }])}
          >
            {t("events.delegations.addDelegate")}
          </button>
          <button type="submit" className="button-primary" disabled={save.isPending || problems.stale}>
            {save.isPending ? t("common.saving") : t("events.delegations.saveDelegates")}
          </button>
        </div>
      )}
      {CONFIRMABLE.includes(d.status) && !dirty && (
        <div className="delegation-confirm">
          {confirm.error != null &&
            (confirmStale ? <StaleAlert error={confirm.error as ApiError} onReload={() => void reload()} /> : <ProblemAlert error={confirm.error} />)}
          {confirming ? (
            <ConfirmInline
              question={t("events.delegations.confirmQuestion", { city: d.city.name })}
              confirmLabel={t("events.delegations.confirm")}
              tone="primary"
              busy={confirm.isPending || confirmStale}
              takeFocus
              onConfirm={() =>
                confirm.mutate(
                  { version: d.version },
                  {
                    onSuccess: () => {
                      setConfirming(false);
                      setDone("confirmed");
                    },
                  },
                )
              }
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <button type="button" className="button-primary" onClick={() => setConfirming(true)}>
              {t("events.delegations.confirm")}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
