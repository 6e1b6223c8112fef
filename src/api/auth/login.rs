use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::store::users::TokenKind;
    use crate::server::{auth, caller, client_ip, form_error, start_browser_session, state};

    let state = state();
    let previous = caller().token_hash;
    let outcome = async {
        let (user, token) =
            auth::login(&state, client_ip(), &email, &password, TokenKind::Cookie).await?;
        // A fresh token at every login: a session id planted before login is worthless after.
        if let Some(previous) = previous {
            state.db.delete_auth_session(&previous).await?;
        }
        if let Some(parts) = use_context::<axum::http::request::Parts>() {
            crate::server::accounts::record_device(&state.db, &token, &parts.headers).await?;
        }
        Ok::<_, AppError>((user.is_admin(), token))
    }
    .await;
    match outcome {
        Ok((admin, token)) => {
            // Nowhere asked: an admin's home is the admin area.
            let home = match next.as_deref().map(str::trim) {
                None | Some("" | "/") if admin => Some("/admin"),
                _ => next.as_deref(),
            };
            start_browser_session(&token, home);
            Ok(())
        }
        Err(err) => Err(form_error(
            err,
            "/login",
            &[
                ("email", email.trim()),
                ("next", next.as_deref().unwrap_or_default()),
            ],
        )),
    }
}
