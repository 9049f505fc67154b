import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { FormActions, SelectField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { Loading } from "../../../components/Loading";
import { Notice } from "../../../components/Notice";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { StaleAlert } from "../../../components/StaleAlert";
import { ApiError } from "../../../lib/api/problem";
import { useScopes } from "../../../lib/auth/scopes";
import { usePermission, useUser } from "../../../lib/auth/useAuth";
import { counted, formatDateTime } from "../../../lib/i18n/format";
import { DELEGATION_STATUSES, useDelegations, useInviteCity, useSetQuota, useWithdrawCity, type Delegation } from "../api/delegations";
import type { Event } from "../api/events";
import { countByStatus, focalCities } from "../model/delegations";
import { DelegationForm } from "./DelegationForm";

export function DelegationBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-delegation-${status}`}>{t(`events.delegations.status.${status}`, { defaultValue: status })}</span>;
}

/** The organiser invites a city not yet invited, with its quota. */
function InviteForm({ eventId, invited, onDone }: { eventId: string; invited: readonly string[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const scopes = useScopes(i18n.language);
  const invite = useInviteCity(eventId);
  const [cityId, setCityId] = useState("");
  const [quota, setQuota] = useState("2");
  const problems = useFormProblems(invite.error, ["city_id", "quota"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ city_id: cityId, quota: Number(quota) }, { onSuccess: onDone });
  };
  const options = scopes.cities.filter((c) => !invited.includes(c.id)).map((c) => ({ value: c.id, label: `${c.name} (${c.country})` }));
  return (
    <form className="invite-form" onSubmit={submit} noValidate aria-labelledby="invite-title">
      <h3 id="invite-title">{t("events.delegations.invite")}</h3>
      <FormProblems error={invite.error} problems={problems} />
      <div className="form-grid">
        <SelectField
          label={t("events.delegations.city")}
          required
          value={cityId}
          onChange={(e) => setCityId(e.target.value)}
          options={[{ value: "", label: t("events.delegations.pickCity") }, ...options]}
          errors={problems.errorsOf("city_id")}
        />
        <TextField
          label={t("events.delegations.quota")}
          hint={t("events.delegations.quotaHint")}
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          required
          value={quota}
          onChange={(e) => setQuota(e.target.value)}
          errors={problems.errorsOf("quota")}
        />
      </div>
      <FormActions submit={t("events.delegations.inviteSubmit")} pending={invite.isPending} onCancel={onDone} />
    </form>
  );
}

/** The organiser's controls on a delegation: its quota, and withdrawing the invitation. */
function OrganiserActions({ eventId, d }: { eventId: string; d: Delegation }) {
  const { t } = useTranslation();
  const setQuota = useSetQuota(eventId);
  const withdraw = useWithdrawCity(eventId);
  const [mode, setMode] = useState<"quota" | "withdraw" | null>(null);
  const [quota, setQuotaValue] = useState(String(d.quota));
  const problems = useFormProblems(setQuota.error, ["quota"]);
  const stale = [setQuota.error, withdraw.error].find((e) => e instanceof ApiError && e.status === 412) as ApiError | undefined;
  const close = () => {
    setMode(null);
    setQuota.reset();
    withdraw.reset();
  };
  if (mode === "quota") {
    return (
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setQuota.mutate({ cityId: d.city.id, quota: Number(quota), version: d.version }, { onSuccess: close });
        }}
      >
        {stale ? <StaleAlert error={stale} /> : setQuota.error != null && !problems.fieldProblem && <ProblemAlert error={setQuota.error} />}
        <TextField
          label={t("events.delegations.quotaOf", { city: d.city.name })}
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={quota}
          onChange={(e) => setQuotaValue(e.target.value)}
          errors={problems.errorsOf("quota")}
        />
        <FormActions submit={t("common.save")} pending={setQuota.isPending} disabled={!!stale} onCancel={close} />
      </form>
    );
  }
  if (mode === "withdraw") {
    return (
      <ConfirmInline
        question={t("events.delegations.withdrawQuestion", { city: d.city.name })}
        confirmLabel={t("events.delegations.withdraw")}
        busy={withdraw.isPending || !!stale}
        takeFocus
        onConfirm={() => withdraw.mutate({ cityId: d.city.id, version: d.version }, { onSuccess: close })}
        onCancel={close}
      >
        {stale ? <StaleAlert error={stale} /> : withdraw.error != null && <ProblemAlert error={withdraw.error} />}
      </ConfirmInline>
    );
  }
  return (
    <div className="page-actions">
      <button type="button" className="button-secondary" onClick={() => setMode("quota")}>
        {t("events.delegations.changeQuota")}
      </button>
      <button type="button" className="button-secondary" onClick={() => setMode("withdraw")}>
        {t("events.delegations.withdraw")}
      </button>
    </div>
  );
}

/**
 * The cities invited to an event: status, quota and delegates of each. The organiser invites,
 * changes a quota and withdraws; a city's focal point registers and confirms their own city's
 * delegation, and has nothing to do with the others.
 */
export function DelegationsSection({ event, mayOrganise }: { event: Event; mayOrganise: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useUser();
  const delegations = useDelegations(event.id);
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState(false);
  const can = usePermission();
  const organizers = event.organizers.map((o) => o.id);
  // The cities the person answers for (their focal point roles), where the server lets them write.
  const mine = focalCities(user.roles).filter((city) => can("delegation:write", { kind: "delegation", city, organizers }));
  const items = delegations.data ?? [];
  const own = items.filter((d) => mine.includes(d.city.id));
  const open = event.status !== "cancelled";
  const g = (gender: string | null | undefined) => (gender ? t(`events.delegations.gender.${gender}`, { defaultValue: gender }) : "");

  return (
    <section className="card" aria-labelledby="delegations-title" data-testid="delegations">
      <div className="section-head">
        <h2 id="delegations-title">{t("events.delegations.title")}</h2>
        {mayOrganise && open && !inviting && (
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              setInvited(false);
              setInviting(true);
            }}
          >
            {t("events.delegations.invite")}
          </button>
        )}
      </div>
      {invited && <Notice>{t("events.delegations.invited")}</Notice>}
      {inviting && (
        <InviteForm
          eventId={event.id}
          invited={items.map((d) => d.city.id)}
          onDone={() => {
            setInviting(false);
            setInvited(true);
          }}
        />
      )}
      {delegations.isError && <ProblemAlert error={delegations.error} />}
      {delegations.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t("events.delegations.none")}</p>
      ) : (
        <>
          <p className="muted small" data-testid="delegations-summary">
            {t("events.delegations.cities", counted(items.length, lang))}
            {countByStatus(items, DELEGATION_STATUSES).map((c) => (
              <span key={c.status}>
                {" · "}
                {t(`events.delegations.status.${c.status}`)}: {c.count}
              </span>
            ))}
          </p>
          <div className="table-wrap">
            <table className="data-table stack-narrow" data-testid="delegations-table">
              <caption className="visually-hidden">{t("events.delegations.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("events.delegations.city")}</th>
                  <th scope="col">{t("events.statusLabel")}</th>
                  <th scope="col" className="num">
                    {t("events.delegations.quota")}
                  </th>
                  <th scope="col">{t("events.delegations.delegates")}</th>
                  {mayOrganise && (
                    <th scope="col">
                      <span className="visually-hidden">{t("events.delegations.actions")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id} data-city={d.city.id}>
                    <td data-label={t("events.delegations.city")}>
                      <div className="cell-value">
                        <Link to={`/cities/${d.city.id}`}>{d.city.name}</Link> <span className="muted small">({d.city.country_code})</span>
                      </div>
                    </td>
                    <td data-label={t("events.statusLabel")}>
                      <div className="cell-value">
                        <DelegationBadge status={d.status} />
                        {d.status === "confirmed" && d.confirmed_at && <div className="muted small">{t("events.delegations.confirmedAt", { date: formatDateTime(d.confirmed_at, lang) })}</div>}
                      </div>
                    </td>
                    <td data-label={t("events.delegations.quota")} className="num">
                      <div className="cell-value">{d.quota}</div>
                    </td>
                    <td data-label={t("events.delegations.delegates")}>
                      <div className="cell-value">
                        {d.delegates.length === 0 ? (
                          <span className="muted">{t("events.delegations.noDelegates")}</span>
                        ) : (
                          <ul className="plain-list compact">
                            {d.delegates.map((p) => (
                              <li key={p.id}>
                                {p.name}
                                {(p.position || p.gender) && <span className="muted small"> · {[p.position, g(p.gender)].filter(Boolean).join(" · ")}</span>}
                              </li>
                            ))}
                          </ul>
                        )}
                      </div>
                    </td>
                    {mayOrganise && (
                      <td>
                        <div className="cell-value">{open && <OrganiserActions eventId={event.id} d={d} />}</div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {open && own.map((d) => <DelegationForm key={d.id} eventId={event.id} delegation={d} />)}
    </section>
  );
}
