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
    use crate::server::state;

    let db = state().db.clone();
    super::session_form(
        session_id,
        async |actor| {
            let view = db.admin_session(session_id).await?;
            let fields = super::session_fields(
                &view.formation,
                &title,
                &scheduled_at,
                &duration_minutes,
                &meeting_link,
                &recording_link,
            )?;
            db.update_session(actor, session_id, &fields).await
        },
        crate::domain::admin::Flash::SessionSaved,
        &super::session_keep(
            "edit",
            &title,
            &scheduled_at,
            &duration_minutes,
            &recording_link,
        ),
    )
    .await
}
