use leptos::prelude::*;

use crate::error::AppError;

/// Sets (or, empty, clears) a session's recording link.
#[server(prefix = "/fn", endpoint = "admin_set_recording")]
pub async fn admin_set_recording(
    session_id: i64,
    #[server(default)] recording_link: String,
) -> Result<(), AppError> {
    use crate::domain::admin::check_recording_link;
    use crate::server::state;

    super::session_form(
        session_id,
        async |actor| {
            let link = check_recording_link(&recording_link)?;
            state()
                .db
                .set_recording(actor, session_id, link.as_deref())
                .await
        },
        crate::domain::admin::Flash::RecordingSaved,
        &[("form", "recording"), ("recording_link", &recording_link)],
    )
    .await
}
