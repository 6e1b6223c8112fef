use leptos::prelude::*;

use crate::error::AppError;

/// The learner withdraws a request still "En attente de paiement" (from
/// the catalogue, a formation's page, the dashboard or "Mes Formations":
/// `back` is where to return, one of the learner's pages).
#[server(prefix = "/fn", endpoint = "catalogue_withdraw")]
pub async fn withdraw_request(
    request_id: i64,
    #[server(default)] back: String,
) -> Result<i64, AppError> {
    use crate::server::{finish_form, require_user, state};

    let user = require_user()?;
    // Only pages of ours, never an address from elsewhere.
    let page = match back.as_str() {
        "/user" | "/user/formations" | "/formations" => back.clone(),
        b if b
            .strip_prefix("/formations/")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|c| c.is_ascii_digit())) =>
        {
            back.clone()
        }
        _ => "/formations".to_string(),
    };
    let state = state();
    finish_form(
        state
            .db
            .withdraw_request(user.id, request_id, state.clock.now())
            .await,
        |_| format!("{page}?retire=1"),
        &page,
        &[("form", "withdraw")],
    )
}
