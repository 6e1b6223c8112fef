use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
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
    use crate::server::{admin_form, state};

    let db = state().db.clone();
    let path = format!("/admin/formations/{formation_id}/seances");
    admin_form(
        async |actor| {
            let head = db.admin_head(formation_id).await?;
            let fields = super::session_fields(
                &head,
                &title,
                &scheduled_at,
                &duration_minutes,
                &meeting_link,
                &recording_link,
            )?;
            db.create_session(actor, formation_id, &fields, None).await
        },
        |_| path.clone(),
        Some(Flash::SessionAdded),
        &path,
        &super::session_keep(
            "add",
            &title,
            &scheduled_at,
            &duration_minutes,
            &recording_link,
        ),
    )
    .await
}
