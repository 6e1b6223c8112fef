use leptos::prelude::*;

use crate::error::AppError;

/// Marks (`present = 1`) or unmarks (`0`) a learner's presence, as 'manual'.
#[server(prefix = "/fn", endpoint = "admin_set_attendance")]
pub async fn admin_set_attendance(
    formation_id: i64,
    user_id: i64,
    session_id: i64,
    present: i64,
) -> Result<bool, AppError> {
    use crate::server::{form_error, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
    let path = format!("/admin/formations/{formation_id}/presences");
    match state()
        .db
        .set_attendance(
            &Actor::admin(&admin),
            formation_id,
            user_id,
            session_id,
            present == 1,
        )
        .await
    {
        Ok(changed) => {
            leptos_axum::redirect(&path);
            Ok(changed)
        }
        Err(err) => Err(form_error(err, &path, &[("form", "grid")])),
    }
}
