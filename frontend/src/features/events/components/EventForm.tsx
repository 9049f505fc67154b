import { useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, SelectField, TextAreaField, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { usePermission } from "../../../lib/auth/useAuth";
import { useScopes } from "../../../lib/auth/scopes";
import { localized } from "../../../lib/i18n/format";
import { EVENT_KINDS, PARTICIPANT_KINDS, useCreateEvent, usePlanActivities, usePlanChoices, useUpdateEvent, type Event } from "../api/events";
import { EVENT_FORM_FIELDS, emptyEvent, toEventIn, toFormValues, type EventFormValues, type Texts } from "../model/eventForm";
import { knownTimeZones } from "../model/time";

const LANGS = ["es", "pt", "en"] as const;


interface Props {
  event?: Event;
  etag?: string;
  onSaved: (saved: Event) => void;
  onCancel: () => void;
  onReload?: () => Promise<unknown>;
}

/** Adds an event (POST) or edits one (PUT with If-Match); the server's messages stand beside their fields. */
export function EventForm({ event, etag = "", onSaved, onCancel, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const can = usePermission();
  const [values, setValues] = useState<EventFormValues>(() => (event ? toFormValues(event) : emptyEvent()));
  const create = useCreateEvent();
  const edit = useUpdateEvent(event?.id ?? "");
  const save = event ? edit : create;
  const problems = useFormProblems(save.error, EVENT_FORM_FIELDS);
  const { errorsOf, stale } = problems;
  /** The messages of every field under `prefix` (`body_ids`, `body_ids[1]`). */
  const errorsUnder = (prefix: string) => {
    const list = Object.entries(problems.byField)
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}[`))
      .flatMap(([, m]) => m);
    return list.length ? list : undefined;
  };
  const scopes = useScopes(lang);
  const zones = useMemo(() => knownTimeZones(), []);
  const zoneList = useId();
  const [planId, setPlanId] = useState("");
  const [activityId, setActivityId] = useState("");
  const plans = usePlanChoices();
  const activities = usePlanActivities(planId);

  // A coordinator picks among the bodies whose events they write; the secretariat among all.
  const bodies = scopes.bodies.filter((b) => can("event:write") || can("event:write", { kind: "event", organizers: [b.id] }) || values.body_ids.includes(b.id));
  const set = <K extends keyof EventFormValues>(k: K, v: EventFormValues[K]) => setValues((old) => ({ ...old, [k]: v }));
  const setText = (k: "title" | "description", l: keyof Texts, v: string) => setValues((old) => ({ ...old, [k]: { ...old[k], [l]: v } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toEventIn(values);
    if (event) edit.mutate({ body, etag, version: event.version }, { onSuccess: (saved) => onSaved(saved.data) });
    else create.mutate(body, { onSuccess: (saved) => onSaved(saved) });
  };
  const reload = async () => {
    await onReload?.();
    save.reset();
  };

  const addActivity = () => {
    const a = activities.data?.find((x) => x.id === activityId);
    if (!a || values.activities.some((x) => x.id === a.id)) return;
    set("activities", [...values.activities, { id: a.id, plan_id: planId, code: a.code }]);
    setActivityId("");
  };

  return (
    <form className="card event-form" onSubmit={submit} noValidate aria-labelledby="event-form-title">
      <h2 id="event-form-title">{event ? t("events.form.editTitle") : t("events.form.newTitle")}</h2>
      <FormProblems error={save.error} problems={problems} onReload={onReload ? () => void reload() : undefined} />

      <fieldset>
        <legend>{t("events.form.what")}</legend>
        <div className="form-grid">
          <SelectField
            label={t("events.kindLabel")}
            required
            value={values.kind}
            onChange={(e) => set("kind", e.target.value)}
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
            errors={errorsOf("kind")}
          />
        </div>
        <div className="form-grid">
          {LANGS.map((l) => (
            <TextField
              key={l}
              label={t(`events.form.titleIn.${l}`)}
              required={l === "es"}
              value={values.title[l]}
              onChange={(e) => setText("title", l, e.target.value)}
              errors={l === "es" ? errorsOf("title", "title.es") : errorsOf(`title.${l}`)}
            />
          ))}
        </div>
        <div className="form-grid">
          {LANGS.map((l) => (
            <TextAreaField
              key={l}
              label={t(`events.form.descriptionIn.${l}`)}
              rows={3}
              value={values.description[l]}
              onChange={(e) => setText("description", l, e.target.value)}
              errors={errorsOf(`description.${l}`, ...(l === "es" ? ["description"] : []))}
            />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t("events.form.when")}</legend>
        <div className="form-grid">
          <TextField
            label={t("events.timeZone")}
            hint={t("events.form.timeZoneHint")}
            required
            list={zones.length ? zoneList : undefined}
            autoComplete="off"
            value={values.time_zone}
            onChange={(e) => set("time_zone", e.target.value)}
            errors={errorsOf("time_zone")}
          />
          <TextField
            label={t("events.form.startsAt")}
            type="datetime-local"
            required
            value={values.starts_at}
            onChange={(e) => set("starts_at", e.target.value)}
            errors={errorsOf("starts_at")}
          />
          <TextField
            label={t("events.form.endsAt")}
            type="datetime-local"
            required
            value={values.ends_at}
            onChange={(e) => set("ends_at", e.target.value)}
            errors={errorsOf("ends_at")}
          />
        </div>
        {zones.length > 0 && (
          <datalist id={zoneList}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        )}
      </fieldset>

      <fieldset>
        <legend>{t("events.form.where")}</legend>
        <div className="form-grid">
          <SelectField
            label={t("events.form.host")}
            value={values.host_city_id}
            onChange={(e) => set("host_city_id", e.target.value)}
            options={[{ value: "", label: t("events.online") }, ...scopes.cities.map((c) => ({ value: c.id, label: `${c.name} (${c.country})` }))]}
            errors={errorsOf("host_city_id")}
          />
        </div>
      </fieldset>

      <fieldset aria-describedby={errorsUnder("body_ids") ? "event-bodies-error" : undefined}>
        <legend>
          {t("events.organizers")}
          <span className="required" title={t("common.required")}>
            {" "}
            *
          </span>
        </legend>
        <ul className="checkbox-list">
          {bodies.map((b) => (
            <li key={b.id}>
              <label>
                <input
                  type="checkbox"
                  checked={values.body_ids.includes(b.id)}
                  onChange={(e) => set("body_ids", e.target.checked ? [...values.body_ids, b.id] : values.body_ids.filter((x) => x !== b.id))}
                />{" "}
                {b.name}
              </label>
            </li>
          ))}
        </ul>
        {errorsUnder("body_ids") && (
          <p id="event-bodies-error" className="field-error">
            {errorsUnder("body_ids")!.join(" ")}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t("events.activities")}</legend>
        {values.activities.length > 0 && (
          <ul className="plain-list" data-testid="event-form-activities">
            {values.activities.map((a) => (
              <li key={a.id} className="row-with-action">
                <span>{t("events.activity", { code: a.code })}</span>
                <button type="button" className="button-plain" onClick={() => set("activities", values.activities.filter((x) => x.id !== a.id))}>
                  {t("events.form.remove")}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="form-grid">
          <SelectField
            label={t("events.form.plan")}
            value={planId}
            onChange={(e) => {
              setPlanId(e.target.value);
              setActivityId("");
            }}
            options={[{ value: "", label: t("events.form.pickPlan") }, ...(plans.data ?? []).map((p) => ({ value: p.id, label: localized(p.title, lang) }))]}
          />
          <SelectField
            label={t("events.form.activity")}
            value={activityId}
            disabled={!planId}
            onChange={(e) => setActivityId(e.target.value)}
            options={[
              { value: "", label: t("events.form.pickActivity") },
              ...(activities.data ?? []).map((a) => ({ value: a.id, label: `${a.code} · ${localized(a.title, lang)}` })),
            ]}
          />
        </div>
        <button type="button" className="button-secondary" disabled={!activityId} onClick={addActivity}>
          {t("events.form.addActivity")}
        </button>
        {errorsUnder("activity_ids") && <p className="field-error">{errorsUnder("activity_ids")!.join(" ")}</p>}
      </fieldset>

      <fieldset>
        <legend>{t("events.sessions")}</legend>
        {values.sessions.map((s, i) => {
          const setSession = (change: Partial<typeof s>) => set("sessions", values.sessions.map((x, j) => (j === i ? { ...x, ...change } : x)));
          const at = `sessions[${i}]`;
          return (
            <div key={s.id ?? `new-${i}`} className="session-row" data-testid="session-row">
              <h3 className="small">{t("events.form.session", { n: i + 1 })}</h3>
              <div className="form-grid">
                {LANGS.map((l) => (
                  <TextField
                    key={l}
                    label={t(`events.form.titleIn.${l}`)}
                    required={l === "es"}
                    value={s.title[l]}
                    onChange={(e) => setSession({ title: { ...s.title, [l]: e.target.value } })}
                    errors={errorsOf(`${at}.title.${l}`, ...(l === "es" ? [`${at}.title`, at] : []))}
                  />
                ))}
                <TextField
                  label={t("events.form.startsAt")}
                  type="datetime-local"
                  required
                  value={s.starts_at}
                  onChange={(e) => setSession({ starts_at: e.target.value })}
                  errors={errorsOf(`${at}.starts_at`)}
                />
                <TextField
                  label={t("events.form.endsAt")}
                  type="datetime-local"
                  required
                  value={s.ends_at}
                  onChange={(e) => setSession({ ends_at: e.target.value })}
                  errors={errorsOf(`${at}.ends_at`)}
                />
              </div>
              <button type="button" className="button-plain" onClick={() => set("sessions", values.sessions.filter((_, j) => j !== i))}>
                {t("events.form.removeSession")}
              </button>
            </div>
          );
        })}
        {errorsOf("sessions") && <p className="field-error">{(errorsOf("sessions") ?? []).join(" ")}</p>}
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            set("sessions", [...values.sessions, { title: { es: "", pt: "", en: "" }, starts_at: values.starts_at, ends_at: values.starts_at }])
          }
        >
          {t("events.form.addSession")}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t("events.participants.title")}</legend>
        <p className="hint">{t("events.participants.hint")}</p>
        {values.participants.map((p, i) => {
          const setP = (change: Partial<typeof p>) => set("participants", values.participants.map((x, j) => (j === i ? { ...x, ...change } : x)));
          const at = `participants[${i}]`;
          return (
            <div key={i} className="form-grid participant-row">
              <SelectField
                label={t("events.participants.kindLabel")}
                value={p.kind}
                onChange={(e) => setP({ kind: e.target.value })}
                options={PARTICIPANT_KINDS.map((k) => ({ value: k, label: t(`events.participants.kind.${k}`) }))}
                errors={errorsOf(`${at}.kind`)}
              />
              <TextField label={t("events.participants.name")} required value={p.name} onChange={(e) => setP({ name: e.target.value })} errors={errorsOf(`${at}.name`, at)} />
              <TextField
                label={t("events.participants.count")}
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                value={p.people}
                onChange={(e) => setP({ people: e.target.value })}
                errors={errorsOf(`${at}.people`)}
              />
              <div className="field">
                <button type="button" className="button-plain" onClick={() => set("participants", values.participants.filter((_, j) => j !== i))}>
                  {t("events.form.remove")}
                </button>
              </div>
            </div>
          );
        })}
        <button
          type="button"
          className="button-secondary"
          onClick={() => set("participants", [...values.participants, { kind: "organizations", name: "", people: "" }])}
        >
          {t("events.participants.add")}
        </button>
      </fieldset>

      <FormActions submit={event ? t("common.save") : t("events.form.create")} pending={save.isPending} disabled={stale} onCancel={onCancel} />
    </form>
  );
}
