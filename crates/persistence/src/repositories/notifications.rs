//! Notifications and the e-mails they bring. A notification is written in the transaction of
//! the change it tells of, with its e-mail in the outbox when its person wants that kind by
//! e-mail; the sending job claims due e-mails for a while (so that two instances never send
//! the same one), and marks each sent, or failed with the time of its next attempt.

use super::{Store, now, paged_records};
use crate::StoreError;
use crate::entities::{email_outbox, email_preferences, notifications, users};
use chrono::{DateTime, Utc};
use mercociudades_domain::ids::UserId;
use mercociudades_domain::listing::{PageRequest, Paged};
use mercociudades_domain::notification::NotificationKind;
use mercociudades_domain::text::Lang;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

/// A notification, as its person reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: Uuid,
    pub user: UserId,
    pub kind: NotificationKind,
    /// The record it is about (`report` and its id).
    pub record_type: String,
    pub record_id: String,
    /// What its text names (a report's activity, the reason it was returned).
    pub params: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// An e-mail to send now: its notification and where and in which language it goes.
#[derive(Debug, Clone)]
pub struct DueEmail {
    pub id: Uuid,
    /// Attempts made before this one.
    pub attempts: i32,
    pub to: String,
    pub display_name: String,
    pub language: Lang,
    pub notification: Notification,
}

fn notification(row: notifications::Model) -> Result<Notification, StoreError> {
    Ok(Notification {
        id: row.id,
        user: UserId(row.user_id),
        kind: NotificationKind::parse("kind", &row.kind)
            .map_err(|_| StoreError::Database(sea_orm::DbErr::Custom("bad kind".into())))?,
        record_type: row.record_type,
        record_id: row.record_id,
        params: serde_json::from_str(&row.params).unwrap_or_default(),
        created_at: row.created_at,
        read_at: row.read_at,
    })
}

/// Writes a notification for `user` in `conn` (the transaction of the change it tells of), and
/// its e-mail in the outbox when the user is active and wants that kind by e-mail.
pub(crate) async fn notify(
    conn: &impl ConnectionTrait,
    user: Uuid,
    kind: NotificationKind,
    record: (&str, &str),
    params: serde_json::Value,
) -> Result<(), StoreError> {
    let at = now();
    let id = Uuid::now_v7();
    notifications::ActiveModel {
        id: Set(id),
        user_id: Set(user),
        kind: Set(kind.as_str().to_owned()),
        record_type: Set(record.0.to_owned()),
        record_id: Set(record.1.to_owned()),
        params: Set(params.to_string()),
        created_at: Set(at),
        read_at: Set(None),
    }
    .insert(conn)
    .await?;
    let active = users::Entity::find_by_id(user)
        .one(conn)
        .await?
        .is_some_and(|u| u.active);
    let wanted = email_preferences::Entity::find_by_id((user, kind.as_str().to_owned()))
        .one(conn)
        .await?
        .is_none_or(|p| p.enabled);
    if active && wanted {
        email_outbox::ActiveModel {
            id: Set(Uuid::now_v7()),
            notification_id: Set(id),
            attempts: Set(0),
            next_attempt_at: Set(at),
            claimed_until: Set(None),
            sent_at: Set(None),
            last_error: Set(None),
            created_at: Set(at),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

impl Store {
    /// A user's notifications, newest first; only the unread ones when `unread` is set.
    pub async fn notifications(
        &self,
        user: UserId,
        unread: bool,
        page: PageRequest,
    ) -> Result<Paged<Notification>, StoreError> {
        let mut select = notifications::Entity::find()
            .filter(notifications::Column::UserId.eq(user.0))
            .order_by_desc(notifications::Column::CreatedAt)
            .order_by_desc(notifications::Column::Id);
        if unread {
            select = select.filter(notifications::Column::ReadAt.is_null());
        }
        paged_records(self.connection(), select, page, notification).await
    }

    /// Marks one of a user's notifications read (not found when it is not theirs).
    pub async fn mark_notification_read(&self, user: UserId, id: Uuid) -> Result<(), StoreError> {
        let found = notifications::Entity::find_by_id(id)
            .filter(notifications::Column::UserId.eq(user.0))
            .one(self.connection())
            .await?
            .ok_or(StoreError::NotFound)?;
        if found.read_at.is_none() {
            notifications::Entity::update_many()
                .col_expr(notifications::Column::ReadAt, Expr::value(now()))
                .filter(notifications::Column::Id.eq(id))
                .exec(self.connection())
                .await?;
        }
        Ok(())
    }

    /// Marks every notification of a user read; returns how many were unread.
    pub async fn mark_all_notifications_read(&self, user: UserId) -> Result<u64, StoreError> {
        let result = notifications::Entity::update_many()
            .col_expr(notifications::Column::ReadAt, Expr::value(now()))
            .filter(notifications::Column::UserId.eq(user.0))
            .filter(notifications::Column::ReadAt.is_null())
            .exec(self.connection())
            .await?;
        Ok(result.rows_affected)
    }

    /// Whether the user gets each kind of notification by e-mail (all, unless they said no).
    pub async fn email_preferences(
        &self,
        user: UserId,
    ) -> Result<Vec<(NotificationKind, bool)>, StoreError> {
        let rows = email_preferences::Entity::find()
            .filter(email_preferences::Column::UserId.eq(user.0))
            .all(self.connection())
            .await?;
        Ok(NotificationKind::ALL
            .into_iter()
            .map(|kind| {
                let enabled = rows
                    .iter()
                    .find(|r| r.kind == kind.as_str())
                    .is_none_or(|r| r.enabled);
                (kind, enabled)
            })
            .collect())
    }

    /// Sets whether the user gets each named kind by e-mail; the kinds not named keep theirs.
    pub async fn set_email_preferences(
        &self,
        user: UserId,
        choices: &[(NotificationKind, bool)],
    ) -> Result<(), StoreError> {
        let txn = self.write().await?;
        for (kind, enabled) in choices {
            email_preferences::Entity::delete_by_id((user.0, kind.as_str().to_owned()))
                .exec(&txn)
                .await?;
            email_preferences::ActiveModel {
                user_id: Set(user.0),
                kind: Set(kind.as_str().to_owned()),
                enabled: Set(*enabled),
            }
            .insert(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Claims up to `limit` e-mails due at `at` for `lease` (no other sender takes them
    /// meanwhile), with their notification, address and language.
    pub async fn claim_due_emails(
        &self,
        at: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u64,
    ) -> Result<Vec<DueEmail>, StoreError> {
        let db = self.connection();
        let due = email_outbox::Entity::find()
            .filter(email_outbox::Column::SentAt.is_null())
            .filter(email_outbox::Column::NextAttemptAt.lte(at))
            .filter(
                email_outbox::Column::ClaimedUntil
                    .is_null()
                    .or(email_outbox::Column::ClaimedUntil.lt(at)),
            )
            .order_by_asc(email_outbox::Column::NextAttemptAt)
            .limit(limit)
            .all(db)
            .await?;
        let mut claimed = Vec::new();
        for row in due {
            // Claimed only if no other sender claimed it since it was read.
            let taken = email_outbox::Entity::update_many()
                .col_expr(email_outbox::Column::ClaimedUntil, Expr::value(at + lease))
                .filter(email_outbox::Column::Id.eq(row.id))
                .filter(email_outbox::Column::SentAt.is_null())
                .filter(
                    email_outbox::Column::ClaimedUntil
                        .is_null()
                        .or(email_outbox::Column::ClaimedUntil.lt(at)),
                )
                .exec(db)
                .await?
                .rows_affected
                == 1;
            if !taken {
                continue;
            }
            let Some(found) = notifications::Entity::find_by_id(row.notification_id)
                .one(db)
                .await?
            else {
                continue;
            };
            let Some(user) = users::Entity::find_by_id(found.user_id).one(db).await? else {
                continue;
            };
            claimed.push(DueEmail {
                id: row.id,
                attempts: row.attempts,
                to: user.email,
                display_name: user.display_name,
                language: user.language.parse().unwrap_or_default(),
                notification: notification(found)?,
            });
        }
        Ok(claimed)
    }

    /// Marks a claimed e-mail sent.
    pub async fn email_sent(&self, id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
        email_outbox::Entity::update_many()
            .col_expr(email_outbox::Column::SentAt, Expr::value(at))
            .col_expr(
                email_outbox::Column::Attempts,
                Expr::col(email_outbox::Column::Attempts).add(1),
            )
            .col_expr(
                email_outbox::Column::LastError,
                Expr::value(Option::<String>::None),
            )
            .filter(email_outbox::Column::Id.eq(id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    /// Records a failed attempt at a claimed e-mail; the next one is at `retry_at`.
    pub async fn email_failed(
        &self,
        id: Uuid,
        retry_at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        let error: String = error.chars().take(500).collect();
        email_outbox::Entity::update_many()
            .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(retry_at))
            .col_expr(
                email_outbox::Column::ClaimedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                email_outbox::Column::Attempts,
                Expr::col(email_outbox::Column::Attempts).add(1),
            )
            .col_expr(email_outbox::Column::LastError, Expr::value(error))
            .filter(email_outbox::Column::Id.eq(id))
            .exec(self.connection())
            .await?;
        Ok(())
    }

    /// The e-mails not sent yet, for monitoring and tests.
    pub async fn unsent_emails(&self) -> Result<u64, StoreError> {
        use sea_orm::PaginatorTrait;
        Ok(email_outbox::Entity::find()
            .filter(email_outbox::Column::SentAt.is_null())
            .count(self.connection())
            .await?)
    }
}
