//! Zoom's webhooks (`POST /webhooks/zoom`): verified as Zoom documents
//! (`server::zoom` checks nothing itself: `domain::zoom` does), kept, then
//! turned into what they mean: the presence of the learners at the séance
//! the meeting is about, and its recording.
//!
//! Presence is recomputed from every stored event of a participant at each
//! new one, so a retried, duplicated or late event changes nothing; the
//! work is a few statements, done before answering so that the effect is
//! there when Zoom has its 200.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};

use crate::domain::attendance::{match_attendees, stretches};
use crate::domain::zoom::{self, ZoomEvent};
use crate::error::{AppError, ErrorCode};
use crate::server::http::AppState;
use crate::server::store::audit::Actor;
use crate::server::store::enrollments::AttendanceSource;
use crate::server::store::zoom::{NewZoomEvent, SeancePresence};

pub const WEBHOOK_PATH: &str = "/webhooks/zoom";

pub fn router() -> Router<AppState> {
    Router::new().route(
        WEBHOOK_PATH,
        post(webhook).layer(DefaultBodyLimit::max(zoom::MAX_BODY)),
    )
}

async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match receive(&state, &headers, &body).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn receive(
    state: &AppState,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, AppError> {
    // Off until configured: nothing answers at that path.
    let Some(secret) = state.settings.zoom.webhook_secret.as_deref() else {
        return Err(AppError::NotFound);
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    zoom::verify(
        secret,
        header(zoom::TIMESTAMP_HEADER),
        header(zoom::SIGNATURE_HEADER),
        body,
        state.clock.now(),
    )
    .map_err(|_| AppError::Unauthorized)?;
    let (kind, event) = zoom::parse_event(body).map_err(|err| {
        AppError::BadRequest(ErrorCode::Malformed {
            detail: format!("Zoom event: {err:?}"),
        })
    })?;
    if let ZoomEvent::UrlValidation { plain_token } = &event {
        return Ok(Json(serde_json::json!({
            "plainToken": plain_token,
            "encryptedToken": zoom::url_validation_token(secret, plain_token),
        }))
        .into_response());
    }
    handle(state, &kind, &event, &String::from_utf8_lossy(body)).await?;
    Ok(StatusCode::OK.into_response())
}

/// The séance an event's meeting is about, if the platform knows it.
async fn session_of(
    state: &AppState,
    event: &ZoomEvent,
    at: Option<DateTime<Utc>>,
) -> Result<Option<i64>, AppError> {
    let Some(meeting) = meeting_of(event) else {
        return Ok(None);
    };
    if !meeting.uuid.is_empty() {
        if let Some(id) = state.db.zoom_session_of_occurrence(&meeting.uuid).await? {
            return Ok(Some(id));
        }
    }
    if meeting.id.is_empty() {
        return Ok(None);
    }
    let Some(start) = meeting.start_time.or(at) else {
        return Ok(None);
    };
    let (own, candidates) = state.db.zoom_candidates(&meeting.id, start).await?;
    Ok(own.or_else(|| zoom::nearest_session(&candidates, start)))
}

fn meeting_of(event: &ZoomEvent) -> Option<&zoom::MeetingRef> {
    match event {
        ZoomEvent::ParticipantJoined { meeting, .. }
        | ZoomEvent::ParticipantLeft { meeting, .. }
        | ZoomEvent::MeetingEnded { meeting, .. }
        | ZoomEvent::RecordingCompleted { meeting, .. } => Some(meeting),
        ZoomEvent::UrlValidation { .. } | ZoomEvent::Other { .. } => None,
    }
}

/// Keeps the event, then applies it (only if it is new: a redelivery has
/// been applied already).
pub async fn handle(
    state: &AppState,
    kind: &str,
    event: &ZoomEvent,
    body: &str,
) -> Result<(), AppError> {
    let (participant, at) = match event {
        ZoomEvent::ParticipantJoined {
            participant, at, ..
        }
        | ZoomEvent::ParticipantLeft {
            participant, at, ..
        } => (Some(participant), Some(*at)),
        ZoomEvent::MeetingEnded { at, .. } => (None, Some(*at)),
        _ => (None, None),
    };
    let session_id = session_of(state, event, at).await?;
    let meeting = meeting_of(event);
    let key = event.dedupe_key();
    let new = state
        .db
        .save_zoom_event(
            &NewZoomEvent {
                dedupe_key: key.as_deref(),
                event: kind,
                meeting_id: meeting.map(|m| m.id.as_str()),
                meeting_uuid: meeting.map(|m| m.uuid.as_str()),
                session_id,
                participant_key: participant.map(|p| p.key.as_str()),
                participant_name: participant.map(|p| p.name.as_str()),
                participant_email: participant.and_then(|p| p.email.as_deref()),
                occurred_at: at,
                body,
            },
            state.clock.now(),
        )
        .await?;
    let Some(session_id) = session_id else {
        return Ok(());
    };
    if !new {
        return Ok(());
    }
    match event {
        ZoomEvent::ParticipantJoined { .. }
        | ZoomEvent::ParticipantLeft { .. }
        | ZoomEvent::MeetingEnded { .. } => update_presence(state, session_id).await,
        ZoomEvent::RecordingCompleted { link, .. } => {
            state
                .db
                .set_recording(&Actor::Zoom, session_id, Some(link))
                .await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// One participant of a séance's meeting, their stretches summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub key: String,
    pub name: String,
    pub email: Option<String>,
    pub minutes: i64,
    /// The learner it counts for (attached by an admin, or by e-mail).
    pub learner: Option<(i64, String)>,
    pub present: bool,
}

/// Every participant of the séance's meeting, with their minutes and the
/// learner they are (if known): pure arithmetic on what the store read.
pub fn attendees(p: &SeancePresence) -> Vec<Attendee> {
    let mut keys: Vec<&str> = p
        .movements
        .iter()
        .map(|m| m.participant_key.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let mine: Vec<_> = p
                .movements
                .iter()
                .filter(|m| m.participant_key == key)
                .collect();
            // The latest name and address Zoom gave for this participant.
            let name = mine
                .iter()
                .rev()
                .find(|m| !m.name.is_empty())
                .map(|m| m.name.clone())
                .unwrap_or_default();
            let email = mine.iter().rev().find_map(|m| m.email.clone());
            let moves: Vec<_> = mine.iter().map(|m| (m.joined, m.at)).collect();
            let intervals: Vec<zoom::Interval> = stretches(&moves)
                .into_iter()
                .map(|(join, leave)| zoom::Interval { join, leave })
                .collect();
            let minutes = zoom::minutes_present(&intervals, p.ended);
            let linked = p
                .links
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, user)| *user);
            let (learner, present) = match linked {
                Some(user) => {
                    let name = p
                        .learners
                        .iter()
                        .find(|(id, _, _)| *id == user)
                        .map(|(_, n, _)| n.clone())
                        .unwrap_or_default();
                    (
                        Some((user, name)),
                        crate::domain::attendance::reaches(
                            minutes,
                            p.duration_minutes,
                            p.min_percent,
                        ),
                    )
                }
                None => {
                    // By e-mail only: a Zoom display name proves nothing.
                    let found = match_attendees(
                        &[(name.clone(), email.clone(), minutes)],
                        &p.learners,
                        p.duration_minutes,
                        p.min_percent,
                    )
                    .into_iter()
                    .next()
                    .filter(|m| m.matched_by == Some(crate::domain::attendance::MatchedBy::Email));
                    match found {
                        Some(m) => (m.learner, m.present),
                        None => (None, false),
                    }
                }
            };
            Attendee {
                key: key.to_string(),
                name,
                email,
                minutes,
                learner,
                present,
            }
        })
        .collect()
}

/// Recomputes the séance's presence from every event kept and marks those
/// whose minutes reach the formation's threshold (source `zoom`).
pub async fn update_presence(state: &AppState, session_id: i64) -> Result<(), AppError> {
    let presence = state.db.seance_presence(session_id).await?;
    let mut marks: Vec<(i64, i64)> = Vec::new();
    for a in attendees(&presence) {
        if let (Some((user, _)), true) = (a.learner, a.present) {
            // One learner on two devices: the larger count.
            match marks.iter_mut().find(|(u, _)| *u == user) {
                Some(mark) => mark.1 = mark.1.max(a.minutes),
                None => marks.push((user, a.minutes)),
            }
        }
    }
    state
        .db
        .record_automatic_attendance(
            session_id,
            &marks,
            AttendanceSource::Zoom,
            state.clock.now(),
        )
        .await?;
    Ok(())
}
