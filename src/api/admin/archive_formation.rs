use leptos::prelude::*;

use crate::error::AppError;

/// Archives (`archived = 1`, after confirmation) or restores (`0`) a
/// formation. Archived, it leaves the catalogue; its enrollments stay.
#[server(prefix = "/fn", endpoint = "admin_archive_formation")]
pub async fn admin_archive_formation(
    id: i64,
    archived: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::admin::check_confirmed;
    use crate::server::{finish_form, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
    let outcome = async {
        if archived == 1 {
            check_confirmed(confirm.as_deref())?;
        }
        state()
            .db
            .set_archived(&Actor::admin(&admin), id, archived == 1)
            .await
    }
    .await;
    finish_form(
        outcome,
        |_| format!("/admin/formations/{id}"),
        &format!("/admin/formations/{id}"),
        &[("form", "archive")],
    )
}
