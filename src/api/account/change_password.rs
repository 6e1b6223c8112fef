use leptos::prelude::*;

use crate::error::AppError;

/// A new password, with the current one: the user's other sessions and API
/// tokens are revoked, this one stays open.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current_password: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, caller, finish_form, require_user, state};

    let user = require_user()?;
    let outcome = async {
        let current = caller().token_hash.ok_or(AppError::Unauthorized)?;
        accounts::change_password(&state().db, &user, &current, &current_password, &password).await
    }
    .await;
    // Passwords are never put back in the URL.
    finish_form(
        outcome,
        |_| "/compte?ok=password".into(),
        "/compte",
        &[("form", "password")],
    )
}
