//! The reminder outbox (`reminders`) and the learners' channel choices
//! (`reminder_opt_outs`, `users.unsubscribe_token`). Every statement here
//! is safe with several instances on one database: rows are created under
//! their unique key (`ON CONFLICT DO NOTHING`), claimed with a lease
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's single writer holds
//! its lock through `BEGIN IMMEDIATE`), and every state change names the
//! row it changes.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::audit::{record_and_commit, Actor, Change};
use super::decode;
use super::{instant_text, placeholders};
use crate::domain::language::Lang;
use crate::domain::reminder::{self, Candidate, Channel, Delivery, DeliveryState};
use crate::domain::status::EnrollmentStatus;
use crate::error::{AppError, ErrorCode};
use crate::server::db::{Backend, Db};

/// Rows per INSERT of a sweep: far below SQLite's bound on parameters.
const INSERT_CHUNK: usize = 400;

/// What a sweep reads of a learner's séance starting within the horizon.
#[derive(sqlx::FromRow)]
struct CandidateRow {
    user_id: i64,
    session_id: i64,
    scheduled_date: String,
    moved_at: String,
    enrollment_created_at: String,
    start_date: String,
    end_date: String,
    status: String,
    timezone: String,
}

/// A reminder to create: its identity and when it is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    pub channel: Channel,
    pub user_id: i64,
    pub session_id: i64,
    pub starts_at: DateTime<Utc>,
}

/// A claimed reminder with everything its delivery needs, read at the
/// moment of delivery (so a séance moved or an enrollment cancelled since
/// the sweep is seen).
#[derive(Debug, Clone)]
pub struct DueReminder {
    pub id: i64,
    pub channel: Channel,
    pub attempts: i64,
    /// The start it was computed for.
    pub starts_at: DateTime<Utc>,
    /// What the séance and the enrollment are now, as a sweep would judge.
    pub candidate: Candidate,
    pub email: String,
    pub learner_name: String,
    pub language: Option<Lang>,
    pub unsubscribe_token: Option<String>,
    pub enrollment_id: Option<i64>,
    pub formation_name: String,
    pub timezone: String,
    pub session_number: i64,
    pub session_title: String,
    pub duration_minutes: i64,
}

impl DueReminder {
    /// Whether it may still go: the séance still starts when it was
    /// computed for, and the pair still deserves it now.
    pub fn deliverable(&self, now: DateTime<Utc>) -> bool {
        self.candidate.starts_at == self.starts_at
            && reminder::deserves(self.channel, &self.candidate, now)
    }
}

fn candidate(row: &CandidateRow, opted_out: bool, live: bool) -> Result<Candidate, AppError> {
    let tz = decode::timezone(&row.timezone)?;
    let starts_at = decode::instant(&row.scheduled_date)?;
    Ok(Candidate {
        user_id: row.user_id,
        session_id: row.session_id,
        starts_at,
        moved_at: decode::instant(&row.moved_at)?,
        enrollment_created_at: decode::instant(&row.enrollment_created_at)?,
        enrollment_start: decode::date(&row.start_date)?,
        enrollment_end: decode::date(&row.end_date)?,
        session_day: starts_at.with_timezone(&tz).date_naive(),
        enrollment_live: live
            && !matches!(
                decode::status(&row.status)?,
                EnrollmentStatus::Cancelled | EnrollmentStatus::Completed
            ),
        opted_out,
    })
}

impl Db {
    /// Every (learner, séance) pair whose séance starts after `now` and
    /// within `horizon`, on a live enrollment of its formation, with the
    /// channels the learner turned off or cannot receive (pushes without a
    /// subscribed browser): three statements whatever the count.
    pub async fn reminder_candidates(
        &self,
        now: DateTime<Utc>,
        horizon: chrono::Duration,
    ) -> Result<Vec<(Candidate, Vec<Channel>)>, AppError> {
        const WINDOW: &str = "FROM formation_sessions s
             JOIN formations f ON f.id = s.formation_id
             JOIN enrollments e ON e.formation_id = s.formation_id
                 AND e.status NOT IN ('cancelled', 'completed')
             WHERE s.scheduled_date > $1 AND s.scheduled_date <= $2";
        let (from, until) = (instant_text(now), instant_text(now + horizon));
        let mut tx = self.pool().begin().await?;
        let rows: Vec<CandidateRow> = sqlx::query_as(&format!(
            "SELECT e.user_id, s.id AS session_id, s.scheduled_date, s.moved_at,
                 e.created_at AS enrollment_created_at, e.start_date, e.end_date, e.status,
                 f.timezone
             {WINDOW}
             ORDER BY s.scheduled_date, s.id, e.user_id"
        ))
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *tx)
        .await?;
        let opt_outs: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT DISTINCT o.user_id, o.channel FROM reminder_opt_outs o
             WHERE o.user_id IN (SELECT e.user_id {WINDOW})"
        ))
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *tx)
        .await?;
        // A push needs a browser to go to.
        let reachable: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT p.user_id FROM push_subscriptions p
             WHERE p.user_id IN (SELECT e.user_id {WINDOW})"
        ))
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let off = |user: i64| -> Vec<Channel> {
            opt_outs
                .iter()
                .filter(|(u, _)| *u == user)
                .filter_map(|(_, c)| Channel::parse(c))
                .chain((!reachable.contains(&user)).then_some(Channel::Push))
                .collect()
        };
        rows.iter()
            .map(|row| Ok((candidate(row, false, true)?, off(row.user_id))))
            .collect()
    }

    /// Creates the reminders that do not exist yet (the unique key decides,
    /// whichever instance writes first); answers how many were new.
    pub async fn insert_reminders(
        &self,
        due: &[NewReminder],
        now: DateTime<Utc>,
    ) -> Result<u64, AppError> {
        let mut inserted = 0;
        for chunk in due.chunks(INSERT_CHUNK) {
            // $1 is the creation instant; each row adds five values.
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let p = 2 + 5 * i;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, $1)",
                        p,
                        p + 1,
                        p + 2,
                        p + 3,
                        p + 4,
                        p + 4
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO reminders (channel, user_id, session_id, starts_at, due_at, next_attempt_at, created_at)
                 VALUES {}
                 ON CONFLICT (channel, user_id, session_id, starts_at) DO NOTHING",
                rows.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(instant_text(now));
            for r in chunk {
                query = query
                    .bind(r.channel.as_str())
                    .bind(r.user_id)
                    .bind(r.session_id)
                    .bind(instant_text(r.starts_at))
                    .bind(instant_text(r.channel.due_at(r.starts_at)));
            }
            inserted += query.execute(self.pool()).await?.rows_affected();
        }
        Ok(inserted)
    }

    /// Expires the pending reminders that can no longer help: their séance
    /// started, or moved away from the start they were computed for.
    pub async fn expire_reminders(&self, now: DateTime<Utc>) -> Result<u64, AppError> {
        let now = instant_text(now);
        Ok(sqlx::query(
            "UPDATE reminders SET state = 'expired', leased_until = NULL
             WHERE state = 'pending'
               AND (leased_until IS NULL OR leased_until <= $1)
               AND (starts_at <= $1 OR NOT EXISTS (
                   SELECT 1 FROM formation_sessions s
                   WHERE s.id = reminders.session_id AND s.scheduled_date = reminders.starts_at))",
        )
        .bind(&now)
        .execute(self.pool())
        .await?
        .rows_affected())
    }

    /// Claims up to `limit` pending reminders of `channel` due for an
    /// attempt at `now` and not leased by a live worker, counts the
    /// attempt, and reads what their delivery needs. Another instance
    /// claiming at the same time gets other rows (or none).
    pub async fn claim_reminders(
        &self,
        channel: Channel,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DueReminder>, AppError> {
        let lock = match self.backend {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let mut tx = self.begin_write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "UPDATE reminders SET leased_until = $1, attempts = attempts + 1
             WHERE id IN (
                 SELECT id FROM reminders
                 WHERE channel = $2 AND state = 'pending' AND next_attempt_at <= $3
                   AND (leased_until IS NULL OR leased_until <= $3)
                 ORDER BY due_at, id LIMIT $4 {lock})
             RETURNING id"
        ))
        .bind(instant_text(now + reminder::lease()))
        .bind(channel.as_str())
        .bind(instant_text(now))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        self.due_reminders(&ids).await
    }

    async fn due_reminders(&self, ids: &[i64]) -> Result<Vec<DueReminder>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            channel: String,
            attempts: i64,
            starts_at: String,
            email: String,
            learner_name: String,
            language: Option<String>,
            unsubscribe_token: Option<String>,
            enrollment_id: Option<i64>,
            formation_name: String,
            session_number: i64,
            session_title: String,
            duration_minutes: i64,
            opted_out: i64,
            #[sqlx(flatten)]
            candidate: CandidateRow,
        }
        let sql = format!(
            "SELECT r.id, r.channel, r.attempts, r.starts_at, u.email, u.name AS learner_name,
                 u.language, u.unsubscribe_token, e.id AS enrollment_id,
                 f.name AS formation_name, s.session_number, s.title AS session_title,
                 s.duration_minutes,
                 CASE WHEN EXISTS (SELECT 1 FROM reminder_opt_outs o
                                   WHERE o.user_id = r.user_id AND o.channel = r.channel)
                      THEN 1 ELSE 0 END AS opted_out,
                 r.user_id, r.session_id, s.scheduled_date, s.moved_at,
                 COALESCE(e.created_at, r.created_at) AS enrollment_created_at,
                 COALESCE(e.start_date, '1970-01-01') AS start_date,
                 COALESCE(e.end_date, '1970-01-01') AS end_date,
                 COALESCE(e.status, 'cancelled') AS status, f.timezone
             FROM reminders r
             JOIN users u ON u.id = r.user_id
             JOIN formation_sessions s ON s.id = r.session_id
             JOIN formations f ON f.id = s.formation_id
             LEFT JOIN enrollments e ON e.user_id = r.user_id AND e.formation_id = s.formation_id
                 AND e.status <> 'cancelled'
             WHERE r.id IN ({})
             ORDER BY r.due_at, r.id",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query_as::<_, Row>(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.into_iter()
            .map(|r| {
                let live = r.enrollment_id.is_some();
                Ok(DueReminder {
                    id: r.id,
                    channel: Channel::parse(&r.channel)
                        .ok_or_else(|| super::corrupt("channel", &r.channel))?,
                    attempts: r.attempts,
                    starts_at: decode::instant(&r.starts_at)?,
                    candidate: candidate(&r.candidate, r.opted_out == 1, live)?,
                    email: r.email,
                    learner_name: r.learner_name,
                    language: r.language.as_deref().and_then(Lang::from_tag),
                    unsubscribe_token: r.unsubscribe_token,
                    enrollment_id: r.enrollment_id,
                    formation_name: r.formation_name,
                    timezone: r.candidate.timezone,
                    session_number: r.session_number,
                    session_title: r.session_title,
                    duration_minutes: r.duration_minutes,
                })
            })
            .collect()
    }

    /// The reminder went: the relay took the mail.
    pub async fn reminder_sent(&self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE reminders SET state = 'sent', sent_at = $2, leased_until = NULL, last_error = NULL
             WHERE id = $1",
        )
        .bind(id)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// A failed attempt: tried again later, or given up after the last one;
    /// the error stays visible on the "Envois" page.
    pub async fn reminder_failed(
        &self,
        id: i64,
        attempts: i64,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<DeliveryState, AppError> {
        let (state, next) = reminder::after_failure(attempts, now);
        sqlx::query(
            "UPDATE reminders SET state = $2, next_attempt_at = $3, leased_until = NULL, last_error = $4
             WHERE id = $1",
        )
        .bind(id)
        .bind(state.as_str())
        .bind(instant_text(next))
        .bind(error)
        .execute(self.pool())
        .await?;
        Ok(state)
    }

    /// A claimed reminder that may no longer go (moved, cancelled, turned
    /// off, started).
    pub async fn reminder_expired(&self, id: i64) -> Result<(), AppError> {
        sqlx::query("UPDATE reminders SET state = 'expired', leased_until = NULL WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Each channel and whether the learner has it on.
    pub async fn reminder_channels(&self, user_id: i64) -> Result<Vec<(Channel, bool)>, AppError> {
        let off: Vec<String> =
            sqlx::query_scalar("SELECT channel FROM reminder_opt_outs WHERE user_id = $1")
                .bind(user_id)
                .fetch_all(self.pool())
                .await?;
        Ok(Channel::ALL
            .iter()
            .map(|c| (*c, !off.iter().any(|o| o == c.as_str())))
            .collect())
    }

    /// Turns one of the learner's channels on or off (the one write path of
    /// `reminder_opt_outs`); doing it twice changes nothing.
    pub async fn set_reminder_channel(
        &self,
        user_id: i64,
        channel: Channel,
        on: bool,
    ) -> Result<(), AppError> {
        let query = if on {
            sqlx::query("DELETE FROM reminder_opt_outs WHERE user_id = $1 AND channel = $2")
        } else {
            sqlx::query(
                "INSERT INTO reminder_opt_outs (user_id, channel, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id, channel) DO NOTHING",
            )
        };
        query
            .bind(user_id)
            .bind(channel.as_str())
            .bind(instant_text(Utc::now()))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The learner an unsubscribe link names: their id and e-mail.
    pub async fn user_by_unsubscribe_token(
        &self,
        token: &str,
    ) -> Result<Option<(i64, String)>, AppError> {
        Ok(
            sqlx::query_as("SELECT id, email FROM users WHERE unsubscribe_token = $1")
                .bind(token)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// A page of the outbox for the admin "Envois" page, newest first,
    /// optionally of one state; `before` is the cursor of the previous page.
    pub async fn deliveries(
        &self,
        state: Option<DeliveryState>,
        before: Option<i64>,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Delivery>, Option<i64>), AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            channel: String,
            state: String,
            learner_name: String,
            learner_email: String,
            formation_name: String,
            session_number: i64,
            session_title: String,
            timezone: String,
            starts_at: String,
            scheduled_date: String,
            due_at: String,
            attempts: i64,
            last_error: Option<String>,
            sent_at: Option<String>,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT r.id, r.channel, r.state, u.name AS learner_name, u.email AS learner_email,
                 f.name AS formation_name, s.session_number, s.title AS session_title, f.timezone,
                 r.starts_at, s.scheduled_date, r.due_at, r.attempts, r.last_error, r.sent_at
             FROM reminders r
             JOIN users u ON u.id = r.user_id
             JOIN formation_sessions s ON s.id = r.session_id
             JOIN formations f ON f.id = s.formation_id
             WHERE ($1 = '' OR r.state = $1) AND ($2 = 0 OR r.id < $2)
             ORDER BY r.id DESC
             LIMIT $3",
        )
        .bind(state.map(|s| s.as_str()).unwrap_or(""))
        .bind(before.unwrap_or(0))
        .bind(limit + 1)
        .fetch_all(self.pool())
        .await?;
        let more = rows.len() as i64 > limit;
        let list = rows
            .into_iter()
            .take(limit as usize)
            .map(|r| {
                let state = DeliveryState::parse(&r.state)
                    .ok_or_else(|| super::corrupt("delivery state", &r.state))?;
                let starts_at = decode::instant(&r.starts_at)?;
                Ok(Delivery {
                    id: r.id,
                    channel: Channel::parse(&r.channel)
                        .ok_or_else(|| super::corrupt("channel", &r.channel))?,
                    state,
                    can_resend: reminder::can_resend(state, starts_at, now)
                        && r.scheduled_date == r.starts_at,
                    learner_name: r.learner_name,
                    learner_email: r.learner_email,
                    formation_name: r.formation_name,
                    session_number: r.session_number,
                    session_title: r.session_title,
                    timezone: r.timezone,
                    starts_at,
                    due_at: decode::instant(&r.due_at)?,
                    attempts: r.attempts,
                    last_error: r.last_error,
                    sent_at: r.sent_at.as_deref().map(decode::instant).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let older_than = more.then(|| list.last().map(|d| d.id)).flatten();
        Ok((list, older_than))
    }

    /// An admin sends a given-up or expired reminder again: pending, due
    /// now, with its attempts counted afresh. Only while its séance has not
    /// started and still starts when it was computed for; the delivery
    /// checks the rest (the enrollment, the learner's choice) as always.
    pub async fn resend_reminder(
        &self,
        actor: &Actor,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            state: String,
            starts_at: String,
            scheduled_date: String,
            formation_id: i64,
            user_id: i64,
            title: String,
            session_number: i64,
            attempts: i64,
        }
        let mut tx = self.begin_write().await?;
        let row: Option<Row> = sqlx::query_as(
            "SELECT r.state, r.starts_at, s.scheduled_date, s.formation_id, r.user_id, s.title,
                 s.session_number, r.attempts
             FROM reminders r JOIN formation_sessions s ON s.id = r.session_id WHERE r.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Row {
            state,
            starts_at,
            scheduled_date: scheduled,
            formation_id,
            user_id,
            title,
            session_number: number,
            attempts,
        } = row.ok_or(AppError::NotFound)?;
        let state = DeliveryState::parse(&state).ok_or_else(|| super::corrupt("state", &state))?;
        if !reminder::can_resend(state, decode::instant(&starts_at)?, now) || scheduled != starts_at
        {
            return Err(AppError::Conflict(ErrorCode::ReminderNotResendable));
        }
        sqlx::query(
            "UPDATE reminders SET state = 'pending', attempts = 0, next_attempt_at = $2,
                 leased_until = NULL WHERE id = $1",
        )
        .bind(id)
        .bind(instant_text(now))
        .execute(&mut *tx)
        .await?;
        let change = Change::new("reminder.resend", "reminder", id)
            .seance(number, &title)
            .before(json!({ "state": state.as_str(), "attempts": attempts }))
            .after(json!({ "state": "pending", "attempts": 0 }))
            .about(&mut tx, formation_id, user_id)
            .await?;
        record_and_commit(tx, actor, change).await?;
        Ok(())
    }
}
