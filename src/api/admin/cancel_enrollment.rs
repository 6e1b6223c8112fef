use leptos::prelude::*;

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
    use crate::server::{finish_form, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
    let outcome = async {
        check_confirmed(confirm.as_deref())?;
        state()
            .db
            .cancel_enrollment(&Actor::admin(&admin), enrollment_id)
            .await
    }
    .await;
    let form = format!("cancel-{enrollment_id}");
    finish_form(
        outcome,
        |formation_id| format!("/admin/formations/{formation_id}/inscriptions"),
        &format!("/admin/formations/{formation_id}/inscriptions"),
        &[("form", &form)],
    )
    .map(|_| ())
}
