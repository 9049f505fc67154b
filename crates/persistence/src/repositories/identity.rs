//! Users and their roles, refresh-token sessions, and API tokens for machine clients.

use super::versioned::{self, Versioned};
use super::{Store, paged, paged_records};
use crate::audit::{self, Change, RecordType, Who};
use crate::entities::{api_tokens, refresh_tokens, role_grants, users};
use crate::repositories::versioned::Expected;
use crate::{Existing, StoreError};
use chrono::{DateTime, Utc};
use mercociudades_domain::access::{Action, Grant, Role, Scope};
use mercociudades_domain::ids::{ApiTokenId, BodyId, CityId, UserId};
use mercociudades_domain::listing::{PageRequest, Paged};
use mercociudades_domain::record::Record;
use mercociudades_domain::registry::Email;
use mercociudades_domain::text::{Lang, nfc};
use sea_orm::QueryTrait;
use sea_orm::sea_query::Condition;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use uuid::Uuid;

/// A person who signs in, with the roles they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAccount {
    pub email: Email,
    pub display_name: String,
    pub language: Lang,
    pub active: bool,
    pub grants: Vec<Grant>,
}

pub type UserRecord = Record<UserId, UserAccount>;

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub q: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// What a refresh token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// Valid and now spent: a new token of the same family was stored.
    Rotated { user: UserId },
    /// Already spent: the whole family has been revoked.
    Reused,
    /// Unknown, expired or revoked.
    Invalid,
}

/// A refresh token to store, by its hash.
#[derive(Debug, Clone)]
pub struct RefreshSession {
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

/// An API token to store. The secret itself is never stored, only its hash.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub name: String,
    pub prefix: String,
    pub token_hash: String,
    pub grant: Grant,
    pub permissions: Vec<Action>,
    pub created_by: UserId,
    pub expires_at: DateTime<Utc>,
}

/// A stored API token, without its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: ApiTokenId,
    pub name: String,
    pub prefix: String,
    pub grant: Grant,
    pub permissions: Vec<Action>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The audited shape of a user: never the password hash.
#[derive(Serialize)]
struct UserAudit {
    user: users::Model,
    grants: Vec<String>,
}

impl UserAudit {
    fn new(user: &users::Model, grants: &[Grant]) -> Self {
        Self {
            user: user.clone(),
            grants: grants.iter().map(grant_label).collect(),
        }
    }
}

/// The columns of a user's profile.
fn user_columns(account: &UserAccount) -> users::ActiveModel {
    users::ActiveModel {
        email: Set(account.email.as_str().to_owned()),
        email_key: Set(Some(account.email.key())),
        display_name: Set(account.display_name.clone()),
        language: Set(account.language.as_str().to_owned()),
        active: Set(account.active),
        ..Default::default()
    }
}

impl Versioned for users::Entity {
    const RECORD: RecordType = RecordType::User;
    const VERSION: users::Column = users::Column::Version;
    const CREATED_AT: users::Column = users::Column::CreatedAt;
    const UPDATED_AT: Option<users::Column> = Some(users::Column::UpdatedAt);
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Database(DbErr::Custom(format!("stored identity: {what}")))
}

/// The user other than `except` whose address is `email`, or looks the same (its key, see
/// [`Email::key`], is `key`).
async fn same_email<C: ConnectionTrait>(
    conn: &C,
    email: &str,
    key: &str,
    except: Option<Uuid>,
) -> Result<Option<users::Model>, DbErr> {
    let mut select = users::Entity::find().filter(
        Condition::any()
            .add(users::Column::EmailKey.eq(key))
            .add(users::Column::Email.eq(email)),
    );
    if let Some(id) = except {
        select = select.filter(users::Column::Id.ne(id));
    }
    select.one(conn).await
}

/// The address is taken by `user`.
fn email_taken(user: &users::Model) -> StoreError {
    StoreError::taken(
        "email",
        Existing {
            id: user.id.to_string(),
            name: user.email.clone(),
        },
    )
}

fn grant_of(role: &str, body: Option<Uuid>, city: Option<Uuid>) -> Result<Grant, StoreError> {
    let role = Role::parse("role", role).map_err(|_| corrupt("role"))?;
    let scope = match (body, city) {
        (Some(b), None) => Scope::Body(BodyId(b)),
        (None, Some(c)) => Scope::City(CityId(c)),
        _ => Scope::Network,
    };
    Grant::new(role, scope).map_err(|_| corrupt("grant scope"))
}

fn scope_columns(grant: &Grant) -> (Option<Uuid>, Option<Uuid>) {
    match grant.scope() {
        Scope::Network => (None, None),
        Scope::Body(b) => (Some(b.0), None),
        Scope::City(c) => (None, Some(c.0)),
    }
}

fn grant_label(grant: &Grant) -> String {
    match grant.scope() {
        Scope::Network => grant.role().as_str().to_owned(),
        Scope::Body(b) => format!("{}@body:{b}", grant.role()),
        Scope::City(c) => format!("{}@city:{c}", grant.role()),
    }
}

fn to_user(m: users::Model, grants: Vec<Grant>) -> Result<UserRecord, StoreError> {
    Ok(Record {
        id: UserId(m.id),
        value: UserAccount {
            email: Email::read("email", &m.email).map_err(|_| corrupt("email"))?,
            display_name: m.display_name,
            language: m.language.parse().map_err(|()| corrupt("language"))?,
            active: m.active,
            grants,
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

async fn grants_of<C: ConnectionTrait>(
    conn: &C,
    users: &[Uuid],
) -> Result<Vec<(Uuid, Grant)>, StoreError> {
    role_grants::Entity::find()
        .filter(role_grants::Column::UserId.is_in(users.to_vec()))
        .order_by_asc(role_grants::Column::CreatedAt)
        .order_by_asc(role_grants::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|g| Ok((g.user_id, grant_of(&g.role, g.body_id, g.city_id)?)))
        .collect()
}

async fn write_grants<C: ConnectionTrait>(
    conn: &C,
    user: Uuid,
    grants: &[Grant],
) -> Result<(), StoreError> {
    role_grants::Entity::delete_many()
        .filter(role_grants::Column::UserId.eq(user))
        .exec(conn)
        .await?;
    let at = Utc::now();
    for grant in grants {
        let (body, city) = scope_columns(grant);
        role_grants::Entity::insert(role_grants::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user),
            role: Set(grant.role().as_str().to_owned()),
            body_id: Set(body),
            city_id: Set(city),
            created_at: Set(at),
        })
        .exec_without_returning(conn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => StoreError::Invalid(
                mercociudades_domain::FieldError::new(
                    "roles",
                    mercociudades_domain::validation::codes::NOT_FOUND,
                )
                .with("value", grant_label(grant)),
            ),
            _ => StoreError::Database(e),
        })?;
    }
    Ok(())
}

/// A new refresh token of `family`, unused and live.
fn session_row(
    user: Uuid,
    family: Uuid,
    session: &RefreshSession,
    at: DateTime<Utc>,
) -> refresh_tokens::ActiveModel {
    refresh_tokens::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        family_id: Set(family),
        token_hash: Set(session.token_hash.clone()),
        expires_at: Set(session.expires_at),
        created_at: Set(at),
        used_at: Set(None),
        revoked_at: Set(None),
    }
}

async fn revoke_sessions<C: ConnectionTrait>(conn: &C, user: Uuid) -> Result<(), DbErr> {
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_tokens::Column::UserId.eq(user))
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(conn)
        .await
        .map(|_| ())
}

fn to_token(m: api_tokens::Model) -> Result<ApiTokenRecord, StoreError> {
    let permissions = m
        .permissions
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| Action::parse("permissions", p).map_err(|_| corrupt("permission")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ApiTokenRecord {
        id: ApiTokenId(m.id),
        grant: grant_of(&m.role, m.body_id, m.city_id)?,
        name: m.name,
        prefix: m.prefix,
        permissions,
        created_by: UserId(m.created_by),
        created_at: m.created_at,
        expires_at: m.expires_at,
        last_used_at: m.last_used_at,
        revoked_at: m.revoked_at,
    })
}

impl Store {
    /// Adds a user, unless another has the same address or one that looks the same
    /// (regardless of case and look-alike characters): then [`StoreError::Duplicate`] names that
    /// user.
    pub async fn create_user(
        &self,
        who: &Who,
        account: &UserAccount,
        password_hash: &str,
    ) -> Result<UserRecord, StoreError> {
        match self.insert_user(who, account, password_hash).await {
            Ok(after) => to_user(after, account.grants.clone()),
            Err(e) => Err(self.email_holder(e, &account.email, None).await),
        }
    }

    async fn insert_user(
        &self,
        who: &Who,
        account: &UserAccount,
        password_hash: &str,
    ) -> Result<users::Model, StoreError> {
        let txn = self.write().await?;
        let email = account.email.as_str();
        if let Some(other) = same_email(&txn, email, &account.email.key(), None).await? {
            return Err(email_taken(&other));
        }
        let columns = users::ActiveModel {
            password_hash: Set(password_hash.to_owned()),
            ..user_columns(account)
        };
        let after = versioned::insert_audited::<users::Entity, _>(
            &txn,
            who,
            Uuid::now_v7(),
            columns,
            |user| UserAudit::new(user, &account.grants),
        )
        .await
        .map_err(|e| e.duplicate_of("email"))?;
        write_grants(&txn, after.id, &account.grants).await?;
        txn.commit().await?;
        Ok(after)
    }

    /// `error`, with the user that holds the address named when the database refused it as a
    /// duplicate (another write took it between the check and the write).
    async fn email_holder(
        &self,
        error: StoreError,
        email: &Email,
        except: Option<Uuid>,
    ) -> StoreError {
        if !error.is_unnamed_duplicate("email") {
            return error;
        }
        match same_email(&self.db, email.as_str(), &email.key(), except).await {
            Ok(Some(other)) => email_taken(&other),
            _ => error,
        }
    }

    /// Fills the address key of the users stored before it existed. A user whose address looks
    /// the same as another's keeps none, and is named in the log.
    pub(super) async fn fill_user_email_keys(&self) -> Result<(), DbErr> {
        let missing = users::Entity::find()
            .filter(users::Column::EmailKey.is_null())
            .order_by_asc(users::Column::CreatedAt)
            .order_by_asc(users::Column::Id)
            .all(&self.db)
            .await?;
        for user in missing {
            let key = Email::key_of(&user.email);
            if let Some(other) = same_email(&self.db, &user.email, &key, Some(user.id)).await? {
                tracing::warn!(
                    user = %user.id,
                    same_as = %other.id,
                    "two users have e-mail addresses that look the same; change one"
                );
                continue;
            }
            users::Entity::update_many()
                .col_expr(users::Column::EmailKey, Expr::value(key))
                .filter(users::Column::Id.eq(user.id))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    pub async fn get_user(&self, id: UserId) -> Result<UserRecord, StoreError> {
        let model = users::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let grants = grants_of(&self.db, &[model.id])
            .await?
            .into_iter()
            .map(|(_, g)| g)
            .collect();
        to_user(model, grants)
    }

    /// The user with this e-mail and their password hash, for signing in.
    pub async fn user_for_login(
        &self,
        email: &str,
    ) -> Result<Option<(UserRecord, String)>, StoreError> {
        let Some(model) = users::Entity::find()
            .filter(users::Column::Email.eq(nfc(&email.trim().to_lowercase())))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let hash = model.password_hash.clone();
        let grants = grants_of(&self.db, &[model.id])
            .await?
            .into_iter()
            .map(|(_, g)| g)
            .collect();
        Ok(Some((to_user(model, grants)?, hash)))
    }

    pub async fn password_hash(&self, id: UserId) -> Result<String, StoreError> {
        let model = users::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(model.password_hash)
    }

    pub async fn list_users(
        &self,
        filter: &UserFilter,
        page: PageRequest,
    ) -> Result<Paged<UserRecord>, StoreError> {
        let mut select = users::Entity::find();
        if let Some(q) = &filter.q {
            // Names and addresses are stored composed; so is what is looked for.
            let q = nfc(q);
            select = select.filter(
                sea_orm::sea_query::Condition::any()
                    .add(super::contains_ci(Expr::col(users::Column::Email), &q))
                    .add(super::contains_ci(
                        Expr::col(users::Column::DisplayName),
                        &q,
                    )),
            );
        }
        if let Some(active) = filter.active {
            select = select.filter(users::Column::Active.eq(active));
        }
        if let Some(role) = filter.role {
            select = select.filter(
                users::Column::Id.in_subquery(
                    sea_orm::QuerySelect::column(
                        sea_orm::QuerySelect::select_only(role_grants::Entity::find()),
                        role_grants::Column::UserId,
                    )
                    .filter(role_grants::Column::Role.eq(role.as_str()))
                    .into_query(),
                ),
            );
        }
        let select = select.order_by_asc(users::Column::Email);
        let rows = paged(&self.db, select, page).await?;
        let ids: Vec<Uuid> = rows.items.iter().map(|u| u.id).collect();
        let grants = grants_of(&self.db, &ids).await?;
        let items = rows
            .items
            .into_iter()
            .map(|u| {
                let own = grants
                    .iter()
                    .filter(|(id, _)| *id == u.id)
                    .map(|(_, g)| *g)
                    .collect();
                to_user(u, own)
            })
            .collect::<Result<_, _>>()?;
        Ok(Paged {
            items,
            page: rows.page,
            per_page: rows.per_page,
            total: rows.total,
        })
    }

    /// Sets a user's language: a personal preference, versioned like the rest of the user
    /// (`expected`) but not recorded in the audit log.
    pub async fn set_user_language(
        &self,
        id: UserId,
        expected: impl Into<Expected>,
        language: Lang,
    ) -> Result<UserRecord, StoreError> {
        let mut update = users::Entity::update_many()
            .col_expr(users::Column::Language, Expr::value(language.as_str()))
            .col_expr(
                users::Column::Version,
                Expr::col(users::Column::Version).add(1),
            )
            .col_expr(users::Column::UpdatedAt, Expr::value(super::now()))
            .filter(users::Column::Id.eq(id.0));
        if let Expected::Version(version) = expected.into() {
            update = update.filter(users::Column::Version.eq(version));
        }
        if update.exec(&self.db).await?.rows_affected == 0 {
            let current = self.get_user(id).await?;
            return Err(StoreError::VersionMismatch {
                current: Some(current.version),
            });
        }
        self.get_user(id).await
    }

    /// Replaces a user's profile and roles. Deactivating a user or changing their roles ends
    /// their sessions. An address that another user has, or one that looks the same, is refused
    /// as in [`create_user`](Self::create_user); a user stored with such an address before
    /// addresses were compared keeps it, unchanged, until it is changed.
    pub async fn update_user(
        &self,
        who: &Who,
        id: UserId,
        expected_version: impl Into<Expected>,
        account: &UserAccount,
    ) -> Result<UserRecord, StoreError> {
        match self
            .replace_user(who, id, expected_version.into(), account)
            .await
        {
            Ok(after) => to_user(after, account.grants.clone()),
            Err(e) => Err(self.email_holder(e, &account.email, Some(id.0)).await),
        }
    }

    async fn replace_user(
        &self,
        who: &Who,
        id: UserId,
        expected_version: Expected,
        account: &UserAccount,
    ) -> Result<users::Model, StoreError> {
        let write = self
            .versioned::<users::Entity>(id.0, expected_version)
            .await?;
        let old_grants: Vec<Grant> = grants_of(write.txn(), &[id.0])
            .await?
            .into_iter()
            .map(|(_, g)| g)
            .collect();
        let key = account.email.key();
        let mut columns = user_columns(account);
        if let Some(other) =
            same_email(write.txn(), account.email.as_str(), &key, Some(id.0)).await?
        {
            let before = write.before();
            let kept_duplicate = before.email_key.is_none()
                && before.email == account.email.as_str()
                && other.email != before.email;
            if !kept_duplicate {
                return Err(email_taken(&other));
            }
            columns.email_key = NotSet;
        }
        let updated = write
            .set(columns)
            .await
            .map_err(|e| e.duplicate_of("email"))?;
        let grants_changed = {
            let mut a = old_grants.iter().map(grant_label).collect::<Vec<_>>();
            let mut b = account.grants.iter().map(grant_label).collect::<Vec<_>>();
            a.sort();
            b.sort();
            a != b
        };
        if grants_changed {
            write_grants(updated.txn(), id.0, &account.grants).await?;
        }
        if grants_changed || (updated.before().active && !account.active) {
            revoke_sessions(updated.txn(), id.0).await?;
        }
        updated
            .commit_audited(who, |before, after| {
                (
                    UserAudit::new(before, &old_grants),
                    UserAudit::new(after, &account.grants),
                )
            })
            .await
    }

    /// Sets a new password hash and ends the user's sessions. Not a versioned write: a
    /// password is set whatever version of the account the caller read (there is no
    /// `If-Match` to compare), so the row is written by its id alone.
    pub async fn set_password(
        &self,
        who: &Who,
        id: UserId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let txn = self.write().await?;
        let before = users::Entity::find_by_id(id.0)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let after = users::Model {
            password_hash: password_hash.to_owned(),
            version: before.version + 1,
            updated_at: Utc::now(),
            ..before.clone()
        };
        users::Entity::update(users::ActiveModel {
            id: Set(id.0),
            password_hash: Set(after.password_hash.clone()),
            version: Set(after.version),
            updated_at: Set(after.updated_at),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        revoke_sessions(&txn, id.0).await?;
        #[derive(Serialize)]
        struct PasswordChange<'a> {
            user: &'a users::Model,
            password: &'static str,
        }
        audit::record(
            &txn,
            who,
            Change::Update,
            RecordType::User,
            &id.to_string(),
            Some(&PasswordChange {
                user: &before,
                password: "unchanged",
            }),
            Some(&PasswordChange {
                user: &after,
                password: "changed",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Starts a session family for a user.
    pub async fn start_session(
        &self,
        user: UserId,
        session: &RefreshSession,
    ) -> Result<(), StoreError> {
        refresh_tokens::Entity::insert(session_row(user.0, Uuid::now_v7(), session, Utc::now()))
            .exec_without_returning(&self.db)
            .await?;
        Ok(())
    }

    /// Spends a refresh token and stores its successor. A token spent already revokes its
    /// whole family, the successor included.
    pub async fn rotate_session(
        &self,
        token_hash: &str,
        next: &RefreshSession,
    ) -> Result<RefreshOutcome, StoreError> {
        let txn = self.write().await?;
        let Some(current) = refresh_tokens::Entity::find()
            .filter(refresh_tokens::Column::TokenHash.eq(token_hash))
            .one(&txn)
            .await?
        else {
            return Ok(RefreshOutcome::Invalid);
        };
        let now = Utc::now();
        if current.used_at.is_some() {
            refresh_tokens::Entity::update_many()
                .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(now))
                .filter(refresh_tokens::Column::FamilyId.eq(current.family_id))
                .filter(refresh_tokens::Column::RevokedAt.is_null())
                .exec(&txn)
                .await?;
            txn.commit().await?;
            return Ok(RefreshOutcome::Reused);
        }
        if current.revoked_at.is_some() || current.expires_at <= now {
            return Ok(RefreshOutcome::Invalid);
        }
        let user = users::Entity::find_by_id(current.user_id).one(&txn).await?;
        if !user.is_some_and(|u| u.active) {
            return Ok(RefreshOutcome::Invalid);
        }
        let spent = refresh_tokens::Entity::update_many()
            .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now))
            .filter(refresh_tokens::Column::Id.eq(current.id))
            .filter(refresh_tokens::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if spent.rows_affected != 1 {
            return Ok(RefreshOutcome::Invalid);
        }
        refresh_tokens::Entity::insert(session_row(current.user_id, current.family_id, next, now))
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
        Ok(RefreshOutcome::Rotated {
            user: UserId(current.user_id),
        })
    }

    /// Ends the session family of a refresh token. Unknown tokens are ignored.
    pub async fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        if let Some(current) = refresh_tokens::Entity::find()
            .filter(refresh_tokens::Column::TokenHash.eq(token_hash))
            .one(&self.db)
            .await?
        {
            refresh_tokens::Entity::update_many()
                .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(Utc::now()))
                .filter(refresh_tokens::Column::FamilyId.eq(current.family_id))
                .filter(refresh_tokens::Column::RevokedAt.is_null())
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    pub async fn create_api_token(
        &self,
        who: &Who,
        token: &NewApiToken,
    ) -> Result<ApiTokenRecord, StoreError> {
        let txn = self.write().await?;
        let (body, city) = scope_columns(&token.grant);
        let model = api_tokens::Model {
            id: Uuid::now_v7(),
            name: token.name.clone(),
            prefix: token.prefix.clone(),
            token_hash: token.token_hash.clone(),
            role: token.grant.role().as_str().to_owned(),
            body_id: body,
            city_id: city,
            permissions: token
                .permissions
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(","),
            created_by: token.created_by.0,
            created_at: Utc::now(),
            expires_at: token.expires_at,
            last_used_at: None,
            revoked_at: None,
        };
        api_tokens::Entity::insert(api_tokens::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => {
                    StoreError::Invalid(mercociudades_domain::FieldError::new(
                        "scope",
                        mercociudades_domain::validation::codes::NOT_FOUND,
                    ))
                }
                _ => StoreError::Database(e),
            })?;
        audit::record(
            &txn,
            who,
            Change::Create,
            RecordType::ApiToken,
            &model.id.to_string(),
            None::<&()>,
            Some(&model),
        )
        .await?;
        txn.commit().await?;
        to_token(model)
    }

    /// The live token with this hash (not revoked, not expired); marks it used, at most once a
    /// minute so that reads stay reads.
    pub async fn api_token_for_use(
        &self,
        token_hash: &str,
    ) -> Result<Option<ApiTokenRecord>, StoreError> {
        let now = Utc::now();
        let Some(model) = api_tokens::Entity::find()
            .filter(api_tokens::Column::TokenHash.eq(token_hash))
            .filter(api_tokens::Column::RevokedAt.is_null())
            .filter(api_tokens::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        if model
            .last_used_at
            .is_none_or(|t| now - t > chrono::Duration::minutes(1))
        {
            api_tokens::Entity::update_many()
                .col_expr(api_tokens::Column::LastUsedAt, Expr::value(now))
                .filter(api_tokens::Column::Id.eq(model.id))
                .exec(&self.db)
                .await?;
        }
        to_token(model).map(Some)
    }

    pub async fn get_api_token(&self, id: ApiTokenId) -> Result<ApiTokenRecord, StoreError> {
        api_tokens::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound)
            .and_then(to_token)
    }

    /// API tokens, all of them or those of one city.
    pub async fn list_api_tokens(
        &self,
        city: Option<CityId>,
        page: PageRequest,
    ) -> Result<Paged<ApiTokenRecord>, StoreError> {
        let mut select = api_tokens::Entity::find();
        if let Some(city) = city {
            select = select.filter(api_tokens::Column::CityId.eq(city.0));
        }
        let select = select
            .order_by_desc(api_tokens::Column::CreatedAt)
            .order_by_asc(api_tokens::Column::Id);
        paged_records(&self.db, select, page, to_token).await
    }

    /// Revokes a token. Not a versioned write: tokens carry no version, and revoking one
    /// twice leaves it as the first revocation did.
    pub async fn revoke_api_token(
        &self,
        who: &Who,
        id: ApiTokenId,
    ) -> Result<ApiTokenRecord, StoreError> {
        let txn = self.write().await?;
        let before = api_tokens::Entity::find_by_id(id.0)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if before.revoked_at.is_some() {
            return to_token(before);
        }
        let after = api_tokens::Model {
            revoked_at: Some(Utc::now()),
            ..before.clone()
        };
        api_tokens::Entity::update_many()
            .col_expr(api_tokens::Column::RevokedAt, Expr::value(after.revoked_at))
            .filter(api_tokens::Column::Id.eq(id.0))
            .exec(&txn)
            .await?;
        audit::record(
            &txn,
            who,
            Change::Update,
            RecordType::ApiToken,
            &id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        txn.commit().await?;
        to_token(after)
    }
}
