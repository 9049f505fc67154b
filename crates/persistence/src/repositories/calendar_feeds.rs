//! Each user's secret calendar feed: an address a calendar application subscribes to
//! without a token. Only the hash of its secret is kept; a new one replaces the old.

use super::Store;
use crate::StoreError;
use crate::audit::{self, Change, RecordType, Who};
use crate::entities::{calendar_feeds, users};
use chrono::{DateTime, SubsecRound, Utc};
use mercociudades_domain::ids::UserId;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

impl Store {
    /// Gives `user` a feed whose secret hashes to `secret_hash`, replacing the one they had.
    pub async fn create_calendar_feed(
        &self,
        who: &Who,
        user: UserId,
        secret_hash: &str,
    ) -> Result<DateTime<Utc>, StoreError> {
        let txn = self.write().await?;
        let before = calendar_feeds::Entity::find_by_id(user.0).one(&txn).await?;
        calendar_feeds::Entity::delete_by_id(user.0)
            .exec(&txn)
            .await?;
        let row = calendar_feeds::Model {
            user_id: user.0,
            secret_hash: secret_hash.to_owned(),
            // To the microsecond, as every database keeps it.
            created_at: Utc::now().trunc_subsecs(6),
        };
        calendar_feeds::Entity::insert(calendar_feeds::ActiveModel {
            user_id: Set(row.user_id),
            secret_hash: Set(row.secret_hash.clone()),
            created_at: Set(row.created_at),
        })
        .exec_without_returning(&txn)
        .await?;
        let change = if before.is_some() {
            Change::Update
        } else {
            Change::Create
        };
        audit::record(
            &txn,
            who,
            change,
            RecordType::CalendarFeed,
            &user.to_string(),
            before.as_ref(),
            Some(&row),
        )
        .await?;
        txn.commit().await?;
        Ok(row.created_at)
    }

    /// When `user`'s feed was made, if they have one.
    pub async fn calendar_feed(&self, user: UserId) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(calendar_feeds::Entity::find_by_id(user.0)
            .one(&self.db)
            .await?
            .map(|f| f.created_at))
    }

    /// Revokes `user`'s feed.
    pub async fn revoke_calendar_feed(&self, who: &Who, user: UserId) -> Result<(), StoreError> {
        let txn = self.write().await?;
        let before = calendar_feeds::Entity::find_by_id(user.0)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        calendar_feeds::Entity::delete_by_id(user.0)
            .exec(&txn)
            .await?;
        audit::record::<_, _, ()>(
            &txn,
            who,
            Change::Delete,
            RecordType::CalendarFeed,
            &user.to_string(),
            Some(&before),
            None,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The active user whose feed's secret hashes to `secret_hash`.
    pub async fn calendar_feed_user(&self, secret_hash: &str) -> Result<UserId, StoreError> {
        let feed = calendar_feeds::Entity::find()
            .filter(calendar_feeds::Column::SecretHash.eq(secret_hash))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        users::Entity::find_by_id(feed.user_id)
            .filter(users::Column::Active.eq(true))
            .one(&self.db)
            .await?
            .map(|u| UserId(u.id))
            .ok_or(StoreError::NotFound)
    }
}
