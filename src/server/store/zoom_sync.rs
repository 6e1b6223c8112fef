//! The Zoom outbox (`zoom_syncs`): rows written in the transaction that
//! changes a séance, claimed with a lease by whichever instance's worker
//! comes first, and the séance's meeting written back once Zoom made it.
//! Like the reminders' outbox, every statement is safe with several
//! instances on one database.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::audit::{record_and_commit, Actor, Change};
use super::{decode, instant_text, placeholders};
use crate::domain::zoom_meetings::{self as rules, MeetingPlan, SeanceNow, SyncJob};
use crate::error::{AppError, ErrorCode};
use crate::server::db::{Backend, Db, Tx};

/// How long a worker's claim on a row lasts: one that died mid-call leaves
/// it to another instance after that.
fn lease() -> Duration {
    Duration::minutes(2)
}

/// The `next_attempt_at` of a row just queued: due for whichever worker
/// looks next, whatever its clock (the write paths run on the system
/// clock, workers on the application's).
const DUE_NOW: &str = "1970-01-01T00:00:00Z";

/// A row queued again keeps a wait Zoom asked for (429 and its
/// `Retry-After`) or the backoff of a failure in progress: a change made
/// meanwhile goes with the next attempt instead of hammering Zoom.
const KEEP_WAITING: &str = "
    attempts = CASE WHEN zoom_syncs.state = 'pending' AND zoom_syncs.last_error IS NOT NULL
        THEN zoom_syncs.attempts ELSE 0 END,
    next_attempt_at = CASE WHEN zoom_syncs.state = 'pending' AND zoom_syncs.last_error IS NOT NULL
        THEN zoom_syncs.next_attempt_at ELSE excluded.next_attempt_at END,
    last_error = CASE WHEN zoom_syncs.state = 'pending' AND zoom_syncs.last_error IS NOT NULL
        THEN zoom_syncs.last_error ELSE NULL END";

/// Puts every séance of `formation_id` in the outbox when the formation
/// creates its meetings itself: after any change to its séances or to
/// what the topic and times are made of. Rows Zoom is already in step with
/// cost the worker a comparison, no call. One statement.
pub(super) async fn queue_formation_in(
    tx: &mut Tx,
    formation_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "INSERT INTO zoom_syncs (session_id, formation_id, next_attempt_at, updated_at)
         SELECT s.id, s.formation_id, $3, $2
         FROM formation_sessions s JOIN formations f ON f.id = s.formation_id
         WHERE s.formation_id = $1 AND f.zoom_auto_meetings = 1
         ON CONFLICT (session_id) DO UPDATE SET state = 'pending',
             generation = zoom_syncs.generation + 1, {KEEP_WAITING}, updated_at = excluded.updated_at"
    ))
    .bind(formation_id)
    .bind(instant_text(now))
    .bind(DUE_NOW)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Before a séance is deleted: its meeting (if Zoom has one, or a create
/// may be in flight) is to be deleted too. The row keeps the meeting's id,
/// since the séance will be gone.
pub(super) async fn queue_delete_in(
    tx: &mut Tx,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "INSERT INTO zoom_syncs (session_id, formation_id, deleted, zoom_meeting_id, next_attempt_at, updated_at)
         SELECT s.id, s.formation_id, 1, s.zoom_meeting_id, $3, $2 FROM formation_sessions s
         WHERE s.id = $1
           AND (s.zoom_meeting_id IS NOT NULL OR s.id IN (SELECT session_id FROM zoom_syncs))
         ON CONFLICT (session_id) DO UPDATE SET deleted = 1,
             zoom_meeting_id = excluded.zoom_meeting_id, state = 'pending',
             generation = zoom_syncs.generation + 1, {KEEP_WAITING}, updated_at = excluded.updated_at"
    ))
    .bind(session_id)
    .bind(instant_text(now))
    .bind(DUE_NOW)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct JobRow {
    session_id: i64,
    generation: i64,
    attempts: i64,
    deleted: i64,
    remembered_meeting: Option<String>,
    synced: Option<String>,
    seance_meeting: Option<String>,
    title: Option<String>,
    scheduled_date: Option<String>,
    duration_minutes: Option<i64>,
    formation_name: Option<String>,
    timezone: Option<String>,
    zoom_auto_meetings: Option<i64>,
}

impl TryFrom<JobRow> for SyncJob {
    type Error = AppError;

    fn try_from(r: JobRow) -> Result<SyncJob, AppError> {
        let seance = match (
            r.deleted,
            r.title,
            r.scheduled_date,
            r.duration_minutes,
            r.formation_name,
            r.timezone,
        ) {
            (0, Some(title), Some(at), Some(minutes), Some(name), Some(tz)) => {
                let starts_at = decode::instant(&at)?;
                Some(SeanceNow {
                    auto_meetings: r.zoom_auto_meetings == Some(1),
                    plan: MeetingPlan::new(
                        &name,
                        &title,
                        starts_at,
                        minutes,
                        decode::timezone(&tz)?,
                    ),
                    ends_at: starts_at + Duration::minutes(minutes),
                })
            }
            _ => None,
        };
        Ok(SyncJob {
            session_id: r.session_id,
            generation: r.generation,
            attempts: r.attempts,
            meeting: r.seance_meeting.or(r.remembered_meeting),
            synced: r.synced,
            seance,
        })
    }
}

/// Whether a séance's meeting still had to be written (`false`: the séance
/// was deleted while Zoom made it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Yes,
    SeanceGone,
}

impl Db {
    /// Claims up to `limit` rows due at `now` and reads what their séances
    /// are now. Two statements whatever the count.
    pub async fn claim_zoom_syncs(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<SyncJob>, AppError> {
        let lock = match self.backend {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let mut tx = self.begin_write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "UPDATE zoom_syncs SET leased_until = $1, attempts = attempts + 1
             WHERE session_id IN (
                 SELECT session_id FROM zoom_syncs
                 WHERE state = 'pending' AND next_attempt_at <= $2
                   AND (leased_until IS NULL OR leased_until <= $2)
                 ORDER BY next_attempt_at, session_id LIMIT $3 {lock})
             RETURNING session_id"
        ))
        .bind(instant_text(now + lease()))
        .bind(instant_text(now))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT z.session_id, z.generation, z.attempts, z.deleted,
                 z.zoom_meeting_id AS remembered_meeting, z.synced,
                 s.zoom_meeting_id AS seance_meeting, s.title, s.scheduled_date, s.duration_minutes,
                 f.name AS formation_name, f.timezone, f.zoom_auto_meetings
             FROM zoom_syncs z
             LEFT JOIN formation_sessions s ON s.id = z.session_id
             LEFT JOIN formations f ON f.id = s.formation_id
             WHERE z.session_id IN ({}) ORDER BY z.session_id",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query_as::<_, JobRow>(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        query
            .fetch_all(self.pool())
            .await?
            .into_iter()
            .map(SyncJob::try_from)
            .collect()
    }

    /// Zoom made the séance's meeting: its join link, number and passcode
    /// become the séance's (audited, by Zoom), then the row is done.
    pub async fn zoom_meeting_created(
        &self,
        job: &SyncJob,
        meeting: &rules::CreatedMeeting,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<Written, AppError> {
        let mut tx = self.begin_write().await?;
        let session: Option<(i64, String, i64)> = sqlx::query_as(
            "SELECT formation_id, title, session_number FROM formation_sessions
             WHERE id = $1 AND zoom_meeting_id IS NULL",
        )
        .bind(job.session_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((formation_id, title, number)) = session else {
            tx.commit().await?;
            return Ok(Written::SeanceGone);
        };
        sqlx::query(
            "UPDATE formation_sessions SET zoom_meeting_id = $1, meeting_link = $2, meeting_id = $1,
                 meeting_password = $3
             WHERE id = $4",
        )
        .bind(&meeting.id)
        .bind(&meeting.join_url)
        .bind(meeting.password.as_deref())
        .bind(job.session_id)
        .execute(&mut *tx)
        .await?;
        finish_in(&mut tx, job, Some(fingerprint), now).await?;
        let name: String = sqlx::query_scalar("SELECT name FROM formations WHERE id = $1")
            .bind(formation_id)
            .fetch_one(&mut *tx)
            .await?;
        // The link and passcode stay out of the log: it outlives the
        // active period of every enrollment.
        let change = Change::new("session.zoom_meeting", "session", job.session_id)
            .formation(formation_id, &name)
            .seance(number, &title)
            .after(json!({ "zoom_meeting_id": meeting.id }));
        record_and_commit(tx, &Actor::Zoom, change).await?;
        Ok(Written::Yes)
    }

    /// Zoom is in step with the row as claimed (`synced` is what it was
    /// told, when it was told something). A row changed since the claim
    /// stays pending for the next round.
    pub async fn zoom_synced(
        &self,
        job: &SyncJob,
        synced: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        finish_in(&mut tx, job, synced, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The séance was deleted and so is its meeting: the row has served.
    /// Kept when the séance's row came back pending since (never, but a
    /// generation check costs nothing).
    pub async fn zoom_forget(&self, job: &SyncJob) -> Result<(), AppError> {
        sqlx::query("DELETE FROM zoom_syncs WHERE session_id = $1 AND generation = $2")
            .bind(job.session_id)
            .bind(job.generation)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Zoom no longer knows the séance's meeting (deleted in Zoom by
    /// someone): the séance forgets it and the next round creates another.
    pub async fn zoom_meeting_lost(
        &self,
        job: &SyncJob,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE formation_sessions SET zoom_meeting_id = NULL, meeting_link = NULL,
                 meeting_id = NULL, meeting_password = NULL
             WHERE id = $1 AND zoom_meeting_id = $2",
        )
        .bind(job.session_id)
        .bind(job.meeting.as_deref())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE zoom_syncs SET synced = NULL, zoom_meeting_id = NULL, leased_until = NULL,
                 attempts = 0, next_attempt_at = $2, updated_at = $2
             WHERE session_id = $1",
        )
        .bind(job.session_id)
        .bind(instant_text(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A call failed: tried again at `retry_at`, or given up ("échouée")
    /// with Zoom's reason for the admin.
    pub async fn zoom_sync_failed(
        &self,
        job: &SyncJob,
        reason: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE zoom_syncs SET state = $2, next_attempt_at = $3, last_error = $4,
                 leased_until = NULL, updated_at = $5
             WHERE session_id = $1",
        )
        .bind(job.session_id)
        .bind(if retry_at.is_some() {
            "pending"
        } else {
            "failed"
        })
        .bind(instant_text(retry_at.unwrap_or(now)))
        .bind(reason)
        .bind(instant_text(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// "Réessayer": a given-up séance goes back to the outbox now
    /// (audited). Only a failed one: a pending one is on its way already.
    pub async fn retry_zoom_sync(
        &self,
        actor: &Actor,
        session_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let mut tx = self.begin_write().await?;
        let (formation_id, seance) = super::formations::session_in(&mut tx, session_id).await?;
        let head = super::formations::head_in(&mut tx, formation_id).await?;
        let error: Option<Option<String>> = sqlx::query_scalar(
            "SELECT last_error FROM zoom_syncs WHERE session_id = $1 AND state = 'failed'",
        )
        .bind(session_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(error) = error else {
            return Err(ErrorCode::ZoomSyncNotFailed.into());
        };
        sqlx::query(
            "UPDATE zoom_syncs SET state = 'pending', generation = generation + 1, attempts = 0,
                 last_error = NULL, leased_until = NULL, next_attempt_at = $2, updated_at = $2
             WHERE session_id = $1",
        )
        .bind(session_id)
        .bind(instant_text(now))
        .execute(&mut *tx)
        .await?;
        let change = Change::new("session.zoom_retry", "session", session_id)
            .formation(head.id, &head.name)
            .seance(seance.session_number, &seance.title)
            .before(json!({ "zoom_sync": "failed", "error": error }))
            .after(json!({ "zoom_sync": "pending" }));
        record_and_commit(tx, actor, change).await?;
        Ok(formation_id)
    }

    /// Séances whose meeting ended more than two hours ago without a
    /// replay, not asked in the last six hours, for at most a week: claimed
    /// (`recording_checked_at`) so that one instance asks Zoom about each.
    /// Answers (séance, meeting id).
    pub async fn claim_recording_checks(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            session_id: i64,
            scheduled_date: String,
            duration_minutes: i64,
            zoom_meeting_id: String,
        }
        let lock = match self.backend {
            Backend::Postgres => "FOR UPDATE OF z SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let mut tx = self.begin_write().await?;
        // The end is start + duration, which SQL cannot compare as text;
        // séances last at most a day (admin::check_duration_minutes), so
        // the window on the start is narrowed in SQL and exact here.
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT z.session_id, s.scheduled_date, s.duration_minutes, s.zoom_meeting_id
             FROM zoom_syncs z JOIN formation_sessions s ON s.id = z.session_id
             WHERE z.deleted = 0 AND s.zoom_meeting_id IS NOT NULL AND s.recording_link IS NULL
               AND s.scheduled_date <= $1 AND s.scheduled_date >= $2
               AND (z.recording_checked_at IS NULL OR z.recording_checked_at <= $3)
             ORDER BY s.scheduled_date LIMIT $4 {lock}"
        ))
        .bind(instant_text(now - rules::recording_delay()))
        .bind(instant_text(
            now - rules::recording_give_up() - Duration::days(1),
        ))
        .bind(instant_text(now - rules::recording_interval()))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let mut due = Vec::new();
        for row in rows {
            let ends_at =
                decode::instant(&row.scheduled_date)? + Duration::minutes(row.duration_minutes);
            if ends_at + rules::recording_delay() <= now
                && now - ends_at <= rules::recording_give_up()
            {
                due.push((row.session_id, row.zoom_meeting_id));
            }
        }
        if !due.is_empty() {
            let sql = format!(
                "UPDATE zoom_syncs SET recording_checked_at = $1,
                     recording_checks = recording_checks + 1
                 WHERE session_id IN ({})",
                placeholders(2, due.len())
            );
            let mut query = sqlx::query(&sql).bind(instant_text(now));
            for (id, _) in &due {
                query = query.bind(*id);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(due)
    }
}

/// Marks a claimed row done, unless it changed since the claim (then it is
/// pending again, due now).
async fn finish_in(
    tx: &mut Tx,
    job: &SyncJob,
    synced: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE zoom_syncs SET
             state = CASE WHEN generation = $2 THEN 'done' ELSE 'pending' END,
             attempts = CASE WHEN generation = $2 THEN attempts ELSE 0 END,
             synced = COALESCE($3, synced), last_error = NULL, leased_until = NULL,
             next_attempt_at = $4, updated_at = $4
         WHERE session_id = $1",
    )
    .bind(job.session_id)
    .bind(job.generation)
    .bind(synced)
    .bind(instant_text(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
