import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { Loading } from "../../../components/Loading";
import { ProblemAlert } from "../../../components/ProblemAlert";
import { useHeld } from "../../../lib/auth/useAuth";
import { counted, formatDateTime, localized } from "../../../lib/i18n/format";
import { useInbox, type InboxItem, type Invitation } from "../api/home";
import { groupInbox, inboxRole, inboxTarget, invitationTarget } from "../model/inbox";

function InboxEntry({ item }: { item: InboxItem }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const title = localized(item.activity_title, lang);
  return (
    <li className="inbox-item" data-kind={item.kind}>
      <Link to={inboxTarget(item)} className="inbox-link">
        <span className="tree-code">{item.activity_code}</span>
        {title && ` · ${title}`}
      </Link>
      <span className="muted small"> {t(`home.inbox.since.${item.kind}`, { when: formatDateTime(item.since, lang) })}</span>
      {item.kind === "report_returned" && item.reason && (
        <p className="inbox-reason">
          <span className="inbox-reason-label">{t("home.inbox.reason")}</span> <span className="prewrap">{item.reason}</span>
        </p>
      )}
    </li>
  );
}

/** An invitation of the person's city to an event: to register its delegates, or to confirm them. */
function InvitationEntry({ item }: { item: Invitation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <li className="inbox-item" data-kind="invitation" data-status={item.status}>
      <Link to={invitationTarget(item)} className="inbox-link">
        {localized(item.event_title, lang)}
      </Link>
      <span className="muted small">
        {" "}
        {t(item.status === "registered" ? "home.inbox.invitation.toConfirm" : "home.inbox.invitation.toRegister", {
          city: item.city_name,
          delegates: item.delegates,
          quota: item.quota,
        })}
        {" · "}
        {t("home.inbox.invitation.starts", { when: formatDateTime(item.starts_at, lang, item.time_zone) })}
      </span>
    </li>
  );
}

/** What waits for the signed-in person, grouped by kind, each item a link to where it is done. */
export function Inbox() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const held = useHeld();
  const inbox = useInbox();
  const groups = groupInbox(inbox.data?.items ?? []);
  const invitations = inbox.data?.invitations ?? [];
  const unread = inbox.data?.unread_notifications ?? 0;
  return (
    <section className="card inbox" aria-labelledby="home-inbox" data-testid="inbox">
      <h2 id="home-inbox">{t("home.inbox.title")}</h2>
      {inbox.isPending && <Loading />}
      {inbox.isError && <ProblemAlert error={inbox.error} />}
      {inbox.data && groups.length === 0 && invitations.length === 0 && <p className="muted" data-testid="inbox-empty">{t(`home.inbox.empty.${inboxRole(held)}`)}</p>}
      {groups.map((g) => (
        <section key={g.kind} className="inbox-group" aria-labelledby={`inbox-${g.kind}`} data-kind={g.kind}>
          <h3 id={`inbox-${g.kind}`}>{t(`home.inbox.kind.${g.kind}`, counted(g.items.length, lang))}</h3>
          <ul className="plain-list inbox-list">
            {g.items.map((item) => (
              <InboxEntry key={`${item.kind}-${item.report_id ?? item.activity_id}`} item={item} />
            ))}
          </ul>
        </section>
      ))}
      {invitations.length > 0 && (
        <section className="inbox-group" aria-labelledby="inbox-invitations" data-kind="invitation">
          <h3 id="inbox-invitations">{t("home.inbox.invitation.title", counted(invitations.length, lang))}</h3>
          <ul className="plain-list inbox-list">
            {invitations.map((item) => (
              <InvitationEntry key={`${item.event_id}-${item.city_id}`} item={item} />
            ))}
          </ul>
        </section>
      )}
      {unread > 0 && (
        <p className="inbox-unread">
          <Link to="/notifications">{t("home.inbox.unread", counted(unread, lang))}</Link>
        </p>
      )}
    </section>
  );
}
