use leptos::prelude::*;

use crate::error::AppError;

/// "Renvoyer le lien": the same answer for any address.
#[server(prefix = "/fn", endpoint = "resend_confirmation")]
pub async fn resend_confirmation(email: String) -> Result<(), AppError> {
    use crate::server::accounts;

    super::send_link(
        accounts::resend_confirmation,
        &email,
        "/renvoyer-confirmation?envoye=1",
    )
    .await
}
