//! What every request shares: settings, the store, the signing keys, and the cap on concurrent
//! password hashes. What must hold across restarts and instances (ended sessions, sign-in
//! attempts) lives in the database, not here.

use crate::auth::Keys;
use crate::configuration::Settings;
use crate::error::ApiResult;
use crate::rate_limit::RateLimiter;
use mercociudades_domain::ids::UserId;
use mercociudades_persistence::Store;
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub store: Store,
    pub keys: Arc<Keys>,
    pub hashing: Arc<Semaphore>,
    pub rate_limits: Arc<RateLimiter>,
}

impl AppState {
    pub fn new(settings: Settings, store: Store, keys: Keys) -> Self {
        let hashes = settings.auth.max_concurrent_hashes.max(1);
        let rate_limits = Arc::new(RateLimiter::new(settings.rate_limit.clone()));
        Self {
            rate_limits,
            settings: Arc::new(settings),
            store,
            keys: Arc::new(keys),
            hashing: Arc::new(Semaphore::new(hashes)),
        }
    }

    /// Ends every session of `user` now: the access tokens already issued are refused at once,
    /// by every instance, also after a restart.
    pub async fn end_sessions(&self, user: UserId) -> ApiResult<()> {
        let now = chrono::Utc::now().timestamp_millis();
        Ok(self.store.end_sessions(user, now).await?)
    }
}
