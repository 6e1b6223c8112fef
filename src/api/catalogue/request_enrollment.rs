use leptos::prelude::*;

use crate::error::AppError;

/// A learner asks to enroll; the request waits as "En attente de paiement".
#[server(prefix = "/fn", endpoint = "catalogue_request")]
pub async fn request_enrollment(formation_id: i64) -> Result<i64, AppError> {
    use crate::server::{finish_form, require_user, state};

    let user = require_user()?;
    let form = format!("request-{formation_id}");
    finish_form(
        state().db.request_enrollment(user.id, formation_id).await,
        |_| "/formations".into(),
        "/formations",
        &[("form", &form)],
    )
}
