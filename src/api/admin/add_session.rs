use leptos::prelude::*;

use crate::error::AppError;

/// Adds one session, its date and time typed in the formation's time zone;
/// the sessions are then renumbered by date.
#[server(prefix = "/fn", endpoint = "admin_add_session")]
pub async fn admin_add_session(
    formation_id: i64,
    #[server(default)] title: String,
    #[server(default)] scheduled_at: String,
    #[server(default)] duration_minutes: String,
    #[server(default)] meeting_link: String,
    #[server(default)] recording_link: String,
) -> Result<i64, AppError> {
    use crate::server::{finish_form, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
    let db = state().db;
    let outcome = async {
        let head = db.admin_head(formation_id).await?;
        let fields = super::session_fields(
            &head,
            &title,
            &scheduled_at,
            &duration_minutes,
            &meeting_link,
            &recording_link,
        )?;
        db.create_session(&Actor::admin(&admin), formation_id, &fields, None)
            .await
    }
    .await;
    let path = format!("/admin/formations/{formation_id}/seances");
    finish_form(
        outcome,
        |_| path.clone(),
        &path,
        &[
            ("form", "add"),
            ("title", &title),
            ("scheduled_at", &scheduled_at),
            ("duration_minutes", &duration_minutes),
            ("recording_link", &recording_link),
        ],
    )
}
