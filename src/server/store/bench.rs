//! The benchmark's large data (`formations bench-seed`): learners,
//! enrollments, attendance marks and pending requests written by set-based
//! statements, a million rows in seconds. Data put in place, like the demo
//! (`Actor::System`): no audit entries. The formations and séances they go
//! to come through their write paths first (`server::bench_seed`).

use chrono::{DateTime, Duration, Utc};

use super::instant_text;
use crate::error::AppError;
use crate::server::db::Db;

/// What [`Db::bench_fill`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchCounts {
    pub learners: i64,
    pub enrollments: i64,
    pub marks: i64,
    pub requests: i64,
}

/// Each bench learner's number of enrollments.
pub const ENROLLMENTS_PER_LEARNER: i64 = 5;

impl Db {
    /// `learners` new learners (`bench-<n>@bench.test`, numbered after the
    /// last user, so that it can run again on the same formations; all with
    /// `password_hash`), each enrolled in [`ENROLLMENTS_PER_LEARNER`] of
    /// `formations` (a multiple of it, at least twice it), at dates spread
    /// over three months around `now` so that every effective status shows;
    /// one in twenty enrollments cancelled; marks at the first séance (and
    /// the second for half of them); a pending request for one learner in
    /// twenty. One transaction.
    pub async fn bench_fill(
        &self,
        learners: i64,
        formations: &[i64],
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<BenchCounts, AppError> {
        let count = formations.len() as i64;
        // At least two formations per slot of a learner, so that a request
        // can go to one they are not enrolled in.
        if count < 2 * ENROLLMENTS_PER_LEARNER
            || count % ENROLLMENTS_PER_LEARNER != 0
            || learners <= 0
        {
            return Err(AppError::BadRequest(
                crate::error::ErrorCode::SomeValuesInvalid,
            ));
        }
        let stride = count / ENROLLMENTS_PER_LEARNER;
        let at = instant_text(now);
        let mut tx = self.begin_write().await?;
        // Which formation is each slot, and the 90 periods enrollments take,
        // as tables the set-based inserts join (temporary: this connection's).
        sqlx::query("CREATE TEMPORARY TABLE bench_slots (slot BIGINT PRIMARY KEY, formation_id BIGINT NOT NULL)")
            .execute(&mut *tx)
            .await?;
        sqlx::query("CREATE TEMPORARY TABLE bench_periods (n BIGINT PRIMARY KEY, start_date TEXT NOT NULL, end_date TEXT NOT NULL)")
            .execute(&mut *tx)
            .await?;
        for (slot, id) in formations.iter().enumerate() {
            sqlx::query("INSERT INTO bench_slots (slot, formation_id) VALUES ($1, $2)")
                .bind(slot as i64)
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        let today = now.date_naive();
        for n in 0..90i64 {
            // From 60 days ago to 29 days ahead, 30 days long: past, current
            // and coming enrollments.
            let start = today + Duration::days(n - 60);
            sqlx::query("INSERT INTO bench_periods (n, start_date, end_date) VALUES ($1, $2, $3)")
                .bind(n)
                .bind(start.to_string())
                .bind((start + Duration::days(30)).to_string())
                .execute(&mut *tx)
                .await?;
        }
        let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM users")
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
             INSERT INTO users (email, name, password_hash, role, created_at, email_confirmed_at,
                                unsubscribe_token, calendar_token)
             SELECT 'bench-' || ($4 + i) || '@bench.test', 'Apprenant ' || ($4 + i), $2, 'learner', $3, $3,
                    'bench-u-' || ($4 + i), 'bench-c-' || ($4 + i)
             FROM n",
        )
        .bind(learners)
        .bind(password_hash)
        .bind(&at)
        .bind(first)
        .execute(&mut *tx)
        .await?;
        // Slot k * stride + id % stride for k in 0..5: five different
        // formations per learner.
        let enrollments = sqlx::query(
            "WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < $1)
             INSERT INTO enrollments (user_id, formation_id, start_date, end_date, status, total_sessions, created_at)
             SELECT u.id, s.formation_id, p.start_date, p.end_date,
                    CASE WHEN (u.id + k.n) % 20 = 0 THEN 'cancelled' ELSE 'active' END, 10, $3
             FROM users u CROSS JOIN k
             JOIN bench_slots s ON s.slot = k.n * $2 + u.id % $2
             JOIN bench_periods p ON p.n = (u.id * 7 + k.n * 13) % 90
             WHERE u.id > $4
             ORDER BY u.id, k.n",
        )
        .bind(ENROLLMENTS_PER_LEARNER - 1)
        .bind(stride)
        .bind(&at)
        .bind(first)
        .execute(&mut *tx)
        .await?
        .rows_affected() as i64;
        let marks = sqlx::query(
            "INSERT INTO session_attendance (user_id, session_id, marked_at, source)
             SELECT e.user_id, fs.id, $1, 'manual'
             FROM enrollments e JOIN formation_sessions fs ON fs.formation_id = e.formation_id
             WHERE e.user_id > $2 AND e.status <> 'cancelled'
               AND (fs.session_number = 1 OR (fs.session_number = 2 AND e.user_id % 2 = 0))",
        )
        .bind(&at)
        .bind(first)
        .execute(&mut *tx)
        .await?
        .rows_affected() as i64;
        // The slot after the learner's first: one they are not enrolled in.
        let requests = sqlx::query(
            "INSERT INTO enrollment_requests (user_id, formation_id, status, created_at)
             SELECT u.id, s.formation_id, 'pending', $1
             FROM users u JOIN bench_slots s ON s.slot = (u.id % $2 + 1) % $3
             WHERE u.id > $4 AND u.id % 20 = 0",
        )
        .bind(&at)
        .bind(stride)
        .bind(count)
        .bind(first)
        .execute(&mut *tx)
        .await?
        .rows_affected() as i64;
        sqlx::query("DROP TABLE bench_slots")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DROP TABLE bench_periods")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(BenchCounts {
            learners,
            enrollments,
            marks,
            requests,
        })
    }
}
