//! The application's clock: real time in production, a settable instant in
//! tests, so rules that depend on "now" (a certificate earned the day after
//! the end date, the sweep) are tested without waiting.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Default)]
pub struct Clock {
    /// `None`: the system clock.
    fixed: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.fixed {
            None => f.write_str("Clock(real)"),
            Some(_) => write!(f, "Clock(fixed at {})", self.now()),
        }
    }
}

impl Clock {
    /// The system clock.
    pub fn real() -> Clock {
        Clock { fixed: None }
    }

    /// A clock that stays at `at` until set or advanced.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock {
            fixed: Some(Arc::new(Mutex::new(at))),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.fixed {
            None => Utc::now(),
            Some(at) => *at.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Moves a fixed clock to `at` (every clone sees it); a real clock
    /// cannot be set and ignores it.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(fixed) = &self.fixed {
            *fixed.lock().unwrap_or_else(|e| e.into_inner()) = at;
        }
    }

    pub fn advance(&self, by: Duration) {
        self.set(self.now() + by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moves_only_when_told_and_every_clone_follows() {
        let at = DateTime::parse_from_rfc3339("2024-02-16T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let clock = Clock::fixed(at);
        let other = clock.clone();
        assert_eq!(clock.now(), at);
        other.advance(Duration::days(1));
        assert_eq!(clock.now(), at + Duration::days(1));
        let real = Clock::real();
        let before = Utc::now();
        real.set(at);
        assert!(real.now() >= before);
    }
}
