//! Failed-login counters per normalised e-mail, in the database so that every
//! instance behind a load balancer sees the same ones. The rule itself is
//! `domain::throttle`; the clock is the caller's (`now`), so tests can move it.

use chrono::{DateTime, Duration, Utc};

use super::{instant_text, parse_instant};
use crate::domain::account::Email;
use crate::domain::throttle::{self, Counter};
use crate::error::AppError;
use crate::server::db::Db;

/// Two attempts racing for one counter both re-read it; past this many lost
/// races the attempt is refused as "busy" rather than looping.
const MAX_RACES: usize = 20;

#[derive(sqlx::FromRow)]
struct CounterRow {
    failures: i64,
    first_failure_at: String,
    last_failure_at: String,
}

impl CounterRow {
    fn counter(&self) -> Option<Counter> {
        Some(Counter {
            failures: self.failures,
            first_failure_at: parse_instant(&self.first_failure_at)?,
            last_failure_at: parse_instant(&self.last_failure_at)?,
        })
    }
}

impl Db {
    async fn login_counter_row(&self, email: &Email) -> Result<Option<CounterRow>, AppError> {
        Ok(sqlx::query_as(
            "SELECT failures, first_failure_at, last_failure_at
             FROM login_throttle WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.pool())
        .await?)
    }

    /// The time left before this address may try again, if it is locked: a
    /// read only, made before waiting for the password hasher.
    pub async fn login_locked_for(
        &self,
        email: &Email,
        now: DateTime<Utc>,
    ) -> Result<Option<Duration>, AppError> {
        let row = self.login_counter_row(email).await?;
        Ok(row
            .and_then(|row| row.counter())
            .and_then(|counter| throttle::locked_for(&counter, now)))
    }

    /// Counts one attempt as a failure before the password is checked, or
    /// answers the time left if the address is locked. The write is an upsert
    /// guarded by the values just read (compare-and-set), so concurrent
    /// attempts on any instance and either backend never lose a count: the
    /// loser reads again and decides again.
    pub async fn claim_login_attempt(
        &self,
        email: &Email,
        now: DateTime<Utc>,
    ) -> Result<Result<(), Duration>, AppError> {
        for _ in 0..MAX_RACES {
            let row = self.login_counter_row(email).await?;
            let current = row.as_ref().and_then(CounterRow::counter);
            let next = match throttle::attempt(current.as_ref(), now) {
                Ok(next) => next,
                Err(left) => return Ok(Err(left)),
            };
            // With no row read, the guard can only fail: a row that appeared
            // meanwhile is another attempt's, and this one reads it again.
            let (seen_failures, seen_last) = match &row {
                Some(row) => (row.failures, row.last_failure_at.clone()),
                None => (-1, String::new()),
            };
            let written = sqlx::query(
                "INSERT INTO login_throttle (email, failures, first_failure_at, last_failure_at)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (email) DO UPDATE SET
                     failures = excluded.failures,
                     first_failure_at = excluded.first_failure_at,
                     last_failure_at = excluded.last_failure_at
                 WHERE login_throttle.failures = $5 AND login_throttle.last_failure_at = $6",
            )
            .bind(email.as_str())
            .bind(next.failures)
            .bind(instant_text(next.first_failure_at))
            .bind(instant_text(next.last_failure_at))
            .bind(seen_failures)
            .bind(seen_last)
            .execute(self.pool())
            .await?
            .rows_affected();
            if written == 1 {
                return Ok(Ok(()));
            }
        }
        Err(AppError::Busy)
    }

    /// A successful login forgets the failures of its address, and sweeps the
    /// counters nobody needs any more so the table does not grow for ever.
    pub async fn clear_login_failures(
        &self,
        email: &Email,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let forgotten = now - throttle::max_delay() - throttle::window();
        sqlx::query("DELETE FROM login_throttle WHERE email = $1 OR last_failure_at <= $2")
            .bind(email.as_str())
            .bind(instant_text(forgotten))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
