use leptos::prelude::*;

use crate::error::AppError;

/// A learner asks to enroll; the request waits as "En attente de paiement".
/// Asked from the formation's page (`from=detail`), the answer comes back
/// there, with the confirmation.
#[server(prefix = "/fn", endpoint = "catalogue_request")]
pub async fn request_enrollment(
    formation_id: i64,
    #[server(default)] from: String,
) -> Result<i64, AppError> {
    use crate::server::{finish_form, require_user, state};

    let user = require_user()?;
    let form = format!("request-{formation_id}");
    let page = if from == "detail" {
        format!("/formations/{formation_id}")
    } else {
        "/formations".to_string()
    };
    finish_form(
        state().db.request_enrollment(user.id, formation_id).await,
        |_| {
            if from == "detail" {
                format!("{page}?demande=1")
            } else {
                page.clone()
            }
        },
        &page,
        &[("form", &form)],
    )
}
