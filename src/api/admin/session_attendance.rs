use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::domain::admin::SeanceAttendance;
use crate::error::AppError;

/// A séance's automatic attendance: Zoom's participants nobody recognised
/// and, with `import`, the preview of an uploaded report.
#[server(prefix = "/fn", endpoint = "admin_session_attendance")]
pub async fn admin_session_attendance(
    session_id: i64,
    #[server(default)] import: Option<i64>,
) -> Result<SeanceAttendance, AppError> {
    use crate::domain::admin::ZoomParticipant;
    use crate::server::{require_admin, state};

    require_admin()?;
    let state = state();
    let presence = state.db.seance_presence(session_id).await?;
    let unrecognized = crate::server::zoom::attendees(&presence)
        .into_iter()
        .filter(|a| a.learner.is_none())
        .map(|a| ZoomParticipant {
            key: a.key,
            name: a.name,
            email: a.email,
            minutes: a.minutes,
        })
        .collect();
    let import = match import {
        Some(id) => crate::server::attendance_import::preview(&state, &presence, id).await?,
        None => None,
    };
    Ok(SeanceAttendance {
        zoom_on: state.settings.zoom.webhook_secret.is_some(),
        min_percent: presence.min_percent,
        unrecognized,
        learners: presence
            .learners
            .iter()
            .map(|(id, name, _)| (*id, name.clone()))
            .collect(),
        import,
    })
}

/// "Rattacher": a Zoom participant of the séance counts for this learner.
#[server(prefix = "/fn", endpoint = "admin_link_participant")]
pub async fn admin_link_participant(
    session_id: i64,
    participant_key: String,
    user_id: i64,
) -> Result<(), AppError> {
    use crate::server::state;

    crate::server::admin_form(
        async |actor| {
            let state = state();
            state
                .db
                .link_zoom_participant(
                    actor,
                    session_id,
                    &participant_key,
                    user_id,
                    state.clock.now(),
                )
                .await?;
            crate::server::zoom::update_presence(&state, session_id).await
        },
        |_| format!("/admin/seances/{session_id}#presences"),
        Some(Flash::AttendanceSaved),
        &format!("/admin/seances/{session_id}"),
        &[("form", "link")],
    )
    .await
}

/// "Confirmer l'import": marks present those the preview said.
#[server(prefix = "/fn", endpoint = "admin_apply_import")]
pub async fn admin_apply_import(session_id: i64, import: i64) -> Result<u64, AppError> {
    use crate::server::state;

    crate::server::admin_form(
        async |actor| {
            crate::server::attendance_import::apply(&state(), actor, session_id, import).await
        },
        |_| format!("/admin/seances/{session_id}?import={import}#presences"),
        Some(Flash::ImportApplied),
        &format!("/admin/seances/{session_id}?import={import}"),
        &[("form", "import")],
    )
    .await
}
