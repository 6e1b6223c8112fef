//! What keeps password guessing and hashing floods from exhausting the
//! service: a bounded password hasher, and per-address limits kept in memory
//! (failed logins, sign-ups). Per-account limits are in the database
//! (`store::throttle`), shared by every instance.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;
use tokio::sync::Semaphore;

use crate::error::{AppError, ErrorCode};

/// Argon2id takes 19 MiB per hash: without a bound, a few hundred parallel
/// logins took the server to several GB. Every hash and verification runs
/// under one of these permits, on one of as many threads of its own (not on
/// tokio's blocking pool, up to 512 threads): each hashing thread keeps its
/// Argon2 working memory between hashes (`auth::BLOCKS`; a fresh 19 MiB per
/// hash was never given back, +19 MiB of RSS per login), so the memory stays
/// at `permits` × 19 MiB.
pub struct Hashing {
    permits: Arc<Semaphore>,
    wait: Duration,
    jobs: mpsc::Sender<HashJob>,
}

type HashJob = Box<dyn FnOnce() + Send>;

/// How long a request waits for a hashing permit before it is told to retry.
pub const HASHING_WAIT: Duration = Duration::from_secs(2);

impl Hashing {
    pub fn new(permits: usize) -> Arc<Hashing> {
        let permits = permits.max(1);
        let (jobs, queue) = mpsc::channel::<HashJob>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..permits {
            let queue = Arc::clone(&queue);
            // The threads end when the last sender (this `Hashing` and its
            // permits) is dropped.
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || loop {
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(err) = spawned {
                tracing::error!(%err, "could not start a hashing thread");
            }
        }
        Arc::new(Hashing {
            permits: Arc::new(Semaphore::new(permits)),
            wait: HASHING_WAIT,
            jobs,
        })
    }

    /// min(2 × cores, 8): enough to keep every core busy, few enough that
    /// the memory stays bounded (8 × 19 MiB at most).
    pub fn default_permits() -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        (2 * cores).min(8)
    }

    /// The process-wide hasher: one bound for the whole process.
    pub fn global() -> Arc<Hashing> {
        static GLOBAL: OnceLock<Arc<Hashing>> = OnceLock::new();
        GLOBAL
            .get_or_init(|| Hashing::new(Hashing::default_permits()))
            .clone()
    }

    /// The semaphore itself, for tests that need to hold every permit.
    pub fn semaphore(&self) -> Arc<Semaphore> {
        self.permits.clone()
    }

    /// Waits for a hashing permit, or answers [`AppError::Busy`] after
    /// [`HASHING_WAIT`] (nothing is counted against the caller then).
    pub async fn acquire(&self) -> Result<HashPermit, AppError> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|_| AppError::Internal)?;
        Ok(HashPermit(permit, self.jobs.clone()))
    }

    /// Runs a hashing job once a permit is free (see [`HashPermit::run`]).
    pub async fn run<T, F>(&self, job: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        self.acquire().await?.run(job).await
    }
}

/// The right to run one Argon2 job.
pub struct HashPermit(tokio::sync::OwnedSemaphorePermit, mpsc::Sender<HashJob>);

impl HashPermit {
    /// Runs the job on a hashing thread. The permit moves into the job: a
    /// caller that gives up (client gone) does not free it while the hash
    /// still runs.
    pub async fn run<T, F>(self, job: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let HashPermit(permit, jobs) = self;
        let (done, result) = tokio::sync::oneshot::channel();
        jobs.send(Box::new(move || {
            let _ = done.send(job());
            drop(permit);
        }))
        .map_err(|_| AppError::Internal)?;
        result.await.map_err(|_| AppError::Internal)
    }
}

/// Failed logins allowed per client address in [`LOGIN_PERIOD`].
pub const LOGIN_FAILURES_PER_ADDRESS: u32 = 30;
pub const LOGIN_PERIOD: Duration = Duration::from_secs(15 * 60);
/// Sign-ups allowed per client address in [`SIGNUP_PERIOD`].
pub const SIGNUPS_PER_ADDRESS: u32 = 10;
pub const SIGNUP_PERIOD: Duration = Duration::from_secs(3600);

/// Sweeps the in-memory maps every this many recorded events.
const SWEEP_EVERY: u64 = 1024;

/// Answers how much allowance is left after each spending.
type InfoLimiter = DefaultKeyedRateLimiter<IpAddr, StateInformationMiddleware>;

/// Per-address limits, in memory (each instance counts its own clients).
pub struct ClientLimits {
    trusted_proxies: Vec<IpNet>,
    failed_logins: InfoLimiter,
    /// Addresses whose failed-login allowance is used up, until when: checked
    /// before any hashing (governor cannot be asked without spending).
    blocked: Mutex<HashMap<IpAddr, Instant>>,
    signups: DefaultKeyedRateLimiter<IpAddr>,
    events: AtomicU64,
}

fn quota(count: u32, period: Duration) -> Quota {
    let count = NonZeroU32::new(count).expect("a positive count");
    Quota::with_period(period / count.get())
        .expect("a positive period")
        .allow_burst(count)
}

impl ClientLimits {
    pub fn new(trusted_proxies: Vec<IpNet>) -> ClientLimits {
        ClientLimits {
            trusted_proxies,
            failed_logins: RateLimiter::keyed(quota(LOGIN_FAILURES_PER_ADDRESS, LOGIN_PERIOD))
                .with_middleware::<StateInformationMiddleware>(),
            blocked: Mutex::new(HashMap::new()),
            signups: RateLimiter::keyed(quota(SIGNUPS_PER_ADDRESS, SIGNUP_PERIOD)),
            events: AtomicU64::new(0),
        }
    }

    /// The client's address: the socket peer, or, when the peer is a trusted
    /// proxy, the first address of `X-Forwarded-For` that is not one,
    /// scanning from the right (the left part is whatever the client wrote).
    pub fn client_ip(&self, peer: Option<SocketAddr>, headers: &HeaderMap) -> IpAddr {
        client_ip(peer, headers, &self.trusted_proxies)
    }

    /// Before any hashing: refuses an address that failed too many logins.
    pub fn check_login(&self, ip: IpAddr) -> Result<(), AppError> {
        let key = limit_key(ip);
        let blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        match blocked.get(&key) {
            Some(until) if *until > Instant::now() => Err(AppError::TooManyRequests {
                code: ErrorCode::AddressLocked,
                retry_after_secs: whole_secs(*until - Instant::now()),
            }),
            _ => Ok(()),
        }
    }

    /// Counts a failed login; the one that spends the last allowance blocks
    /// the address until the next one comes back.
    pub fn record_login_failure(&self, ip: IpAddr) {
        let key = limit_key(ip);
        let clock = DefaultClock::default();
        let until = match self.failed_logins.check_key(&key) {
            Ok(state) if state.remaining_burst_capacity() > 0 => None,
            Ok(_) => Some(Instant::now() + LOGIN_PERIOD / LOGIN_FAILURES_PER_ADDRESS),
            Err(not_until) => Some(Instant::now() + not_until.wait_time_from(clock.now())),
        };
        if let Some(until) = until {
            self.blocked
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, until);
        }
        self.sweep();
    }

    /// Spends one sign-up of the address, or refuses it.
    pub fn check_signup(&self, ip: IpAddr) -> Result<(), AppError> {
        let clock = DefaultClock::default();
        let outcome = self.signups.check_key(&limit_key(ip));
        self.sweep();
        outcome.map_err(|not_until| {
            let secs = whole_secs(not_until.wait_time_from(clock.now()));
            AppError::TooManyRequests {
                code: ErrorCode::TooManySignups,
                retry_after_secs: secs,
            }
        })
    }

    /// Forgets the addresses nobody needs to remember, now and then, so that
    /// a flood of addresses does not grow the maps for ever.
    fn sweep(&self) {
        if !self
            .events
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(SWEEP_EVERY)
        {
            return;
        }
        self.failed_logins.retain_recent();
        self.signups.retain_recent();
        let now = Instant::now();
        self.blocked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, until| *until > now);
    }
}

fn whole_secs(duration: Duration) -> u64 {
    duration.as_millis().div_ceil(1000).max(1) as u64
}

/// IPv6 clients are counted per /64: one subscriber usually holds a whole
/// /64 and could otherwise change address at every attempt.
fn limit_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .map(|ip| ip.to_canonical())
}

pub fn client_ip(peer: Option<SocketAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.map_or(IpAddr::from([0, 0, 0, 0]), |p| p.ip().to_canonical());
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut client = peer;
    for entry in entries.iter().rev() {
        // A hop that is not an address ends the chain we can believe.
        let Some(ip) = parse_forwarded(entry) else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in xff {
            map.append("x-forwarded-for", v.parse().unwrap());
        }
        map
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn peer(ip: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(ip.parse().unwrap(), 40000))
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let h = headers(&["203.0.113.9"]);
        assert_eq!(client_ip(peer("198.51.100.1"), &h, &[]), ip("198.51.100.1"));
        let trusted = nets(&["10.0.0.0/8"]);
        let client = client_ip(peer("198.51.100.1"), &h, &trusted);
        assert_eq!(client, ip("198.51.100.1"));
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "127.0.0.1/32"]);
        let client = |from: &str, h: &HeaderMap| client_ip(peer(from), h, &trusted);
        // The client forged the leftmost entry; the proxies appended the rest.
        let h = headers(&["1.1.1.1, 203.0.113.9", "10.0.0.7"]);
        assert_eq!(client("127.0.0.1", &h), ip("203.0.113.9"));
        // Only proxies in the chain: the leftmost is the best we know.
        let h = headers(&["10.0.0.9, 10.0.0.7"]);
        assert_eq!(client("10.0.0.1", &h), ip("10.0.0.9"));
        // No header: the proxy itself.
        assert_eq!(client("10.0.0.1", &HeaderMap::new()), ip("10.0.0.1"));
        // Garbage stops the scan at the last hop believed.
        let h = headers(&["203.0.113.9, garbage, 10.0.0.7"]);
        assert_eq!(client("10.0.0.1", &h), ip("10.0.0.7"));
        // Ports and IPv4-mapped IPv6 addresses are understood.
        let h = headers(&["203.0.113.9:5555"]);
        assert_eq!(client("::ffff:10.0.0.1", &h), ip("203.0.113.9"));
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(limit_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
    }

    /// Checks the first address once it used its allowance: refused with a
    /// 429, while another address still passes.
    fn refused_once_used(check: impl Fn(IpAddr) -> Result<(), AppError>) -> AppError {
        let err = check(ip("192.0.2.1")).unwrap_err();
        assert_eq!(err.status_code(), 429);
        assert!(check(ip("192.0.2.2")).is_ok());
        err
    }

    #[test]
    fn the_thirtieth_failure_blocks_the_address_before_any_more_hashing() {
        let limits = ClientLimits::new(vec![]);
        let a = ip("192.0.2.1");
        for _ in 0..LOGIN_FAILURES_PER_ADDRESS {
            assert!(limits.check_login(a).is_ok());
            limits.record_login_failure(a);
        }
        let err = refused_once_used(|ip| limits.check_login(ip));
        assert!(err.retry_after().unwrap() >= 1);
    }

    #[test]
    fn the_eleventh_signup_of_an_hour_is_refused() {
        let limits = ClientLimits::new(vec![]);
        for _ in 0..SIGNUPS_PER_ADDRESS {
            assert!(limits.check_signup(ip("192.0.2.1")).is_ok());
        }
        let err = refused_once_used(|ip| limits.check_signup(ip));
        assert!(err.to_string().contains("inscriptions"));
    }
}
