use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// "Réessayer": puts a séance whose Zoom synchronisation failed back in
/// the outbox (audited); the worker takes it at once.
#[server(prefix = "/fn", endpoint = "admin_retry_zoom_sync")]
pub async fn admin_retry_zoom_sync(session_id: i64) -> Result<i64, AppError> {
    use crate::server::{admin_form, require_admin, state};

    // Before anything is read: the page to come back to names the formation.
    require_admin()?;
    let formation = state().db.admin_session(session_id).await.ok();
    let page = formation
        .map(|d| format!("/admin/formations/{}/seances", d.formation.id))
        .unwrap_or_else(|| "/admin/formations".into());
    admin_form(
        async |actor| {
            let state = state();
            state
                .db
                .retry_zoom_sync(actor, session_id, state.clock.now())
                .await
        },
        |formation_id| format!("/admin/formations/{formation_id}/seances"),
        Some(Flash::ZoomRetried),
        &page,
        &[("form", "zoom")],
    )
    .await
}
