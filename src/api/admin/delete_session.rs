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
    use crate::server::state;

    super::session_form(
        session_id,
        async |actor| {
            check_confirmed(confirm.as_deref())?;
            state().db.delete_session(actor, session_id).await
        },
        crate::domain::admin::Flash::SessionDeleted,
        &[("form", "delete")],
    )
    .await
}
