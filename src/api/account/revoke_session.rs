use leptos::prelude::*;

use crate::error::AppError;

/// "Déconnecter" one of the user's sessions, named by its key on `/compte`.
/// Another user's key matches nothing: 404.
#[server(prefix = "/fn", endpoint = "revoke_session")]
pub async fn revoke_session(key: String) -> Result<(), AppError> {
    use crate::server::{finish_form, require_user, state};

    let user = require_user()?;
    let outcome = async {
        if state().db.revoke_session(user.id, key.trim()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
    .await;
    finish_form(
        outcome,
        |_| "/compte?ok=session".into(),
        "/compte",
        &[("form", "sessions")],
    )
}
