//! The admin home page's figures.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::formations::tz_of;
use super::{decode, instant_text};
use crate::domain::admin::{Dashboard, WeekSeance};
use crate::domain::format::PLATFORM_ZONE;
use crate::domain::recurrence::week_start;
use crate::domain::schedule::local_to_utc;
use crate::domain::status::{today_in, EnrollmentStatus};
use crate::error::AppError;
use crate::server::db::Db;

impl Db {
    /// Counts by effective status, pending requests, this week's sessions
    /// (Monday to Sunday in Paris time). Four queries.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_dashboard(&self, now: DateTime<Utc>) -> Result<Dashboard, AppError> {
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT e.status, e.start_date, e.end_date, f.timezone
             FROM enrollments e JOIN formations f ON f.id = e.formation_id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut counts: HashMap<EnrollmentStatus, i64> = HashMap::new();
        for (status, start, end, tz) in rows {
            *counts
                .entry(decode::effective(&status, &start, &end, &tz, now)?)
                .or_default() += 1;
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
        let count = |s| counts.get(&s).copied().unwrap_or(0);
        Ok(Dashboard {
            upcoming: count(EnrollmentStatus::Upcoming),
            active: count(EnrollmentStatus::Active),
            completed: count(EnrollmentStatus::Completed),
            cancelled: count(EnrollmentStatus::Cancelled),
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
