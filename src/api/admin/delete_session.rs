use leptos::prelude::*;

use crate::error::AppError;

/// Deletes a session (its attendance rows with it) once confirmed, and
/// renumbers the others by date.
#[server(prefix = "/fn", endpoint = "admin_delete_session")]
pub async fn admin_delete_session(
    session_id: i64,
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
            .delete_session(&Actor::admin(&admin), session_id)
            .await
    }
    .await;
    finish_form(
        outcome,
        |formation_id| format!("/admin/formations/{formation_id}/seances"),
        &format!("/admin/seances/{session_id}"),
        &[("form", "delete")],
    )
    .map(|_| ())
}
