use leptos::prelude::*;

use crate::error::AppError;

/// "Mot de passe oublié": the same answer for any address.
#[server(prefix = "/fn", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::server::accounts;

    super::send_link(
        accounts::request_reset,
        &email,
        "/mot-de-passe-oublie?envoye=1",
    )
    .await
}
