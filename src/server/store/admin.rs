//! The admin area's queries: formations, their sessions, enrollments and
//! attendance, and the dashboard. Every change writes its audit line in the
//! same transaction.
// Row tuples mirror the SELECT column lists written next to them.
#![allow(clippy::type_complexity)]

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde_json::json;
use sqlx::{Any, Transaction};

use super::audit::{record, Change};
use super::{instant_text, is_unique_violation, parse_instant};
use crate::domain::account::SessionUser;
use crate::domain::admin::{
    self, AttendanceGrid, Dashboard, EnrollmentRow, EnrollmentsView, FormationDetail,
    FormationFields, FormationHead, FormationInput, FormationRow, GridLearner, Series, SessionRow,
    SessionView, SessionsView, WeekSession,
};
use crate::domain::attendance::{attendance_open, attendance_rate, check_attendance_open};
use crate::domain::catalog::{Level, Platform};
use crate::domain::recurrence::week_start;
use crate::domain::schedule::{local_to_utc, weekly_occurrences};
use crate::domain::status::{effective_status, today_in, EnrollmentStatus};
use crate::error::AppError;
use crate::server::db::{Backend, Db};

/// The most sessions one series may create.
pub const MAX_SERIES: usize = 200;

/// Filters of the formations list.
#[derive(Debug, Clone, Default)]
pub struct FormationFilter {
    pub search: String,
    pub level: Option<Level>,
    pub platform: Option<Platform>,
    pub include_archived: bool,
}

/// A session's fields once checked, in UTC.
#[derive(Clone)]
pub struct SessionFields {
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub meeting_link: Option<String>,
    pub recording_link: Option<String>,
}
crate::debug_redacted!(SessionFields { title, scheduled_at, duration_minutes, recording_link } hide { meeting_link });

fn tz_of(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Paris)
}

fn fields_json(f: &FormationFields) -> serde_json::Value {
    json!({
        "name": f.name, "description": f.description, "level": f.level.as_str(),
        "platform": f.platform.as_str(), "meeting_link": f.meeting_link,
        "meeting_id": f.meeting_id, "meeting_password": f.meeting_password.as_ref().map(|_| "***"),
        "instructor_name": f.instructor_name, "schedule_description": f.schedule_description,
        "timezone": f.timezone.name(),
    })
}

fn input_json(i: &FormationInput, archived: bool, version: i64) -> serde_json::Value {
    json!({
        "name": i.name, "description": i.description, "level": i.level,
        "platform": i.platform, "meeting_link": i.meeting_link, "meeting_id": i.meeting_id,
        "meeting_password": if i.meeting_password.is_empty() { None } else { Some("***") },
        "instructor_name": i.instructor_name, "schedule_description": i.schedule_description,
        "timezone": i.timezone, "archived": archived, "version": version,
    })
}

fn session_json(s: &SessionRow) -> serde_json::Value {
    json!({
        "number": s.number, "title": s.title, "scheduled_date": s.scheduled_at,
        "duration_minutes": s.duration_minutes, "meeting_link": s.meeting_link,
        "recording_link": s.recording_link,
    })
}

type SessionTuple = (
    i64,
    i64,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
);

fn session_row(tz: Tz, t: SessionTuple) -> SessionRow {
    let (id, number, title, scheduled_at, duration_minutes, meeting_link, recording_link) = t;
    let starts_at = parse_instant(&scheduled_at);
    let local = starts_at
        .map(|at| at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default();
    SessionRow {
        attendance_open: starts_at.is_some_and(|at| attendance_open(at, Utc::now())),
        id,
        number,
        title,
        scheduled_at,
        local,
        duration_minutes,
        meeting_link: meeting_link.unwrap_or_default(),
        recording_link: recording_link.unwrap_or_default(),
    }
}

const SESSION_COLUMNS: &str =
    "id, session_number, title, scheduled_date, duration_minutes, meeting_link, recording_link";

/// Sessions are numbered by date: after any change, 1..n in date order. Two
/// statements whatever the count; the first moves the numbers out of the way
/// so the unique (formation, number) index holds at every row.
async fn renumber(tx: &mut Transaction<'_, Any>, formation_id: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE formation_sessions SET session_number = session_number + 1000000 WHERE formation_id = $1",
    )
    .bind(formation_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE formation_sessions SET session_number = (
             SELECT COUNT(*) FROM formation_sessions s2
             WHERE s2.formation_id = formation_sessions.formation_id
               AND (s2.scheduled_date < formation_sessions.scheduled_date
                    OR (s2.scheduled_date = formation_sessions.scheduled_date AND s2.id <= formation_sessions.id)))
         WHERE formation_id = $1",
    )
    .bind(formation_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn head_in(
    tx: &mut Transaction<'_, Any>,
    formation_id: i64,
) -> Result<FormationHead, AppError> {
    let row: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, name, platform, timezone, archived FROM formations WHERE id = $1",
    )
    .bind(formation_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(head_of).ok_or(AppError::NotFound)
}

fn head_of(
    (id, name, platform, timezone, archived): (i64, String, String, String, i64),
) -> FormationHead {
    FormationHead {
        id,
        name,
        platform: Platform::parse(&platform).unwrap_or(Platform::Zoom),
        timezone,
        archived: archived == 1,
    }
}

/// The formation a session belongs to.
async fn session_formation_in(
    tx: &mut Transaction<'_, Any>,
    session_id: i64,
) -> Result<i64, AppError> {
    let formation_id: Option<i64> =
        sqlx::query_scalar("SELECT formation_id FROM formation_sessions WHERE id = $1")
            .bind(session_id)
            .fetch_optional(&mut **tx)
            .await?;
    formation_id.ok_or(AppError::NotFound)
}

impl Db {
    /// Serialises the changes to one formation and its sessions, taken
    /// before anything of them is read. On PostgreSQL each statement sees
    /// what was committed when it started: two sessions added at once would
    /// both be numbered MAX + 1 (a unique violation, a 500), and two
    /// renumberings or archive toggles could interleave and log a wrong
    /// "before". The row lock makes the second transaction wait for the
    /// first to commit and then read its result — waiting is right here,
    /// whereas retrying on a unique violation would only cover the insert.
    /// SQLite needs nothing: `BEGIN IMMEDIATE` (see [`Db::begin_write`])
    /// already holds its single write lock.
    async fn lock_formation(
        &self,
        tx: &mut Transaction<'_, Any>,
        formation_id: i64,
    ) -> Result<(), AppError> {
        if self.backend == Backend::Postgres {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT id FROM formations WHERE id = $1 FOR UPDATE")
                    .bind(formation_id)
                    .fetch_optional(&mut **tx)
                    .await?;
            found.ok_or(AppError::NotFound)?;
        }
        Ok(())
    }
}

/// Sessions of a formation whose local date falls in [start, end].
async fn sessions_in_period(
    tx: &mut Transaction<'_, Any>,
    formation_id: i64,
    tz: Tz,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<i64, AppError> {
    let from = local_to_utc(tz, start, NaiveTime::MIN);
    let to = local_to_utc(tz, end + Duration::days(1), NaiveTime::MIN);
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM formation_sessions
         WHERE formation_id = $1 AND scheduled_date >= $2 AND scheduled_date < $3",
    )
    .bind(formation_id)
    .bind(instant_text(from))
    .bind(instant_text(to))
    .fetch_one(&mut **tx)
    .await?)
}

/// Creates an enrollment inside a transaction; shared by the direct
/// enrollment and the payment confirmation. Returns its id and total.
pub(crate) async fn enroll_in(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    head: &FormationHead,
    start: NaiveDate,
    end: NaiveDate,
    total: Option<i64>,
) -> Result<(i64, i64), AppError> {
    let tz = tz_of(&head.timezone);
    let total = match total {
        Some(t) => t,
        None => sessions_in_period(tx, head.id, tz, start, end).await?,
    };
    let status = effective_status(
        EnrollmentStatus::Upcoming,
        start,
        end,
        today_in(tz, Utc::now()),
    );
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO enrollments (user_id, formation_id, start_date, end_date, status, total_sessions, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user_id)
    .bind(head.id)
    .bind(start.to_string())
    .bind(end.to_string())
    .bind(status.as_str())
    .bind(total)
    .bind(instant_text(Utc::now()))
    .fetch_one(&mut **tx)
    .await
    .map_err(|err| {
        if is_unique_violation(&err) {
            AppError::Conflict(admin::message("a-enrolled"))
        } else {
            err.into()
        }
    })?;
    Ok((id, total))
}

impl Db {
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_formations(
        &self,
        filter: &FormationFilter,
    ) -> Result<Vec<FormationRow>, AppError> {
        let search = filter.search.trim().to_lowercase();
        let pattern = format!("%{}%", search.replace(['\\', '%', '_'], ""));
        let rows: Vec<(i64, String, String, String, String, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT f.id, f.name, f.level, f.platform, f.instructor_name, f.schedule_description, f.archived,
                (SELECT COUNT(*) FROM formation_sessions s WHERE s.formation_id = f.id),
                (SELECT COUNT(*) FROM enrollments e WHERE e.formation_id = f.id AND e.status <> 'cancelled')
             FROM formations f
             WHERE ($1 = '' OR lower(f.name) LIKE $2 OR lower(f.instructor_name) LIKE $2 OR lower(f.description) LIKE $2)
               AND ($3 = '' OR f.level = $3)
               AND ($4 = '' OR f.platform = $4)
               AND ($5 = 1 OR f.archived = 0)
             ORDER BY f.archived, f.name, f.id",
        )
        .bind(&search)
        .bind(&pattern)
        .bind(filter.level.map(Level::as_str).unwrap_or_default())
        .bind(filter.platform.map(Platform::as_str).unwrap_or_default())
        .bind(i64::from(filter.include_archived))
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(
                    id,
                    name,
                    level,
                    platform,
                    instructor_name,
                    schedule_description,
                    archived,
                    sessions,
                    enrollments,
                )| FormationRow {
                    id,
                    name,
                    level: Level::parse(&level).unwrap_or(Level::Beginner),
                    platform: Platform::parse(&platform).unwrap_or(Platform::Zoom),
                    instructor_name,
                    schedule_description,
                    archived: archived == 1,
                    session_count: sessions,
                    enrollment_count: enrollments,
                },
            )
            .collect())
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_formation(&self, id: i64) -> Result<FormationDetail, AppError> {
        let mut tx = self.pool().begin().await?;
        let detail = formation_detail_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(detail)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_create_formation(
        &self,
        actor: &SessionUser,
        f: &FormationFields,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let id = super::catalog::insert_formation_in(&mut *tx, f).await?;
        record(
            &mut tx,
            actor,
            Change {
                action: "formation.create",
                entity: "formation",
                entity_id: Some(id),
                before: None,
                after: Some(fields_json(f)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Saves a formation only if nobody saved it since `version` was read:
    /// a second admin's stale form is refused (409), never silently applied.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_update_formation(
        &self,
        actor: &SessionUser,
        id: i64,
        version: i64,
        f: &FormationFields,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        let before = formation_detail_in(&mut tx, id).await?;
        let done = sqlx::query(
            "UPDATE formations SET name = $1, description = $2, level = $3, platform = $4,
                 meeting_link = $5, meeting_id = $6, meeting_password = $7, instructor_name = $8,
                 schedule_description = $9, timezone = $10, updated_at = $11, version = version + 1
             WHERE id = $12 AND version = $13",
        )
        .bind(&f.name)
        .bind(&f.description)
        .bind(f.level.as_str())
        .bind(f.platform.as_str())
        .bind(&f.meeting_link)
        .bind(f.meeting_id.as_deref())
        .bind(f.meeting_password.as_deref())
        .bind(&f.instructor_name)
        .bind(&f.schedule_description)
        .bind(f.timezone.name())
        .bind(instant_text(Utc::now()))
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(AppError::Conflict(admin::message("a-stale")));
        }
        let mut after = fields_json(f);
        after["version"] = json!(before.version + 1);
        record(
            &mut tx,
            actor,
            Change {
                action: "formation.update",
                entity: "formation",
                entity_id: Some(id),
                before: Some(input_json(&before.input, before.archived, before.version)),
                after: Some(after),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Archives (or restores) a formation: it leaves (or returns to) the
    /// catalogue; its enrollments are untouched.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_set_archived(
        &self,
        actor: &SessionUser,
        id: i64,
        archived: bool,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        self.lock_formation(&mut tx, id).await?;
        let before = formation_detail_in(&mut tx, id).await?;
        sqlx::query(
            "UPDATE formations SET archived = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(i64::from(archived))
        .bind(instant_text(Utc::now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            actor,
            Change {
                action: if archived {
                    "formation.archive"
                } else {
                    "formation.restore"
                },
                entity: "formation",
                entity_id: Some(id),
                before: Some(json!({ "archived": before.archived, "version": before.version })),
                after: Some(json!({ "archived": archived, "version": before.version + 1 })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_head(&self, formation_id: i64) -> Result<FormationHead, AppError> {
        let mut tx = self.pool().begin().await?;
        let head = head_in(&mut tx, formation_id).await?;
        tx.commit().await?;
        Ok(head)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_sessions(&self, formation_id: i64) -> Result<SessionsView, AppError> {
        let mut tx = self.pool().begin().await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let sessions = sessions_in(&mut tx, &formation).await?;
        tx.commit().await?;
        Ok(SessionsView {
            formation,
            sessions,
        })
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_session(&self, session_id: i64) -> Result<SessionView, AppError> {
        let mut tx = self.pool().begin().await?;
        let (formation_id, session) = session_in(&mut tx, session_id).await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let tz = tz_of(&formation.timezone);
        tx.commit().await?;
        Ok(SessionView {
            session: session_row(tz, session),
            formation,
        })
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_add_session(
        &self,
        actor: &SessionUser,
        formation_id: i64,
        s: &SessionFields,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        self.lock_formation(&mut tx, formation_id).await?;
        head_in(&mut tx, formation_id).await?;
        let id = insert_session_in(&mut tx, formation_id, s).await?;
        renumber(&mut tx, formation_id).await?;
        record(
            &mut tx,
            actor,
            Change {
                action: "session.create",
                entity: "session",
                entity_id: Some(id),
                before: None,
                after: Some(json!({
                    "formation_id": formation_id, "title": s.title,
                    "scheduled_date": instant_text(s.scheduled_at), "duration_minutes": s.duration_minutes,
                    "meeting_link": s.meeting_link, "recording_link": s.recording_link,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates the sessions of a recurrence in the formation's time zone,
    /// skipping instants that already have a session. Returns how many.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_generate_sessions(
        &self,
        actor: &SessionUser,
        formation_id: i64,
        title: &str,
        series: &Series,
    ) -> Result<usize, AppError> {
        let mut tx = self.begin_write().await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let tz = tz_of(&head.timezone);
        let existing: HashSet<String> = sqlx::query_scalar(
            "SELECT scheduled_date FROM formation_sessions WHERE formation_id = $1",
        )
        .bind(formation_id)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
        let planned: Vec<DateTime<Utc>> = weekly_occurrences(
            tz,
            &series.weekdays,
            series.start_time,
            series.from,
            series.to,
        )
        .into_iter()
        .filter(|at| !existing.contains(&instant_text(*at)))
        .collect();
        if planned.is_empty() {
            return Err(admin::invalid("a-series-empty").into());
        }
        if planned.len() > MAX_SERIES {
            return Err(admin::invalid("a-series-long").into());
        }
        for at in &planned {
            insert_session_in(
                &mut tx,
                formation_id,
                &SessionFields {
                    title: title.to_string(),
                    scheduled_at: *at,
                    duration_minutes: series.duration_minutes,
                    meeting_link: None,
                    recording_link: None,
                },
            )
            .await?;
        }
        renumber(&mut tx, formation_id).await?;
        record(
            &mut tx,
            actor,
            Change {
                action: "session.generate",
                entity: "formation",
                entity_id: Some(formation_id),
                before: None,
                after: Some(json!({
                    "title": title,
                    "weekdays": series.weekdays.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                    "start_time": series.start_time.format("%H:%M").to_string(),
                    "duration_minutes": series.duration_minutes,
                    "from": series.from.to_string(), "to": series.to.to_string(),
                    "timezone": head.timezone,
                    "created": planned.iter().map(|at| instant_text(*at)).collect::<Vec<_>>(),
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(planned.len())
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_update_session(
        &self,
        actor: &SessionUser,
        session_id: i64,
        s: &SessionFields,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let formation_id = session_formation_in(&mut tx, session_id).await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let (_, before) = session_in(&mut tx, session_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let before = session_row(tz_of(&head.timezone), before);
        sqlx::query(
            "UPDATE formation_sessions SET title = $1, scheduled_date = $2, duration_minutes = $3,
                 meeting_link = $4, recording_link = $5 WHERE id = $6",
        )
        .bind(&s.title)
        .bind(instant_text(s.scheduled_at))
        .bind(s.duration_minutes)
        .bind(s.meeting_link.as_deref())
        .bind(s.recording_link.as_deref())
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
        renumber(&mut tx, formation_id).await?;
        record(
            &mut tx,
            actor,
            Change {
                action: "session.update",
                entity: "session",
                entity_id: Some(session_id),
                before: Some(session_json(&before)),
                after: Some(json!({
                    "title": s.title, "scheduled_date": instant_text(s.scheduled_at),
                    "duration_minutes": s.duration_minutes, "meeting_link": s.meeting_link,
                    "recording_link": s.recording_link,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(formation_id)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_set_recording(
        &self,
        actor: &SessionUser,
        session_id: i64,
        recording_link: Option<&str>,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let formation_id = session_formation_in(&mut tx, session_id).await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let (_, before) = session_in(&mut tx, session_id).await?;
        sqlx::query("UPDATE formation_sessions SET recording_link = $1 WHERE id = $2")
            .bind(recording_link)
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            Change {
                action: "session.recording",
                entity: "session",
                entity_id: Some(session_id),
                before: Some(json!({ "recording_link": before.6 })),
                after: Some(json!({ "recording_link": recording_link })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(formation_id)
    }

    /// Deletes a session (and its attendance rows) and renumbers the rest.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_delete_session(
        &self,
        actor: &SessionUser,
        session_id: i64,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let formation_id = session_formation_in(&mut tx, session_id).await?;
        self.lock_formation(&mut tx, formation_id).await?;
        let (_, before) = session_in(&mut tx, session_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let before = session_row(tz_of(&head.timezone), before);
        sqlx::query("DELETE FROM session_attendance WHERE session_id = $1")
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM formation_sessions WHERE id = $1")
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        renumber(&mut tx, formation_id).await?;
        let mut before_json = session_json(&before);
        before_json["formation_id"] = json!(formation_id);
        record(
            &mut tx,
            actor,
            Change {
                action: "session.delete",
                entity: "session",
                entity_id: Some(session_id),
                before: Some(before_json),
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(formation_id)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_enrollments(&self, formation_id: i64) -> Result<EnrollmentsView, AppError> {
        let mut tx = self.pool().begin().await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let enrollments = enrollments_in(&mut tx, &formation).await?;
        tx.commit().await?;
        Ok(EnrollmentsView {
            formation,
            enrollments,
        })
    }

    /// Enrolls a user directly (payment handled elsewhere). A pending request
    /// of theirs for this formation is marked confirmed by the same change.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_enroll(
        &self,
        actor: &SessionUser,
        formation_id: i64,
        user_id: i64,
        start: NaiveDate,
        end: NaiveDate,
        total: Option<i64>,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let head = head_in(&mut tx, formation_id).await?;
        let (id, total) = enroll_in(&mut tx, user_id, &head, start, end, total).await?;
        sqlx::query(
            "UPDATE enrollment_requests SET status = 'confirmed', enrollment_id = $1, decided_at = $2, decided_by = $3
             WHERE user_id = $4 AND formation_id = $5 AND status = 'pending'",
        )
        .bind(id)
        .bind(instant_text(Utc::now()))
        .bind(actor.id)
        .bind(user_id)
        .bind(formation_id)
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            actor,
            Change {
                action: "enrollment.create",
                entity: "enrollment",
                entity_id: Some(id),
                before: None,
                after: Some(json!({
                    "user_id": user_id, "formation_id": formation_id,
                    "start_date": start.to_string(), "end_date": end.to_string(), "total_sessions": total,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Cancels an enrollment: from now on its effective status is cancelled,
    /// so the meeting link is no longer served to the learner.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_cancel_enrollment(
        &self,
        actor: &SessionUser,
        enrollment_id: i64,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT formation_id, status FROM enrollments WHERE id = $1")
                .bind(enrollment_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (formation_id, status) = row.ok_or(AppError::NotFound)?;
        // The condition, not the read above, decides: of two cancellations at
        // once only one changes the row and writes the audit line.
        let changed = sqlx::query(
            "UPDATE enrollments SET status = 'cancelled' WHERE id = $1 AND status <> 'cancelled'",
        )
        .bind(enrollment_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            record(
                &mut tx,
                actor,
                Change {
                    action: "enrollment.cancel",
                    entity: "enrollment",
                    entity_id: Some(enrollment_id),
                    before: Some(json!({ "status": status })),
                    after: Some(json!({ "status": "cancelled" })),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(formation_id)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn admin_attendance(&self, formation_id: i64) -> Result<AttendanceGrid, AppError> {
        let mut tx = self.pool().begin().await?;
        let formation = head_in(&mut tx, formation_id).await?;
        let sessions = sessions_in(&mut tx, &formation).await?;
        let enrollments = enrollments_in(&mut tx, &formation).await?;
        let marks: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT a.user_id, a.session_id FROM session_attendance a
             JOIN formation_sessions s ON s.id = a.session_id WHERE s.formation_id = $1",
        )
        .bind(formation_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let marks: HashSet<(i64, i64)> = marks.into_iter().collect();
        let learners = enrollments
            .into_iter()
            .filter(|e| e.status != EnrollmentStatus::Cancelled)
            .map(|e| {
                let attended: Vec<bool> = sessions
                    .iter()
                    .map(|s| marks.contains(&(e.user_id, s.id)))
                    .collect();
                GridLearner {
                    user_id: e.user_id,
                    name: e.user_name,
                    email: e.user_email,
                    status: e.status,
                    total_sessions: e.total_sessions,
                    attended,
                    attended_sessions: e.attended_sessions,
                    attendance_rate: e.attendance_rate,
                }
            })
            .collect();
        Ok(AttendanceGrid {
            formation,
            sessions,
            learners,
        })
    }

    /// Marks (or unmarks) a learner's presence at a session of the formation,
    /// as source 'manual'. Returns whether anything changed.
    #[tracing::instrument(skip_all, err)]
    pub async fn admin_set_attendance(
        &self,
        actor: &SessionUser,
        formation_id: i64,
        user_id: i64,
        session_id: i64,
        present: bool,
    ) -> Result<bool, AppError> {
        let mut tx = self.begin_write().await?;
        let (session_formation, session) = session_in(&mut tx, session_id).await?;
        if session_formation != formation_id {
            return Err(AppError::NotFound);
        }
        // Removing a mark stays possible (a session moved to a later date
        // keeps its register to fix); adding one waits for the session.
        if present {
            let starts_at = parse_instant(&session.3).ok_or(AppError::Internal)?;
            check_attendance_open(starts_at, Utc::now())
                .map_err(|message| AppError::Conflict(message.into()))?;
        }
        let enrolled: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM enrollments WHERE user_id = $1 AND formation_id = $2 AND status <> 'cancelled'",
        )
        .bind(user_id)
        .bind(formation_id)
        .fetch_one(&mut *tx)
        .await?;
        if enrolled == 0 {
            return Err(AppError::Conflict(admin::message("a-not-enrolled")));
        }
        let changed = if present {
            sqlx::query(
                "INSERT INTO session_attendance (user_id, session_id, marked_at, source)
                 VALUES ($1, $2, $3, 'manual') ON CONFLICT (user_id, session_id) DO NOTHING",
            )
            .bind(user_id)
            .bind(session_id)
            .bind(instant_text(Utc::now()))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1
        } else {
            sqlx::query("DELETE FROM session_attendance WHERE user_id = $1 AND session_id = $2")
                .bind(user_id)
                .bind(session_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1
        };
        if changed {
            record(
                &mut tx,
                actor,
                Change {
                    action: if present {
                        "attendance.mark"
                    } else {
                        "attendance.unmark"
                    },
                    entity: "session",
                    entity_id: Some(session_id),
                    before: Some(json!({ "user_id": user_id, "present": !present })),
                    after: Some(
                        json!({ "user_id": user_id, "present": present, "source": "manual" }),
                    ),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

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

async fn formation_detail_in(
    tx: &mut Transaction<'_, Any>,
    id: i64,
) -> Result<FormationDetail, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        name: String,
        description: String,
        level: String,
        platform: String,
        meeting_link: String,
        meeting_id: Option<String>,
        meeting_password: Option<String>,
        instructor_name: String,
        schedule_description: String,
        timezone: String,
        archived: i64,
        version: i64,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, name, description, level, platform, meeting_link, meeting_id, meeting_password,
             instructor_name, schedule_description, timezone, archived, version
         FROM formations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let r = row.ok_or(AppError::NotFound)?;
    Ok(FormationDetail {
        id: r.id,
        input: FormationInput {
            name: r.name,
            description: r.description,
            level: r.level,
            platform: r.platform,
            meeting_link: r.meeting_link,
            meeting_id: r.meeting_id.unwrap_or_default(),
            meeting_password: r.meeting_password.unwrap_or_default(),
            instructor_name: r.instructor_name,
            schedule_description: r.schedule_description,
            timezone: r.timezone,
        },
        archived: r.archived == 1,
        version: r.version,
    })
}

async fn sessions_in(
    tx: &mut Transaction<'_, Any>,
    head: &FormationHead,
) -> Result<Vec<SessionRow>, AppError> {
    let rows: Vec<SessionTuple> = sqlx::query_as(&format!(
        "SELECT {SESSION_COLUMNS} FROM formation_sessions WHERE formation_id = $1 ORDER BY session_number"
    ))
    .bind(head.id)
    .fetch_all(&mut **tx)
    .await?;
    let tz = tz_of(&head.timezone);
    Ok(rows.into_iter().map(|r| session_row(tz, r)).collect())
}

async fn session_in(
    tx: &mut Transaction<'_, Any>,
    session_id: i64,
) -> Result<(i64, SessionTuple), AppError> {
    let formation_id: Option<i64> =
        sqlx::query_scalar("SELECT formation_id FROM formation_sessions WHERE id = $1")
            .bind(session_id)
            .fetch_optional(&mut **tx)
            .await?;
    let formation_id = formation_id.ok_or(AppError::NotFound)?;
    let row: SessionTuple = sqlx::query_as(&format!(
        "SELECT {SESSION_COLUMNS} FROM formation_sessions WHERE id = $1"
    ))
    .bind(session_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok((formation_id, row))
}

async fn insert_session_in(
    tx: &mut Transaction<'_, Any>,
    formation_id: i64,
    s: &SessionFields,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO formation_sessions (formation_id, session_number, title, scheduled_date,
             duration_minutes, meeting_link, recording_link)
         VALUES ($1, (SELECT COALESCE(MAX(session_number), 0) + 1 FROM formation_sessions WHERE formation_id = $1),
                 $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(formation_id)
    .bind(&s.title)
    .bind(instant_text(s.scheduled_at))
    .bind(s.duration_minutes)
    .bind(s.meeting_link.as_deref())
    .bind(s.recording_link.as_deref())
    .fetch_one(&mut **tx)
    .await?)
}

/// Every enrollment of a formation with its attended count (from the
/// attendance rows) and its effective status: one query.
pub(crate) async fn enrollments_in(
    tx: &mut Transaction<'_, Any>,
    head: &FormationHead,
) -> Result<Vec<EnrollmentRow>, AppError> {
    let rows: Vec<(i64, i64, String, String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT e.id, e.user_id, u.name, u.email, e.start_date, e.end_date, e.status, e.total_sessions,
            (SELECT COUNT(*) FROM session_attendance a JOIN formation_sessions s ON s.id = a.session_id
             WHERE a.user_id = e.user_id AND s.formation_id = e.formation_id)
         FROM enrollments e JOIN users u ON u.id = e.user_id
         WHERE e.formation_id = $1
         ORDER BY u.name, e.id",
    )
    .bind(head.id)
    .fetch_all(&mut **tx)
    .await?;
    let today = today_in(tz_of(&head.timezone), Utc::now());
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                user_id,
                user_name,
                user_email,
                start_date,
                end_date,
                status,
                total_sessions,
                attended,
            )| {
                let stored = EnrollmentStatus::parse(&status).unwrap_or(EnrollmentStatus::Upcoming);
                let status = match (start_date.parse(), end_date.parse()) {
                    (Ok(s), Ok(e)) => effective_status(stored, s, e, today),
                    _ => stored,
                };
                EnrollmentRow {
                    id,
                    user_id,
                    user_name,
                    user_email,
                    start_date,
                    end_date,
                    status,
                    total_sessions,
                    attended_sessions: attended,
                    attendance_rate: attendance_rate(attended, total_sessions),
                }
            },
        )
        .collect())
}
