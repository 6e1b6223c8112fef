use leptos::prelude::*;

use crate::error::AppError;

/// Asks to move the account to a new address: a link goes there, and the
/// change happens only when it is followed.
#[server(prefix = "/fn", endpoint = "change_email")]
pub async fn change_email(email: String) -> Result<(), AppError> {
    use crate::server::{accounts, finish_form, require_user, state};

    let user = require_user()?;
    let base = accounts::request_base_url();
    finish_form(
        accounts::request_email_change(&state(), &base, &user, &email).await,
        |_| "/compte?ok=email-sent".into(),
        "/compte",
        &[("form", "email"), ("email", email.trim())],
    )
}
