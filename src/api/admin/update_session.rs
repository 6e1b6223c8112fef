use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "admin_update_session")]
pub async fn admin_update_session(
    session_id: i64,
    #[server(default)] title: String,
    #[server(default)] scheduled_at: String,
    #[server(default)] duration_minutes: String,
    #[server(default)] meeting_link: String,
    #[server(default)] recording_link: String,
) -> Result<(), AppError> {
    use crate::server::{finish_form, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
    let db = state().db;
    let outcome = async {
        let view = db.admin_session(session_id).await?;
        let fields = super::session_fields(
            &view.formation,
            &title,
            &scheduled_at,
            &duration_minutes,
            &meeting_link,
            &recording_link,
        )?;
        db.update_session(&Actor::admin(&admin), session_id, &fields)
            .await
    }
    .await;
    finish_form(
        outcome,
        |formation_id| format!("/admin/formations/{formation_id}/seances"),
        &format!("/admin/seances/{session_id}"),
        &[
            ("form", "edit"),
            ("title", &title),
            ("scheduled_at", &scheduled_at),
            ("duration_minutes", &duration_minutes),
            ("recording_link", &recording_link),
        ],
    )
    .map(|_| ())
}
