use leptos::prelude::*;

use crate::error::AppError;

/// "Déconnecter" one of the user's sessions, named by its key on `/compte`.
/// Another user's key matches nothing: 404.
#[server(prefix = "/fn", endpoint = "revoke_session")]
pub async fn revoke_session(key: String) -> Result<(), AppError> {
    use crate::server::{state, user_form};

    user_form(
        async |user| match state().db.revoke_session(user.id, key.trim()).await? {
            true => Ok(()),
            false => Err(AppError::NotFound),
        },
        |_| "/compte?ok=session".into(),
        "/compte",
        &[("form", "sessions")],
    )
    .await
}
