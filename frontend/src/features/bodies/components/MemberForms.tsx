import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormActions, TextField } from "../../../components/Field";
import { FormProblems, useFormProblems } from "../../../components/FormProblems";
import { ProblemAlert } from "../../../components/ProblemAlert";
import {
  useAddMember,
  useReloadMember,
  useUpdateMember,
  type Member,
  type MemberCity,
  type MemberIn,
  type MemberUpdateIn,
} from "../api/bodies";
import { MemberCityChooser } from "./MemberCityChooser";
import { sentForCheck } from "../../../lib/api/client";

export const ADD_MEMBER_FIELDS = ["city_id", "since"] as const;
export const MEMBER_SINCE_FIELDS = ["since"] as const;

/** The POST body: the chosen city (none yet: null, for the server to name the field) and the day, if known. */
export function toMemberIn(city: MemberCity | null, since: string): MemberIn {
  return sentForCheck<MemberIn>({ city_id: city?.id ?? null, since: since.trim() === "" ? null : since.trim() });
}

/** The PUT body: an empty date is sent as null (the day is not known). */
export function toMemberUpdateIn(since: string): MemberUpdateIn {
  return { since: since.trim() === "" ? null : since.trim() };
}

/** Adds a member city to a body: the city found by name, and optionally the day it joined. */
export function AddMemberForm({
  bodyId,
  bodyName,
  onSaved,
  onCancel,
}: {
  bodyId: string;
  bodyName: string;
  onSaved: (member: Member) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [city, setCity] = useState<MemberCity | null>(null);
  const [since, setSince] = useState("");
  const add = useAddMember(bodyId);
  const problems = useFormProblems(add.error, ADD_MEMBER_FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(toMemberIn(city, since), { onSuccess: (saved) => onSaved(saved.data) });
  };

  return (
    <form className="card member-form" onSubmit={submit} noValidate aria-labelledby="member-form-title">
      <h3 id="member-form-title">{t("members.addTitle", { body: bodyName })}</h3>
      <FormProblems error={add.error} problems={problems} />
      <div className="form-grid">
        <MemberCityChooser
          bodyId={bodyId}
          value={city}
          onChange={(c) => {
            setCity(c);
            if (add.error) add.reset();
          }}
          errors={problems.errorsOf("city_id")}
        />
        <TextField
          label={t("members.since")}
          hint={t("members.sinceHint")}
          type="date"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          errors={problems.errorsOf("since")}
        />
      </div>
      <FormActions submit={t("members.submit")} pending={add.isPending} onCancel={onCancel} />
    </form>
  );
}

/**
 * Corrects the day a city joined a body. The save carries the version the user saw (If-Match);
 * when someone changed or removed the membership meanwhile (412), it says so and offers to
 * start again from what is stored now.
 */
export function MemberSinceForm({
  bodyId,
  member,
  onSaved,
  onCancel,
}: {
  bodyId: string;
  member: Member;
  onSaved: (member: Member) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  // What the change is made against: the version shown in the list, or the one read on a reload.
  const [base, setBase] = useState<{ version: number; etag?: string }>({ version: member.version });
  const [since, setSince] = useState(member.since ?? "");
  const [reloadError, setReloadError] = useState<unknown>(null);
  const update = useUpdateMember(bodyId);
  const reloadMember = useReloadMember(bodyId);
  const problems = useFormProblems(update.error, MEMBER_SINCE_FIELDS);
  const city = member.city.name;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { cityId: member.city.id, body: toMemberUpdateIn(since), etag: base.etag, version: base.version },
      { onSuccess: (saved) => onSaved(saved.data) },
    );
  };
  const reload = async () => {
    setReloadError(null);
    try {
      const fresh = await reloadMember(member.city.id);
      setBase({ version: fresh.data.version, etag: fresh.etag });
      setSince(fresh.data.since ?? "");
      update.reset();
    } catch (e) {
      setReloadError(e);
    }
  };

  return (
    <form className="card member-form" onSubmit={submit} noValidate aria-labelledby="member-since-title" data-city={city}>
      <h3 id="member-since-title">{t("members.editTitle", { city })}</h3>
      {reloadError ? <ProblemAlert error={reloadError} /> : <FormProblems error={update.error} problems={problems} onReload={() => void reload()} />}
      <TextField
        label={t("members.since")}
        hint={t("members.sinceHint")}
        type="date"
        autoFocus
        value={since}
        onChange={(e) => setSince(e.target.value)}
        errors={problems.errorsOf("since")}
      />
      <FormActions submit={t("common.save")} pending={update.isPending} disabled={problems.stale || !!reloadError} onCancel={onCancel} />
    </form>
  );
}
