use leptos::prelude::*;

use crate::error::AppError;

/// A learner asks to enroll; the request waits as "En attente de paiement".
#[server(prefix = "/fn", endpoint = "catalogue_request")]
pub async fn request_enrollment(formation_id: i64) -> Result<i64, AppError> {
    use crate::server::{form_error, require_user, state};

    let user = require_user()?;
    match state().db.request_enrollment(user.id, formation_id).await {
        Ok(id) => {
            leptos_axum::redirect("/formations");
            Ok(id)
        }
        Err(err) => {
            let form = format!("request-{formation_id}");
            Err(form_error(err, "/formations", &[("form", &form)]))
        }
    }
}
