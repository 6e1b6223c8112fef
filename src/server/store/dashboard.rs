//! The admin home page's figures.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::formations::tz_of;
use super::{instant_text, parse_instant};
use crate::domain::admin::{Dashboard, WeekSession};
use crate::domain::recurrence::week_start;
use crate::domain::schedule::local_to_utc;
use crate::domain::status::{effective_status, today_in, EnrollmentStatus};
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
            let tz = tz_of(&tz);
            let (Ok(start), Ok(end)) = (start.parse(), end.parse()) else {
                continue;
            };
            let stored = EnrollmentStatus::parse(&status).unwrap_or(EnrollmentStatus::Upcoming);
            *counts
                .entry(effective_status(stored, start, end, today_in(tz, now)))
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
        let paris = chrono_tz::Europe::Paris;
        let monday = week_start(today_in(paris, now));
        let from = local_to_utc(paris, monday, NaiveTime::MIN);
        let to = local_to_utc(paris, monday + Duration::days(7), NaiveTime::MIN);
        let rows: Vec<(i64, String, String, i64, String, String)> = sqlx::query_as(
            "SELECT f.id, f.name, f.timezone, s.session_number, s.title, s.scheduled_date
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
            .map(
                |(formation_id, formation_name, timezone, number, title, at)| {
                    let local = parse_instant(&at)
                        .map(|at| {
                            at.with_timezone(&tz_of(&timezone))
                                .format("%d/%m/%Y %H:%M")
                                .to_string()
                        })
                        .unwrap_or_default();
                    WeekSession {
                        formation_id,
                        formation_name,
                        number,
                        title,
                        local,
                        timezone,
                    }
                },
            )
            .collect();
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
