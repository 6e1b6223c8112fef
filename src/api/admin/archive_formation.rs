use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
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
    use crate::server::{admin_form, state};

    let path = format!("/admin/formations/{id}");
    admin_form(
        async |actor| {
            if archived == 1 {
                check_confirmed(confirm.as_deref())?;
            }
            state().db.set_archived(actor, id, archived == 1).await
        },
        |_| path.clone(),
        Some(if archived == 1 {
            Flash::FormationArchived
        } else {
            Flash::FormationRestored
        }),
        &path,
        &[("form", "archive")],
    )
    .await
}
