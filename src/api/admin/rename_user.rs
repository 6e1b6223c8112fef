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
    use crate::domain::admin::Flash;
    use crate::server::{finish_form, require_admin, state, with_flash};

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
    let form = format!("rename-{user_id}");
    finish_form(
        outcome,
        |_| with_flash(Flash::LearnerRenamed, &back),
        &back,
        &[("form", &form), ("name", name.trim())],
    )
}
