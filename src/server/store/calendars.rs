//! Calendars: the learners' feed tokens (`users.calendar_token`), the
//! revision of what each séance's event shows (`formation_sessions.revision`,
//! `revised_at`, `shown`) and the withdrawn events (`calendar_tombstones`).
//! The revision and the tombstones are written by the séance and enrollment
//! writes themselves, in their transactions (`revise_in`, `bury_*_in`).

use chrono::{DateTime, Utc};

use super::{decode, instant_text};
use crate::domain::calendar::{self, SeanceEvent};
use crate::domain::language::Lang;
use crate::error::AppError;
use crate::server::db::{Db, Tx};

/// What an event shows, as one text: when it differs from the stored
/// snapshot, the event changed.
const SHOWN: &str = "CAST(session_number AS TEXT) || '|' || title || '|' || scheduled_date || '|'
     || CAST(duration_minutes AS TEXT) || '|'
     || (SELECT f.name FROM formations f WHERE f.id = formation_sessions.formation_id)";

/// After a write to a formation or its séances: every séance whose event
/// now shows something else (a new time, title, duration, number — a
/// renumbering counts — or formation name) gets its next revision. One
/// statement whatever the count.
pub(super) async fn revise_in(tx: &mut Tx, formation_id: i64) -> Result<(), AppError> {
    sqlx::query(&format!(
        "UPDATE formation_sessions SET revision = revision + 1, revised_at = $2, shown = {SHOWN}
         WHERE formation_id = $1 AND shown <> {SHOWN}"
    ))
    .bind(formation_id)
    .bind(instant_text(Utc::now()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The tombstones written by [`bury_session_in`] and [`bury_enrollment_in`]:
/// the events as they were, one revision later, withdrawn now.
const BURY: &str = "INSERT INTO calendar_tombstones (user_id, session_id, enrollment_id,
         summary_formation, session_number, title, starts_at, duration_minutes, sequence, cancelled_at)
     SELECT e.user_id, s.id, e.id, f.name, s.session_number, s.title, s.scheduled_date,
         s.duration_minutes, s.revision + 1, $2
     FROM formation_sessions s
     JOIN formations f ON f.id = s.formation_id
     JOIN enrollments e ON e.formation_id = s.formation_id";
const BURY_AGAIN: &str = "ON CONFLICT (user_id, session_id) DO UPDATE SET
         enrollment_id = excluded.enrollment_id, summary_formation = excluded.summary_formation,
         session_number = excluded.session_number, title = excluded.title,
         starts_at = excluded.starts_at, duration_minutes = excluded.duration_minutes,
         sequence = excluded.sequence, cancelled_at = excluded.cancelled_at";

/// Before a séance is deleted: its event is withdrawn from the calendars
/// of the learners who had it.
pub(super) async fn bury_session_in(tx: &mut Tx, session_id: i64) -> Result<(), AppError> {
    sqlx::query(&format!(
        "{BURY} WHERE s.id = $1 AND e.status <> 'cancelled' {BURY_AGAIN}"
    ))
    .bind(session_id)
    .bind(instant_text(Utc::now()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// When an enrollment is cancelled: its séances are withdrawn from the
/// learner's calendar.
pub(super) async fn bury_enrollment_in(tx: &mut Tx, enrollment_id: i64) -> Result<(), AppError> {
    sqlx::query(&format!("{BURY} WHERE e.id = $1 {BURY_AGAIN}"))
        .bind(enrollment_id)
        .bind(instant_text(Utc::now()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EventRow {
    session_id: i64,
    enrollment_id: i64,
    formation_name: String,
    timezone: String,
    session_number: i64,
    title: String,
    scheduled_date: String,
    duration_minutes: i64,
    revision: i64,
    revised_at: String,
    start_date: String,
    end_date: String,
}

const EVENT_COLUMNS: &str = "s.id AS session_id, e.id AS enrollment_id, f.name AS formation_name,
     f.timezone, s.session_number, s.title, s.scheduled_date, s.duration_minutes, s.revision,
     s.revised_at, e.start_date, e.end_date";

impl EventRow {
    /// The event, if it belongs in the learner's calendar at `now`.
    fn event(self, user_id: i64, now: DateTime<Utc>) -> Result<Option<SeanceEvent>, AppError> {
        let tz = decode::timezone(&self.timezone)?;
        let starts_at = decode::instant(&self.scheduled_date)?;
        let period = (
            decode::date(&self.start_date)?,
            decode::date(&self.end_date)?,
        );
        let day = starts_at.with_timezone(&tz).date_naive();
        if !calendar::in_feed(day, period, starts_at, now) {
            return Ok(None);
        }
        Ok(Some(SeanceEvent {
            session_id: self.session_id,
            user_id,
            enrollment_id: self.enrollment_id,
            formation_name: self.formation_name,
            session_number: self.session_number,
            title: self.title,
            starts_at,
            duration_minutes: self.duration_minutes,
            sequence: self.revision,
            stamp: decode::instant(&self.revised_at)?,
            cancelled: false,
        }))
    }
}

/// A learner's feed: who, in which language, and the events.
#[derive(Debug, Clone)]
pub struct Feed {
    pub user_id: i64,
    pub language: Option<Lang>,
    pub events: Vec<SeanceEvent>,
}

impl Db {
    /// The feed of the token's learner at `now`: the séances of their
    /// enrollments within each period, the last 30 days included, and the
    /// events withdrawn in the last 30 days. Three statements whatever the
    /// count.
    pub async fn calendar_feed(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Feed>, AppError> {
        let mut tx = self.pool().begin().await?;
        let user: Option<(i64, Option<String>)> =
            sqlx::query_as("SELECT id, language FROM users WHERE calendar_token = $1")
                .bind(token)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((user_id, language)) = user else {
            return Ok(None);
        };
        let since = instant_text(now - calendar::kept());
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS}
             FROM enrollments e
             JOIN formation_sessions s ON s.formation_id = e.formation_id
             JOIN formations f ON f.id = e.formation_id
             WHERE e.user_id = $1 AND e.status <> 'cancelled' AND s.scheduled_date >= $2
             ORDER BY s.scheduled_date, s.id"
        ))
        .bind(user_id)
        .bind(&since)
        .fetch_all(&mut *tx)
        .await?;
        #[derive(sqlx::FromRow)]
        struct Tombstone {
            session_id: i64,
            enrollment_id: i64,
            summary_formation: String,
            session_number: i64,
            title: String,
            starts_at: String,
            duration_minutes: i64,
            sequence: i64,
            cancelled_at: String,
        }
        let buried: Vec<Tombstone> = sqlx::query_as(
            "SELECT session_id, enrollment_id, summary_formation, session_number, title, starts_at,
                 duration_minutes, sequence, cancelled_at
             FROM calendar_tombstones WHERE user_id = $1 AND cancelled_at >= $2
             ORDER BY starts_at, session_id",
        )
        .bind(user_id)
        .bind(&since)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut events = Vec::with_capacity(rows.len() + buried.len());
        for row in rows {
            events.extend(row.event(user_id, now)?);
        }
        for t in buried {
            // Enrolled again since: the live event stands.
            if events.iter().any(|e| e.session_id == t.session_id) {
                continue;
            }
            events.push(SeanceEvent {
                session_id: t.session_id,
                user_id,
                enrollment_id: t.enrollment_id,
                formation_name: t.summary_formation,
                session_number: t.session_number,
                title: t.title,
                starts_at: decode::instant(&t.starts_at)?,
                duration_minutes: t.duration_minutes,
                sequence: t.sequence,
                stamp: decode::instant(&t.cancelled_at)?,
                cancelled: true,
            });
        }
        Ok(Some(Feed {
            user_id,
            language: language.as_deref().and_then(Lang::from_tag),
            events,
        }))
    }

    /// One séance of the learner's, as their calendar shows it, if they
    /// have a live enrollment whose period holds it.
    pub async fn seance_event(
        &self,
        user_id: i64,
        session_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<(SeanceEvent, Option<Lang>)>, AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            language: Option<String>,
            #[sqlx(flatten)]
            event: EventRow,
        }
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT u.language, {EVENT_COLUMNS}
             FROM enrollments e
             JOIN users u ON u.id = e.user_id
             JOIN formation_sessions s ON s.formation_id = e.formation_id
             JOIN formations f ON f.id = e.formation_id
             WHERE e.user_id = $1 AND s.id = $2 AND e.status <> 'cancelled'"
        ))
        .bind(user_id)
        .bind(session_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let language = row.language.as_deref().and_then(Lang::from_tag);
        Ok(row.event.event(user_id, now)?.map(|e| (e, language)))
    }
}
