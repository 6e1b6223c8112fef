use leptos::prelude::*;

use crate::error::AppError;

/// Sets (or, empty, clears) a session's recording link.
#[server(prefix = "/fn", endpoint = "admin_set_recording")]
pub async fn admin_set_recording(
    session_id: i64,
    #[server(default)] recording_link: String,
) -> Result<(), AppError> {
    use crate::domain::admin::check_recording_link;
    use crate::server::{finish_form, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
    let outcome = async {
        let link = check_recording_link(&recording_link)?;
        state()
            .db
            .set_recording(&Actor::admin(&admin), session_id, link.as_deref())
            .await
    }
    .await;
    finish_form(
        outcome,
        |formation_id| format!("/admin/formations/{formation_id}/seances"),
        &format!("/admin/seances/{session_id}"),
        &[("form", "recording"), ("recording_link", &recording_link)],
    )
    .map(|_| ())
}
