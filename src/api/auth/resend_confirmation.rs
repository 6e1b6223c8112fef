use leptos::prelude::*;

use crate::error::AppError;

/// "Renvoyer le lien": the same answer for any address.
#[server(prefix = "/fn", endpoint = "resend_confirmation")]
pub async fn resend_confirmation(email: String) -> Result<(), AppError> {
    use crate::server::{accounts, state};

    let base = accounts::request_base_url();
    accounts::resend_confirmation(&state(), &base, &email).await?;
    leptos_axum::redirect("/renvoyer-confirmation?envoye=1");
    Ok(())
}
