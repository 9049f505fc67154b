import { NavLink } from "react-router";
import { useTranslation } from "react-i18next";
import { counted, formatNumber } from "../../../lib/i18n/format";
import { useUnreadCount } from "../api/notifications";

/** The header's link to the notifications, with how many are unread. */
export function NotificationsBadge({ onClick }: { onClick?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const unread = useUnreadCount().data ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="notifications-link"
      onClick={onClick}
      aria-label={unread > 0 ? `${t("notifications.title")}: ${t("notifications.unreadCount", counted(unread, lang))}` : t("notifications.title")}
      data-testid="notifications-badge"
    >
      <span aria-hidden="true" className="notifications-icon">
        ✉
      </span>
      <span className="notifications-label">{t("notifications.title")}</span>
      {unread > 0 && (
        <span className="unread-badge" aria-hidden="true" data-unread={unread}>
          {formatNumber(unread, lang)}
        </span>
      )}
    </NavLink>
  );
}

/** The unread count alone (on the narrow header's menu button, whose menu holds the link). */
export function UnreadMark() {
  const { t, i18n } = useTranslation();
  const unread = useUnreadCount().data ?? 0;
  if (unread === 0) return null;
  return (
    <span className="unread-badge" data-unread={unread}>
      <span aria-hidden="true">{formatNumber(unread, i18n.language)}</span>
      <span className="visually-hidden">{t("notifications.unreadCount", counted(unread, i18n.language))}</span>
    </span>
  );
}
