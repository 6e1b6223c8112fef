use leptos::prelude::*;

use crate::error::AppError;

/// An admin corrects a learner's name (from a formation's enrollments page);
/// the change is recorded in the audit log.
#[server(prefix = "/fn", endpoint = "admin_rename_user")]
pub async fn admin_rename_user(
    user_id: i64,
    name: String,
    #[server(default)] formation_id: i64,
) -> Result<(), AppError> {
    use crate::domain::account::DisplayName;
    use crate::server::{form_error, require_admin, state};

    let admin = require_admin()?;
    let back = format!("/admin/formations/{formation_id}/inscriptions");
    let outcome = async {
        let parsed = DisplayName::parse(&name)?;
        state()
            .db
            .admin_set_user_name(&admin, user_id, &parsed)
            .await
    }
    .await;
    match outcome {
        Ok(()) => {
            leptos_axum::redirect(&back);
            Ok(())
        }
        Err(err) => {
            let form = format!("rename-{user_id}");
            Err(form_error(
                err,
                &back,
                &[("form", &form), ("name", name.trim())],
            ))
        }
    }
}
