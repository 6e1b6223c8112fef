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
    use crate::server::{form_error, require_admin, state};

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
    match outcome {
        Ok(formation_id) => {
            leptos_axum::redirect(&format!("/admin/formations/{formation_id}/seances"));
            Ok(())
        }
        Err(err) => Err(form_error(
            err,
            &format!("/admin/seances/{session_id}"),
            &[("form", "delete")],
        )),
    }
}
