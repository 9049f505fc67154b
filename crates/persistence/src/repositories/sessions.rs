//! State every API instance must share, read and written in the database: when a user's
//! sessions were ended, and the sign-in attempts counted per key.

use super::Store;
use crate::StoreError;
use mercociudades_domain::ids::UserId;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};

/// How sign-in attempts are limited.
#[derive(Debug, Clone, Copy)]
pub struct AttemptRules {
    /// Attempts allowed on a key before it is locked.
    pub free: u32,
    /// The longest lock, in milliseconds; locks double from one second up to it.
    pub max_lock_ms: i64,
    /// After this long without an attempt, a key's count starts over, in milliseconds.
    pub forget_after_ms: i64,
}

/// What a reservation of a sign-in attempt found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// The attempt may go on: check the password.
    Granted,
    /// Too many attempts: wait this many milliseconds.
    Locked { wait_ms: i64 },
}

impl Store {
    /// Ends every session of `user` issued up to `at_ms` (UNIX milliseconds): access tokens
    /// issued before are refused from now on, by every instance.
    pub async fn end_sessions(&self, user: UserId, at_ms: i64) -> Result<(), StoreError> {
        let sql = match self.backend() {
            DatabaseBackend::Postgres => {
                "INSERT INTO session_cutoffs (user_id, ended_at_ms) VALUES ($1, $2) \
                 ON CONFLICT (user_id) DO UPDATE \
                 SET ended_at_ms = GREATEST(session_cutoffs.ended_at_ms, excluded.ended_at_ms)"
            }
            _ => {
                "INSERT INTO session_cutoffs (user_id, ended_at_ms) VALUES ($1, $2) \
                 ON CONFLICT (user_id) DO UPDATE \
                 SET ended_at_ms = MAX(session_cutoffs.ended_at_ms, excluded.ended_at_ms)"
            }
        };
        self.db
            .execute_raw(Statement::from_sql_and_values(
                self.backend(),
                sql,
                [Value::from(user.0), Value::from(at_ms)],
            ))
            .await?;
        Ok(())
    }

    /// When the sessions of `user` were last ended, in UNIX milliseconds.
    pub async fn sessions_ended_at(&self, user: UserId) -> Result<Option<i64>, StoreError> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                self.backend(),
                "SELECT ended_at_ms FROM session_cutoffs WHERE user_id = $1",
                [Value::from(user.0)],
            ))
            .await?;
        Ok(match row {
            Some(row) => Some(row.try_get::<i64>("", "ended_at_ms")?),
            None => None,
        })
    }

    /// Counts an attempt on every key before it is made, so that attempts made at the same
    /// time are all counted. Refused when a key is locked, or when this attempt goes past the
    /// free ones (which locks the key, for longer at every further attempt).
    pub async fn reserve_attempt(
        &self,
        keys: &[String],
        now_ms: i64,
        rules: AttemptRules,
    ) -> Result<Reservation, StoreError> {
        let mut wait_ms = 0;
        for key in keys {
            let row = self
                .db
                .query_one_raw(Statement::from_sql_and_values(
                    self.backend(),
                    "INSERT INTO sign_in_attempts (attempt_key, attempts, locked_until_ms, updated_at_ms) \
                     VALUES ($1, 1, NULL, $2) \
                     ON CONFLICT (attempt_key) DO UPDATE SET \
                     attempts = CASE WHEN sign_in_attempts.updated_at_ms < $3 \
                         THEN 1 ELSE sign_in_attempts.attempts + 1 END, \
                     locked_until_ms = CASE WHEN sign_in_attempts.updated_at_ms < $3 \
                         THEN NULL ELSE sign_in_attempts.locked_until_ms END, \
                     updated_at_ms = $2 \
                     RETURNING attempts, locked_until_ms",
                    [
                        Value::from(key.as_str()),
                        Value::from(now_ms),
                        Value::from(now_ms - rules.forget_after_ms),
                    ],
                ))
                .await?
                .ok_or(StoreError::NotFound)?;
            let attempts: i32 = row.try_get("", "attempts")?;
            let locked_until: Option<i64> = row.try_get("", "locked_until_ms")?;
            if let Some(until) = locked_until.filter(|until| *until > now_ms) {
                wait_ms = wait_ms.max(until - now_ms);
                continue;
            }
            let over = i64::from(attempts) - i64::from(rules.free) - 1;
            if over > 0 {
                let lock_ms = 1000i64
                    .saturating_mul(1i64 << (over - 1).min(30))
                    .min(rules.max_lock_ms);
                self.db
                    .execute_raw(Statement::from_sql_and_values(
                        self.backend(),
                        "UPDATE sign_in_attempts SET locked_until_ms = $2 WHERE attempt_key = $1",
                        [Value::from(key.as_str()), Value::from(now_ms + lock_ms)],
                    ))
                    .await?;
                wait_ms = wait_ms.max(lock_ms);
            }
        }
        Ok(if wait_ms > 0 {
            Reservation::Locked { wait_ms }
        } else {
            Reservation::Granted
        })
    }

    /// An attempt on `key` succeeded: its count starts over.
    pub async fn clear_attempts(&self, key: &str) -> Result<(), StoreError> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                self.backend(),
                "DELETE FROM sign_in_attempts WHERE attempt_key = $1",
                [Value::from(key)],
            ))
            .await?;
        Ok(())
    }

    /// An attempt on `key` succeeded but the key stays counted (an address): the attempt is
    /// taken back, so that only failures add up.
    pub async fn take_back_attempt(&self, key: &str) -> Result<(), StoreError> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                self.backend(),
                "UPDATE sign_in_attempts SET attempts = attempts - 1 \
                 WHERE attempt_key = $1 AND attempts > 0",
                [Value::from(key)],
            ))
            .await?;
        Ok(())
    }
}
