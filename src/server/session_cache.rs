//! A short-lived, in-process copy of session lookups: a page or an API call
//! then costs no query to know who is calling. Each instance keeps its own;
//! what makes a copy wrong is forgotten at once on the instance where it
//! happens (logout, revocation, a password or name change, notices read),
//! and on other instances within the time to live (`FORMATIONS_SESSION_CACHE_SECONDS`,
//! 2 s by default, 0 to turn it off) — the bound the README states for a
//! revocation to reach every instance.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::domain::account::SessionUser;

/// Beyond this many live sessions the oldest copies are dropped: memory
/// stays bounded whatever the traffic.
const CAPACITY: usize = 10_000;

#[derive(Debug, Default)]
pub struct SessionCache {
    /// The time to live in milliseconds; set once at start-up, read on
    /// every request.
    ttl_ms: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

#[derive(Debug, Clone)]
struct Entry {
    at: Instant,
    user: SessionUser,
    last_seen: DateTime<Utc>,
}

impl SessionCache {
    pub fn new(ttl: Duration) -> SessionCache {
        let cache = SessionCache::default();
        cache.set_ttl(ttl);
        cache
    }

    /// Changes the time to live (zero: keep nothing), forgetting every copy.
    pub fn set_ttl(&self, ttl: Duration) {
        self.ttl_ms.store(
            ttl.as_millis().try_into().unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
        self.entries().clear();
    }

    fn ttl(&self) -> Duration {
        Duration::from_millis(self.ttl_ms.load(Ordering::Relaxed))
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic elsewhere while holding the lock leaves nothing half-made.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The copy of the session `token_hash`, if one younger than the time to
    /// live is held.
    pub fn get(&self, token_hash: &str) -> Option<(SessionUser, DateTime<Utc>)> {
        let ttl = self.ttl();
        if ttl.is_zero() {
            return None;
        }
        let entries = self.entries();
        let entry = entries.get(token_hash)?;
        (entry.at.elapsed() < ttl).then(|| (entry.user.clone(), entry.last_seen))
    }

    pub fn put(&self, token_hash: &str, user: &SessionUser, last_seen: DateTime<Utc>) {
        let ttl = self.ttl();
        if ttl.is_zero() {
            return;
        }
        let mut entries = self.entries();
        if entries.len() >= CAPACITY {
            entries.retain(|_, e| e.at.elapsed() < ttl);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(
            token_hash.to_string(),
            Entry {
                at: Instant::now(),
                user: user.clone(),
                last_seen,
            },
        );
    }

    /// Records on the copy that the session was just marked as in use, so
    /// that the copy does not ask for that write again.
    pub fn touched(&self, token_hash: &str, now: DateTime<Utc>) {
        if let Some(entry) = self.entries().get_mut(token_hash) {
            entry.last_seen = now;
        }
    }

    /// Forgets every copy of the user's sessions: the next request of each
    /// reads the database.
    pub fn forget_user(&self, user_id: i64) {
        self.entries().retain(|_, e| e.user.id != user_id);
    }

    /// Forgets a session and, with it, every other of its user here (a
    /// logout also closes the session opened by the same login).
    pub fn forget_token(&self, token_hash: &str) {
        let mut entries = self.entries();
        if let Some(user_id) = entries.get(token_hash).map(|e| e.user.id) {
            entries.retain(|_, e| e.user.id != user_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Role;

    fn user(id: i64) -> SessionUser {
        SessionUser {
            id,
            email: format!("u{id}@example.com"),
            name: format!("U{id}"),
            role: Role::Learner,
            language: None,
            unread_notices: 0,
        }
    }

    #[test]
    fn copies_are_kept_for_the_time_to_live_and_forgotten_by_user_or_token() {
        let cache = SessionCache::new(Duration::from_secs(60));
        let now = Utc::now();
        cache.put("a", &user(1), now);
        cache.put("b", &user(1), now);
        cache.put("c", &user(2), now);
        assert_eq!(cache.get("a").map(|(u, _)| u.id), Some(1));
        cache.forget_token("a");
        assert!(cache.get("a").is_none());
        assert!(cache.get("b").is_none(), "the same user's other session");
        assert!(cache.get("c").is_some());
        cache.forget_user(2);
        assert!(cache.get("c").is_none());
    }

    #[test]
    fn a_zero_time_to_live_keeps_nothing_and_old_copies_are_not_answered() {
        let off = SessionCache::new(Duration::ZERO);
        off.put("a", &user(1), Utc::now());
        assert!(off.get("a").is_none());
        let short = SessionCache::new(Duration::from_millis(1));
        short.put("a", &user(1), Utc::now());
        std::thread::sleep(Duration::from_millis(2));
        assert!(short.get("a").is_none());
    }

    #[test]
    fn memory_stays_bounded() {
        let cache = SessionCache::new(Duration::from_secs(60));
        for i in 0..(CAPACITY + 10) {
            cache.put(&format!("t{i}"), &user(i as i64), Utc::now());
        }
        assert!(cache.entries().len() <= CAPACITY);
    }
}
