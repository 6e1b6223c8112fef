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
    use crate::server::{admin_form, state};

    let path = format!("/admin/formations/{formation_id}/presences");
    admin_form(
        async |actor| {
            state()
                .db
                .set_attendance(actor, formation_id, user_id, session_id, present == 1)
                .await
        },
        |_| path.clone(),
        // In place with JavaScript: the grid keeps its focus and scroll.
        None,
        &path,
        &[("form", "grid")],
    )
    .await
}
