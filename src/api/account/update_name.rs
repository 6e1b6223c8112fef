use leptos::prelude::*;

use crate::error::AppError;

/// The user corrects their own name.
#[server(prefix = "/fn", endpoint = "update_name")]
pub async fn update_name(name: String) -> Result<(), AppError> {
    use crate::domain::account::DisplayName;
    use crate::server::{finish_form, require_user, state};

    let user = require_user()?;
    let outcome = async {
        let parsed = DisplayName::parse(&name)?;
        state().db.set_user_name(user.id, &parsed).await
    }
    .await;
    finish_form(
        outcome,
        |_| "/compte?ok=name".into(),
        "/compte",
        &[("form", "name"), ("name", name.trim())],
    )
}
