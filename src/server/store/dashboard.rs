//! The admin home page's figures.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::formations::tz_of;
use super::{decode, instant_text};
use crate::domain::admin::{Dashboard, WeekSeance};
use crate::domain::format::PLATFORM_ZONE;
use crate::domain::recurrence::week_start;
use crate::domain::schedule::local_to_utc;
use crate::domain::status::{candidate_days, counts_on, today_in, DateCounts};
use crate::error::AppError;
use crate::server::db::Db;

impl Db {
    /// Counts by effective status, pending requests, this week's sessions
    /// (Monday to Sunday in Paris time). Four queries.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_dashboard(&self, now: DateTime<Utc>) -> Result<Dashboard, AppError> {
        // Counted in the database against the three days "today" can be
        // anywhere (`candidate_days`), per formation, from the few rows of
        // `enrollment_counts` (one per period, kept by triggers) rather than
        // the enrollments themselves; each formation's zone then picks its day.
        let days = candidate_days(now);
        let groups: Vec<StoredCounts> = sqlx::query_as(
            "SELECT f.timezone, c.cancelled, c.live, c.after0, c.after1, c.after2,
                    c.before0, c.before1, c.before2
             FROM (SELECT formation_id,
                     CAST(SUM(CASE WHEN cancelled = 1 THEN n ELSE 0 END) AS BIGINT) AS cancelled,
                     CAST(SUM(CASE WHEN cancelled = 0 THEN n ELSE 0 END) AS BIGINT) AS live,
                     CAST(SUM(CASE WHEN cancelled = 0 AND start_date > $1 THEN n ELSE 0 END) AS BIGINT) AS after0,
                     CAST(SUM(CASE WHEN cancelled = 0 AND start_date > $2 THEN n ELSE 0 END) AS BIGINT) AS after1,
                     CAST(SUM(CASE WHEN cancelled = 0 AND start_date > $3 THEN n ELSE 0 END) AS BIGINT) AS after2,
                     CAST(SUM(CASE WHEN cancelled = 0 AND end_date < $1 THEN n ELSE 0 END) AS BIGINT) AS before0,
                     CAST(SUM(CASE WHEN cancelled = 0 AND end_date < $2 THEN n ELSE 0 END) AS BIGINT) AS before1,
                     CAST(SUM(CASE WHEN cancelled = 0 AND end_date < $3 THEN n ELSE 0 END) AS BIGINT) AS before2
                   FROM enrollment_counts GROUP BY formation_id) c
             JOIN formations f ON f.id = c.formation_id",
        )
        .bind(days[0].to_string())
        .bind(days[1].to_string())
        .bind(days[2].to_string())
        .fetch_all(self.pool())
        .await?;
        let mut counts = [0i64; 4];
        for g in groups {
            let today = today_in(decode::timezone(&g.timezone)?, now);
            let group = DateCounts {
                cancelled: g.cancelled,
                live: g.live,
                start_after: [g.after0, g.after1, g.after2],
                end_before: [g.before0, g.before1, g.before2],
            };
            for (total, n) in counts.iter_mut().zip(counts_on(&group, days, today)) {
                *total += n;
            }
        }
        let pending_requests: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM enrollment_requests WHERE status = 'pending'")
                .fetch_one(self.pool())
                .await?;
        let formations: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM formations WHERE archived = 0")
                .fetch_one(self.pool())
                .await?;
        let paris = PLATFORM_ZONE;
        let monday = week_start(today_in(paris, now));
        let from = local_to_utc(paris, monday, NaiveTime::MIN);
        let to = local_to_utc(paris, monday + Duration::days(7), NaiveTime::MIN);
        let rows: Vec<StoredWeekSeance> = sqlx::query_as(
            "SELECT f.id AS formation_id, f.name AS formation_name, f.timezone, s.session_number, s.title, s.scheduled_date
             FROM formation_sessions s JOIN formations f ON f.id = s.formation_id
             WHERE s.scheduled_date >= $1 AND s.scheduled_date < $2 AND f.archived = 0
             ORDER BY s.scheduled_date, f.name",
        )
        .bind(instant_text(from))
        .bind(instant_text(to))
        .fetch_all(self.pool())
        .await?;
        let week_sessions = rows
            .into_iter()
            .map(|r| {
                let at = decode::instant(&r.scheduled_date)?;
                Ok(WeekSeance {
                    at,
                    formation_id: r.formation_id,
                    formation_name: r.formation_name,
                    number: r.session_number,
                    title: r.title,
                    timezone: tz_of(&r.timezone)?.name().to_string(),
                })
            })
            .collect::<Result<_, AppError>>()?;
        let [upcoming, active, completed, cancelled] = counts;
        Ok(Dashboard {
            upcoming,
            active,
            completed,
            cancelled,
            pending_requests,
            formations,
            week_sessions,
        })
    }
}

/// A séance of this week as stored, with its formation.
#[derive(sqlx::FromRow)]
struct StoredWeekSeance {
    formation_id: i64,
    formation_name: String,
    timezone: String,
    session_number: i64,
    title: String,
    scheduled_date: String,
}

/// One formation's enrollments counted against the candidate days.
#[derive(sqlx::FromRow)]
struct StoredCounts {
    timezone: String,
    cancelled: i64,
    live: i64,
    after0: i64,
    after1: i64,
    after2: i64,
    before0: i64,
    before1: i64,
    before2: i64,
}
