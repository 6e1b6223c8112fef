//! What Zoom's webhooks leave behind: the events as received (the one write
//! path of `zoom_events`), the participants an admin attached to a learner
//! (`zoom_participant_links`), and the reads that turn them into presence.
//! Presence is always recomputed from every stored event of a participant,
//! so duplicates (the unique key) and the order of arrival change nothing.

use chrono::{DateTime, Duration, Utc};

use serde_json::json;

use super::audit::{record_and_commit, Actor, Change};
use super::enrollments::check_enrolled;
use super::formations::{head_in, session_in};
use super::{decode, instant_text};
use crate::error::AppError;
use crate::server::db::Db;

/// An event to keep, with the séance it was found to be about.
#[derive(Debug, Clone)]
pub struct NewZoomEvent<'a> {
    pub dedupe_key: Option<&'a str>,
    pub event: &'a str,
    pub meeting_id: Option<&'a str>,
    pub meeting_uuid: Option<&'a str>,
    pub session_id: Option<i64>,
    pub participant_key: Option<&'a str>,
    pub participant_name: Option<&'a str>,
    pub participant_email: Option<&'a str>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub body: &'a str,
}

/// One join or leave of a participant, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub participant_key: String,
    pub name: String,
    pub email: Option<String>,
    pub joined: bool,
    pub at: DateTime<Utc>,
}

/// What a séance's presence is computed from: its movements, when its
/// meeting ended, and who is who.
#[derive(Debug, Clone)]
pub struct SeancePresence {
    pub session_id: i64,
    pub formation_id: i64,
    pub duration_minutes: i64,
    pub min_percent: i64,
    pub movements: Vec<Movement>,
    pub ended: Option<DateTime<Utc>>,
    /// participant key → the learner an admin attached it to.
    pub links: Vec<(String, i64)>,
    /// The learners of the formation (not cancelled): id, name, e-mail.
    pub learners: Vec<(i64, String, String)>,
}

/// A séance's formation, length and threshold, with one learner (none
/// when the formation has no learner).
type TermsAndLearner = (i64, i64, i64, Option<i64>, Option<String>, Option<String>);

#[derive(sqlx::FromRow)]
struct MovementRow {
    event: String,
    participant_key: Option<String>,
    participant_name: Option<String>,
    participant_email: Option<String>,
    occurred_at: Option<String>,
}

impl Db {
    /// The séance a Zoom meeting is about: the one whose own Zoom meeting id
    /// it is; else, among the séances of formations whose meeting id has
    /// the same digits, those starting within 2 hours of `start` (the
    /// domain picks the nearest). Two statements at most.
    pub async fn zoom_candidates(
        &self,
        meeting_id: &str,
        start: DateTime<Utc>,
    ) -> Result<(Option<i64>, Vec<(i64, DateTime<Utc>)>), AppError> {
        let own: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM formation_sessions WHERE zoom_meeting_id = $1 ORDER BY id LIMIT 1",
        )
        .bind(meeting_id)
        .fetch_optional(self.pool())
        .await?;
        if own.is_some() {
            return Ok((own, vec![]));
        }
        // Spaces and dashes are how people type meeting ids.
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT s.id, s.scheduled_date FROM formation_sessions s
             JOIN formations f ON f.id = s.formation_id
             WHERE REPLACE(REPLACE(COALESCE(f.meeting_id, ''), ' ', ''), '-', '') = $1
               AND s.scheduled_date >= $2 AND s.scheduled_date <= $3",
        )
        .bind(meeting_id)
        .bind(instant_text(start - Duration::hours(2)))
        .bind(instant_text(start + Duration::hours(2)))
        .fetch_all(self.pool())
        .await?;
        let candidates = rows
            .into_iter()
            .map(|(id, at)| Ok((id, decode::instant(&at)?)))
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok((None, candidates))
    }

    /// The séance of an occurrence already seen (its first events found
    /// it): later events of one occurrence follow it.
    pub async fn zoom_session_of_occurrence(&self, uuid: &str) -> Result<Option<i64>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT session_id FROM zoom_events
             WHERE meeting_uuid = $1 AND session_id IS NOT NULL ORDER BY id LIMIT 1",
        )
        .bind(uuid)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Keeps an event; a redelivery (same key) keeps nothing. Answers
    /// whether it was new.
    pub async fn save_zoom_event(
        &self,
        e: &NewZoomEvent<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let inserted = sqlx::query(
            "INSERT INTO zoom_events (dedupe_key, event, meeting_id, meeting_uuid, session_id,
                 participant_key, participant_name, participant_email, occurred_at, received_at, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(e.dedupe_key)
        .bind(e.event)
        .bind(e.meeting_id)
        .bind(e.meeting_uuid)
        .bind(e.session_id)
        .bind(e.participant_key)
        .bind(e.participant_name)
        .bind(e.participant_email)
        .bind(e.occurred_at.map(instant_text))
        .bind(instant_text(now))
        .bind(e.body)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    /// Everything the presence of a séance is computed from, in one read
    /// transaction of two statements whatever the meeting's size.
    pub async fn seance_presence(&self, session_id: i64) -> Result<SeancePresence, AppError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            movement: MovementRow,
            linked_to: Option<i64>,
        }
        let mut tx = self.pool().begin().await?;
        // The séance's terms and the formation's learners in one read (a
        // formation without learners still gives its one row).
        let learner_rows: Vec<TermsAndLearner> =
            sqlx::query_as(
                "SELECT s.formation_id, s.duration_minutes, f.zoom_min_presence, u.id, u.name, u.email
                 FROM formation_sessions s
                 JOIN formations f ON f.id = s.formation_id
                 LEFT JOIN enrollments e ON e.formation_id = s.formation_id AND e.status <> 'cancelled'
                 LEFT JOIN users u ON u.id = e.user_id
                 WHERE s.id = $1 ORDER BY u.id",
            )
            .bind(session_id)
            .fetch_all(&mut *tx)
            .await?;
        let Some(&(formation_id, duration_minutes, min_percent, ..)) = learner_rows.first() else {
            return Err(AppError::NotFound);
        };
        let learners: Vec<(i64, String, String)> = learner_rows
            .into_iter()
            .filter_map(|(_, _, _, id, name, email)| Some((id?, name?, email?)))
            .collect();
        // Each movement with the learner an admin attached its participant
        // to, if any.
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT e.event, e.participant_key, e.participant_name, e.participant_email, e.occurred_at,
                    l.user_id AS linked_to
             FROM zoom_events e
             LEFT JOIN zoom_participant_links l
                    ON l.session_id = e.session_id AND l.participant_key = e.participant_key
             WHERE e.session_id = $1
               AND e.event IN ('meeting.participant_joined', 'meeting.participant_left', 'meeting.ended')
             ORDER BY e.id",
        )
        .bind(session_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut movements = Vec::new();
        let mut links: Vec<(String, i64)> = Vec::new();
        let mut ended: Option<DateTime<Utc>> = None;
        for Row {
            movement: row,
            linked_to,
        } in rows
        {
            let Some(at) = row.occurred_at.as_deref() else {
                continue;
            };
            let at = decode::instant(at)?;
            if row.event == "meeting.ended" {
                ended = Some(ended.map_or(at, |e| e.max(at)));
                continue;
            }
            let Some(key) = row.participant_key else {
                continue;
            };
            if let Some(user) = linked_to {
                if !links.iter().any(|(k, _)| *k == key) {
                    links.push((key.clone(), user));
                }
            }
            movements.push(Movement {
                participant_key: key,
                name: row.participant_name.unwrap_or_default(),
                email: row.participant_email,
                joined: row.event == "meeting.participant_joined",
                at,
            });
        }
        Ok(SeancePresence {
            session_id,
            formation_id,
            duration_minutes,
            min_percent,
            movements,
            ended,
            links,
            learners,
        })
    }

    /// Attaches a participant of a séance to a learner (again: to another
    /// learner); the learner must be enrolled in the séance's formation.
    /// Audited: an admin decides who someone was.
    pub async fn link_zoom_participant(
        &self,
        actor: &Actor,
        session_id: i64,
        participant_key: &str,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        let (formation_id, session) = session_in(&mut tx, session_id).await?;
        check_enrolled(&mut tx, formation_id, user_id).await?;
        let known: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM zoom_events WHERE session_id = $1 AND participant_key = $2",
        )
        .bind(session_id)
        .bind(participant_key)
        .fetch_one(&mut *tx)
        .await?;
        if known == 0 {
            return Err(AppError::NotFound);
        }
        sqlx::query(
            "INSERT INTO zoom_participant_links (session_id, participant_key, user_id, linked_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (session_id, participant_key) DO UPDATE SET user_id = excluded.user_id, linked_at = excluded.linked_at",
        )
        .bind(session_id)
        .bind(participant_key)
        .bind(user_id)
        .bind(instant_text(now))
        .execute(&mut *tx)
        .await?;
        let change = Change::new("attendance.link", "session", session_id)
            .seance(session.session_number, &session.title)
            .after(json!({ "user_id": user_id, "source": "zoom" }))
            .about(&mut tx, formation_id, user_id)
            .await?;
        record_and_commit(tx, actor, change).await
    }

    /// The audit entry of a confirmed report: who imported what, how many
    /// marks it made.
    pub async fn audit_import(
        &self,
        actor: &Actor,
        session_id: i64,
        kind: &str,
        marked: u64,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        let (formation_id, session) = session_in(&mut tx, session_id).await?;
        let head = head_in(&mut tx, formation_id).await?;
        let change = Change::new("attendance.import", "session", session_id)
            .seance(session.session_number, &session.title)
            .formation(formation_id, &head.name)
            .after(json!({ "source": "import", "kind": kind, "marked": marked }));
        record_and_commit(tx, actor, change).await
    }
}
