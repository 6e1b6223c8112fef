use leptos::prelude::*;

use crate::error::AppError;

/// Asks to move the account to a new address: a link goes there, and the
/// change happens only when it is followed.
#[server(prefix = "/fn", endpoint = "change_email")]
pub async fn change_email(email: String) -> Result<(), AppError> {
    use crate::server::{accounts, form_error, require_user, state};

    let user = require_user()?;
    let base = accounts::request_base_url();
    match accounts::request_email_change(&state(), &base, &user, &email).await {
        Ok(()) => {
            leptos_axum::redirect("/compte?ok=email-sent");
            Ok(())
        }
        Err(err) => Err(form_error(
            err,
            "/compte",
            &[("form", "email"), ("email", email.trim())],
        )),
    }
}
