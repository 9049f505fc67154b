//! What every request shares: settings, the store, the signing keys, and the limits kept in
//! memory (sign-in throttling, concurrent password hashes).

use crate::auth::{Keys, Throttle};
use crate::configuration::Settings;
use mercociudades_domain::ids::UserId;
use mercociudades_persistence::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub store: Store,
    pub keys: Arc<Keys>,
    pub hashing: Arc<Semaphore>,
    pub throttle: Arc<Throttle>,
    /// Users whose sessions ended at a given time (UNIX milliseconds): access tokens issued
    /// before it are refused, without waiting for them to expire.
    pub sessions_ended: Arc<Mutex<HashMap<UserId, i64>>>,
}

impl AppState {
    pub fn new(settings: Settings, store: Store, keys: Keys) -> Self {
        let hashes = settings.auth.max_concurrent_hashes.max(1);
        let throttle = Throttle::new(
            settings.auth.free_failures,
            settings.auth.max_lockout_seconds,
        );
        Self {
            settings: Arc::new(settings),
            store,
            keys: Arc::new(keys),
            hashing: Arc::new(Semaphore::new(hashes)),
            throttle: Arc::new(throttle),
            sessions_ended: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    pub fn end_sessions(&self, user: UserId) {
        if let Ok(mut ended) = self.sessions_ended.lock() {
            ended.insert(user, chrono::Utc::now().timestamp_millis());
        }
    }

    pub fn sessions_ended_at(&self, user: UserId) -> Option<i64> {
        self.sessions_ended
            .lock()
            .ok()
            .and_then(|ended| ended.get(&user).copied())
    }
}
