use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Cancels an enrollment once confirmed: the learner's effective status
/// becomes cancelled at once, so the meeting link is no longer served.
#[server(prefix = "/fn", endpoint = "admin_cancel_enrollment")]
pub async fn admin_cancel_enrollment(
    enrollment_id: i64,
    #[server(default)] formation_id: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::admin::check_confirmed;
    use crate::server::{admin_form, state};

    let form = format!("cancel-{enrollment_id}");
    admin_form(
        async |actor| {
            check_confirmed(confirm.as_deref())?;
            state().db.cancel_enrollment(actor, enrollment_id).await
        },
        |formation_id| format!("/admin/formations/{formation_id}/inscriptions"),
        Some(Flash::EnrollmentCancelled),
        &format!("/admin/formations/{formation_id}/inscriptions"),
        &[("form", &form)],
    )
    .await
    .map(|_| ())
}
