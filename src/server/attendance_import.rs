//! "Importer la feuille de présence": an admin uploads the attendance report
//! Google Meet or Microsoft Teams exported for a séance (a plain multipart
//! form, so it works without JavaScript); it is parsed
//! (`domain::attendance_report`), kept, and the séance's page shows the
//! preview (`?import=ID`) until the admin confirms it. A file that cannot
//! be read comes back as `?import_erreur=<kind>&ligne=N`.

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;

use crate::domain::attendance::match_attendees;
use crate::domain::attendance_report::{self, Report, ReportEntry, ReportErrorKind};
use crate::error::AppError;
use crate::server::extract::Admin;
use crate::server::http::AppState;
use crate::server::store::enrollments::AttendanceSource;
use crate::server::store::zoom::SeancePresence;

/// Reports are a few kilobytes; this leaves room for a very large meeting.
pub const MAX_REPORT_BYTES: usize = 5 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/admin/seances/{session_id}/presences/import",
        // The multipart envelope around the file, too.
        post(upload).layer(DefaultBodyLimit::max(MAX_REPORT_BYTES + 64 * 1024)),
    )
}

/// The page of the séance, at its attendance section.
fn back(session_id: i64, query: &str) -> Response {
    Redirect::to(&format!("/admin/seances/{session_id}?{query}#presences")).into_response()
}

/// The words' key of a report error (`admin-import-error-<key>`).
pub fn error_key(kind: &ReportErrorKind) -> &'static str {
    match kind {
        ReportErrorKind::Empty => "empty",
        ReportErrorKind::Encoding => "encoding",
        ReportErrorKind::UnknownLayout => "unknown_layout",
        ReportErrorKind::MissingColumn(_) => "missing_column",
        ReportErrorKind::BadDuration(_) => "bad_duration",
        ReportErrorKind::BadTime(_) => "bad_time",
        ReportErrorKind::BadRow => "bad_row",
    }
}

async fn upload(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(session_id): Path<String>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let session_id = crate::server::rest::id(&session_id)?;
    // The séance must exist (404 otherwise) before anything is kept.
    state.db.admin_session(session_id).await?;
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("report") {
            match field.bytes().await {
                Ok(bytes) => file = Some(bytes),
                Err(_) => return Ok(back(session_id, "import_erreur=too_large&ligne=0")),
            }
        }
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return Ok(back(session_id, "import_erreur=empty&ligne=0"));
    };
    let report: Report = match attendance_report::parse(&bytes) {
        Ok(report) => report,
        Err(err) => {
            return Ok(back(
                session_id,
                &format!("import_erreur={}&ligne={}", error_key(&err.kind), err.line),
            ))
        }
    };
    if report.entries.is_empty() {
        return Ok(back(session_id, "import_erreur=empty&ligne=0"));
    }
    let entries = serde_json::to_string(&report.entries).map_err(|_| AppError::Internal)?;
    let id = state
        .db
        .save_attendance_import(
            session_id,
            &format!("{:?}", report.kind),
            &entries,
            state.clock.now(),
        )
        .await?;
    Ok(back(session_id, &format!("import={id}")))
}

/// The stored report `id`, matched to the séance's learners as `presence`
/// (already read by the caller) has them.
pub async fn preview(
    state: &AppState,
    presence: &SeancePresence,
    id: i64,
) -> Result<Option<crate::domain::admin::ImportPreview>, AppError> {
    let Some(stored) = state.db.attendance_import(presence.session_id, id).await? else {
        return Ok(None);
    };
    let entries: Vec<ReportEntry> = serde_json::from_str(&stored.entries)
        .map_err(|_| crate::server::store::corrupt("import entries", &stored.id.to_string()))?;
    let attendees: Vec<_> = entries
        .into_iter()
        .map(|e| (e.name, e.email, e.minutes))
        .collect();
    Ok(Some(crate::domain::admin::ImportPreview {
        id: stored.id,
        kind: stored.kind,
        attendees: match_attendees(
            &attendees,
            &presence.learners,
            presence.duration_minutes,
            presence.min_percent,
        ),
        applied: stored.applied,
    }))
}

/// Marks present (source `import`) those of the report the preview said;
/// once per report. Answers how many marks are new.
pub async fn apply(
    state: &AppState,
    actor: &crate::server::store::audit::Actor,
    session_id: i64,
    id: i64,
) -> Result<u64, AppError> {
    let presence = state.db.seance_presence(session_id).await?;
    let preview = preview(state, &presence, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state
        .db
        .claim_attendance_import(id, state.clock.now())
        .await?
    {
        return Err(AppError::Conflict(crate::error::ErrorCode::ImportApplied));
    }
    let mut marks: Vec<(i64, i64)> = Vec::new();
    for a in preview.attendees.iter().filter(|a| a.present) {
        if let Some((user, _)) = a.learner {
            match marks.iter_mut().find(|(u, _)| *u == user) {
                Some(mark) => mark.1 = mark.1.max(a.minutes),
                None => marks.push((user, a.minutes)),
            }
        }
    }
    match state
        .db
        .record_automatic_attendance(
            session_id,
            &marks,
            AttendanceSource::Import,
            state.clock.now(),
        )
        .await
    {
        Ok(added) => {
            state
                .db
                .audit_import(actor, session_id, &preview.kind, added)
                .await?;
            Ok(added)
        }
        Err(err) => {
            state.db.release_attendance_import(id).await?;
            Err(err)
        }
    }
}
