import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { ListView } from "../../../components/list/ListView";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { useListParams } from "../../../components/list/useListParams";
import { counted, formatDateTime, localized } from "../../../lib/i18n/format";
import { useMarkRead, useNotifications, useUnreadCount, type Notification } from "../api/notifications";

function What({ n }: { n: Notification }) {
  const { t, i18n } = useTranslation();
  const title = localized(n.params.activity_title, i18n.language);
  const activity = [n.params.activity_code, title].filter(Boolean).join(" · ");
  return (
    <>
      <Link to={`/reports/${n.record_id}`}>{t(`notifications.kind.${n.kind}`, { activity })}</Link>
      {n.kind === "report_returned" && n.params.reason && (
        <p className="inbox-reason small">
          <span className="inbox-reason-label">{t("notifications.reason")}</span> <span className="prewrap">{n.params.reason}</span>
        </p>
      )}
    </>
  );
}

/** The signed-in person's notifications, newest first, each marked read on its own or all at once. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useListParams({ unread: "" }, { perPage: 25 });
  const unreadOnly = list.filters.unread === "true";
  const notifications = useNotifications({ page: list.page, per_page: list.perPage, unread: unreadOnly });
  const unread = useUnreadCount().data ?? 0;
  const mark = useMarkRead();
  return (
    <>
      <PageTitle
        actions={
          unread > 0 && (
            <button type="button" className="button-secondary" disabled={mark.isPending} onClick={() => mark.mutate("all")}>
              {t("notifications.markAll")}
            </button>
          )
        }
      >
        {t("notifications.title")}
      </PageTitle>
      <p className="muted" data-testid="unread-count">
        {t("notifications.unreadCount", counted(unread, lang))}
      </p>
      <div className="filters">
        <label className="checkbox-field">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => list.update({ unread: e.target.checked ? "true" : undefined })} />{" "}
          {t("notifications.unreadOnly")}
        </label>
      </div>
      {mark.isError && <ProblemAlert error={mark.error} />}
      <ListView
        query={notifications}
        testId="notifications"
        rowKey={(n) => n.id}
        rowProps={(n) => ({ "data-read": n.read_at ? "true" : "false" })}
        empty={unreadOnly ? t("notifications.noneUnread") : t("notifications.none")}
        onPage={list.setPage}
        columns={[
          { id: "when", header: t("notifications.when"), cell: (n) => formatDateTime(n.created_at, lang) },
          { id: "what", header: t("notifications.what"), cell: (n) => <What n={n} /> },
          {
            id: "read",
            header: t("notifications.state"),
            cell: (n) =>
              n.read_at ? (
                <span className="muted">{t("notifications.readOn", { when: formatDateTime(n.read_at, lang) })}</span>
              ) : (
                <button type="button" className="button-secondary" disabled={mark.isPending} onClick={() => mark.mutate(n.id)}>
                  {t("notifications.markRead")}
                </button>
              ),
          },
        ]}
      />
    </>
  );
}
