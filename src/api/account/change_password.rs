use leptos::prelude::*;

use crate::error::AppError;

/// A new password, with the current one: the user's other sessions and API
/// tokens are revoked, this one stays open.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current_password: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, caller, state, user_form};

    // Passwords are never put back in the URL.
    user_form(
        async |user| {
            let current = caller().token_hash.ok_or(AppError::Unauthorized)?;
            accounts::change_password(&state().db, user, &current, &current_password, &password)
                .await
        },
        |_| "/compte?ok=password".into(),
        "/compte",
        &[("form", "password")],
    )
    .await
}
