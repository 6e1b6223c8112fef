use leptos::prelude::*;

use crate::domain::enrollment::AttendOutcome;
use crate::error::AppError;

/// Marks the caller present at a session. `enrollment_id` only says where a
/// form posted without JavaScript comes back to.
#[server(prefix = "/fn", endpoint = "mark_attendance")]
pub async fn mark_attendance(
    enrollment_id: i64,
    session_id: i64,
) -> Result<AttendOutcome, AppError> {
    use crate::server::{form_error, is_plain_form_post, learner, require_user, state};
    let user = require_user()?;
    let page = format!("/user/formations/{enrollment_id}");
    let outcome = learner::attend(&state().db, user.id, session_id, chrono::Utc::now())
        .await
        .map_err(|err| form_error(err, &page, &[]))?;
    if is_plain_form_post() {
        // Back to the clean page, dropping any earlier error from the URL.
        leptos_axum::redirect(&page);
    }
    Ok(outcome)
}
