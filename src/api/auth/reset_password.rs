use leptos::prelude::*;

use crate::error::AppError;

/// The form of a reset link: sets the new password and revokes every
/// session and token of the user, then on to the login page.
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, finish_form, state};

    finish_form(
        accounts::reset_password(&state().db, &token, &password).await,
        |_| "/login?reinitialise=1".into(),
        &format!("/reinitialiser/{}", link_token(&token)),
        &[],
    )
}

/// A token as it may appear in a path we redirect to: URL-safe base64 only.
#[cfg(feature = "ssr")]
pub(crate) fn link_token(token: &str) -> String {
    token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(64)
        .collect()
}
