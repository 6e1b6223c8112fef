use leptos::prelude::*;

use crate::error::AppError;

/// "Se déconnecter de partout": every session and API token of the user,
/// this browser's included.
#[server(prefix = "/fn", endpoint = "logout_everywhere")]
pub async fn logout_everywhere() -> Result<(), AppError> {
    use crate::server::{auth, require_user, set_response_header, state};

    let user = require_user()?;
    state().db.revoke_all_sessions(user.id).await?;
    set_response_header(
        axum::http::header::SET_COOKIE,
        auth::clearing_cookie(&state().settings),
    );
    leptos_axum::redirect("/login");
    Ok(())
}
