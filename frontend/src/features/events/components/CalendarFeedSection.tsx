import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConfirmInline } from "../../../components/ConfirmInline";
import { Notice } from "../../../components/Notice";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { api, unwrap } from "../../../lib/api/client";
import { ApiError } from "../../../lib/api/problem";
import { formatDateTime } from "../../../lib/i18n/format";

const feedKey = ["auth", "calendar-feed"] as const;

/** The person's calendar feed, or null when they have none (404). */
function useCalendarFeed() {
  return useQuery({
    queryKey: feedKey,
    queryFn: async () => {
      try {
        return unwrap(await api.GET("/api/v1/auth/me/calendar-feed"));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

/**
 * "Subscribe to the calendar": a secret address of the network's events for a calendar program.
 * It is shown once, when made (a new one replaces the one before), with a copy button; it can
 * be revoked, after confirming.
 */
export function CalendarFeedSection() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const feed = useCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const [asking, setAsking] = useState<"rotate" | "revoke" | null>(null);
  const [revoked, setRevoked] = useState(false);
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/auth/me/calendar-feed")),
    onSuccess: (data) => {
      queryClient.setQueryData(feedKey, data);
      // A calendar program needs the whole address: the server may give it from its path.
      setUrl(data.url ? new URL(data.url, location.origin).href : null);
      setCopied(null);
      setRevoked(false);
      setAsking(null);
    },
  });
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.DELETE("/api/v1/auth/me/calendar-feed")),
    onSuccess: () => {
      queryClient.setQueryData(feedKey, null);
      setUrl(null);
      setRevoked(true);
      setAsking(null);
    },
  });
  const error = create.error ?? revoke.error ?? feed.error;
  const has = !!feed.data;
  return (
    <section className="card" aria-labelledby="calendar-feed-title" data-testid="calendar-feed">
      <h2 id="calendar-feed-title">{t("events.feed.title")}</h2>
      <p className="hint">{t("events.feed.hint")}</p>
      {error != null && <ProblemAlert error={error} />}
      {revoked && <Notice>{t("events.feed.revoked")}</Notice>}
      {feed.data && !url && <p data-testid="calendar-feed-since">{t("events.feed.since", { date: formatDateTime(feed.data.created_at, i18n.language) })}</p>}
      {url && (
        <div className="secret-once feed-secret" data-testid="calendar-feed-secret">
          <div className="alert alert-warning" role="alert">
            <p>{t("events.feed.once")}</p>
          </div>
          <label htmlFor="calendar-feed-url">{t("events.feed.address")}</label>
          <div className="secret-row">
            <input id="calendar-feed-url" readOnly value={url} className="secret-value" onFocus={(e) => e.target.select()} />
            <button
              type="button"
              className="button-primary"
              onClick={() => {
                navigator.clipboard.writeText(url).then(
                  () => setCopied("yes"),
                  () => setCopied("no"),
                );
              }}
            >
              {t("events.feed.copy")}
            </button>
          </div>
          <p role="status" className="small">
            {copied === "yes" ? t("events.feed.copied") : copied === "no" ? t("events.feed.copyFailed") : ""}
          </p>
        </div>
      )}
      {asking === "rotate" ? (
        <ConfirmInline
          question={t("events.feed.rotateQuestion")}
          confirmLabel={t("events.feed.rotate")}
          busy={create.isPending}
          takeFocus
          onConfirm={() => create.mutate()}
          onCancel={() => setAsking(null)}
        />
      ) : asking === "revoke" ? (
        <ConfirmInline
          question={t("events.feed.revokeQuestion")}
          confirmLabel={t("events.feed.revoke")}
          busy={revoke.isPending}
          takeFocus
          onConfirm={() => revoke.mutate()}
          onCancel={() => setAsking(null)}
        />
      ) : (
        <div className="form-actions">
          <button type="button" className="button-primary" disabled={create.isPending || feed.isPending} onClick={() => (has ? setAsking("rotate") : create.mutate())}>
            {has ? t("events.feed.rotate") : t("events.feed.create")}
          </button>
          {has && (
            <button type="button" className="button-secondary" onClick={() => setAsking("revoke")}>
              {t("events.feed.revoke")}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
