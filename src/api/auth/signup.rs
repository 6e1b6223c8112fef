use leptos::prelude::*;

use crate::error::AppError;

/// Sign-up: the account is created unconfirmed and a link is sent to the
/// address. The answer is "Vérifiez votre boîte mail" whether the address
/// was new or already had an account (which gets another mail instead).
#[server(prefix = "/fn", endpoint = "signup")]
pub async fn signup(
    email: String,
    name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{accounts, client_ip, finish_form, state};

    let base = accounts::request_base_url();
    finish_form(
        accounts::sign_up(
            &state(),
            client_ip(),
            &base,
            &email,
            &name,
            &password,
            next.as_deref(),
        )
        .await,
        |_| "/signup?envoye=1".into(),
        "/signup",
        &[
            ("email", email.trim()),
            ("name", name.trim()),
            ("next", next.as_deref().unwrap_or_default()),
        ],
    )
}
