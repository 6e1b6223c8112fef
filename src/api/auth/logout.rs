use leptos::prelude::*;

use crate::error::AppError;

/// Ends this browser's session and forgets the cookie; harmless when already
/// signed out.
#[server(prefix = "/fn", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{auth, caller, set_response_header, state};

    if let Some(hash) = caller().token_hash {
        state().db.delete_auth_session(&hash).await?;
    }
    set_response_header(
        axum::http::header::SET_COOKIE,
        auth::clearing_cookie(&state().settings),
    );
    leptos_axum::redirect("/login");
    Ok(())
}
