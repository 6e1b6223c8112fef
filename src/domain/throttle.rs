//! Login throttling per account: after [`MAX_FAILURES`] failed logins within
//! [`window`], the account is locked for a delay that doubles with every
//! further failure (1, 2, 4, 8 then 15 minutes). The rule lives here, apart
//! from where the counters are kept (the database, shared by every instance).
//!
//! An attempt is counted *before* the password is checked and the counter is
//! cleared when it succeeds: parallel attempts cannot slip past the lock
//! while the first ones are still being hashed.

use chrono::{DateTime, Duration, Utc};

/// Failed logins allowed within [`window`] before the account is locked.
pub const MAX_FAILURES: i64 = 5;

/// The window in which [`MAX_FAILURES`] failures lock the account.
pub fn window() -> Duration {
    Duration::minutes(15)
}

/// The first lock; each further failure doubles it.
pub fn base_delay() -> Duration {
    Duration::minutes(1)
}

/// The longest lock.
pub fn max_delay() -> Duration {
    Duration::minutes(15)
}

/// The failures counted for one normalised e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub failures: i64,
    /// The first failure of the current window.
    pub first_failure_at: DateTime<Utc>,
    pub last_failure_at: DateTime<Utc>,
}

/// How long the account stays locked after `failures` failures: none below
/// [`MAX_FAILURES`], then 1, 2, 4… minutes, at most [`max_delay`].
pub fn delay_after(failures: i64) -> Option<Duration> {
    if failures < MAX_FAILURES {
        return None;
    }
    let doublings = (failures - MAX_FAILURES).min(16) as u32;
    Some((base_delay() * 2_i32.pow(doublings)).min(max_delay()))
}

/// A counter is forgotten when its window ended without reaching the limit,
/// or when no failure came for a window's length after the longest lock.
pub fn is_stale(counter: &Counter, now: DateTime<Utc>) -> bool {
    let window_over = counter.failures < MAX_FAILURES && counter.first_failure_at + window() <= now;
    let quiet = counter.last_failure_at + max_delay() + window() <= now;
    window_over || quiet
}

/// The time left before the account may try again, if it is locked.
pub fn locked_for(counter: &Counter, now: DateTime<Utc>) -> Option<Duration> {
    if is_stale(counter, now) {
        return None;
    }
    let until = counter.last_failure_at + delay_after(counter.failures)?;
    (now < until).then(|| until - now)
}

/// One more attempt: the counter that records it as a failure (cleared again
/// if the password turns out right), or the time left if the account is locked.
pub fn attempt(counter: Option<&Counter>, now: DateTime<Utc>) -> Result<Counter, Duration> {
    match counter {
        Some(counter) if !is_stale(counter, now) => {
            if let Some(left) = locked_for(counter, now) {
                return Err(left);
            }
            Ok(Counter {
                failures: counter.failures + 1,
                first_failure_at: counter.first_failure_at,
                last_failure_at: now,
            })
        }
        _ => Ok(Counter {
            failures: 1,
            first_failure_at: now,
            last_failure_at: now,
        }),
    }
}

/// Whole seconds for `Retry-After`, rounded up and at least one.
pub fn retry_after_secs(left: Duration) -> u64 {
    let millis = left.num_milliseconds().max(1) as u64;
    millis.div_ceil(1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn min(n: i64) -> Duration {
        Duration::minutes(n)
    }

    /// Plays failures at the given minutes after t0, each one allowed.
    fn fail_at(minutes: &[i64]) -> Counter {
        let mut counter = None;
        for m in minutes {
            counter = Some(attempt(counter.as_ref(), t0() + min(*m)).expect("allowed"));
        }
        counter.unwrap()
    }

    #[test]
    fn the_delay_doubles_from_the_fifth_failure_up_to_fifteen_minutes() {
        assert_eq!(delay_after(0), None);
        assert_eq!(delay_after(4), None);
        assert_eq!(delay_after(5), Some(min(1)));
        assert_eq!(delay_after(6), Some(min(2)));
        assert_eq!(delay_after(7), Some(min(4)));
        assert_eq!(delay_after(8), Some(min(8)));
        assert_eq!(delay_after(9), Some(min(15)));
        assert_eq!(delay_after(40), Some(min(15)));
        assert_eq!(delay_after(i64::MAX), Some(min(15)));
    }

    #[test]
    fn four_failures_leave_the_account_open_and_the_fifth_locks_it_for_a_minute() {
        let four = fail_at(&[0, 0, 1, 2]);
        assert_eq!(locked_for(&four, t0() + min(2)), None);
        let five = attempt(Some(&four), t0() + min(3)).unwrap();
        assert_eq!(five.failures, 5);
        assert_eq!(locked_for(&five, t0() + min(3)), Some(min(1)));
        assert_eq!(
            attempt(Some(&five), t0() + min(3) + Duration::seconds(20)),
            Err(Duration::seconds(40))
        );
        // The lock is over after the delay: one more try is allowed.
        let six = attempt(Some(&five), t0() + min(4)).unwrap();
        assert_eq!(six.failures, 6);
        assert_eq!(locked_for(&six, t0() + min(4)), Some(min(2)));
    }

    #[test]
    fn failures_spread_over_more_than_the_window_never_lock() {
        let four = fail_at(&[0, 5, 10, 14]);
        // The window that began at 0 is over at 15: the count starts again.
        let next = attempt(Some(&four), t0() + min(15)).unwrap();
        assert_eq!(next.failures, 1);
        assert_eq!(next.first_failure_at, t0() + min(15));
    }

    #[test]
    fn a_locked_counter_keeps_counting_until_it_stays_quiet_for_a_window_after_the_longest_lock() {
        let mut counter = fail_at(&[0, 0, 0, 0, 0]);
        let mut at = t0();
        for expected in [1, 2, 4, 8, 15, 15] {
            assert_eq!(locked_for(&counter, at), Some(min(expected)));
            at += min(expected);
            counter = attempt(Some(&counter), at).unwrap();
        }
        assert_eq!(counter.failures, 11);
        // Thirty minutes of quiet after the last failure: a fresh start.
        assert!(!is_stale(&counter, at + min(29)));
        assert!(is_stale(&counter, at + min(30)));
        assert_eq!(attempt(Some(&counter), at + min(30)).unwrap().failures, 1);
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        assert_eq!(retry_after_secs(Duration::milliseconds(1)), 1);
        assert_eq!(retry_after_secs(Duration::zero()), 1);
        assert_eq!(retry_after_secs(Duration::milliseconds(59_001)), 60);
        assert_eq!(retry_after_secs(min(15)), 900);
    }
}
