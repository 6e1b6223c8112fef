use leptos::prelude::*;

use crate::error::AppError;

/// "Déconnecter" one of the user's sessions, named by its key on `/compte`.
/// Another user's key matches nothing: 404.
#[server(prefix = "/fn", endpoint = "revoke_session")]
pub async fn revoke_session(key: String) -> Result<(), AppError> {
    use crate::server::{form_error, require_user, state};

    let user = require_user()?;
    let outcome = async {
        if state().db.revoke_session(user.id, key.trim()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
    .await;
    match outcome {
        Ok(()) => {
            leptos_axum::redirect("/compte?ok=session");
            Ok(())
        }
        Err(err) => Err(form_error(err, "/compte", &[("form", "sessions")])),
    }
}
