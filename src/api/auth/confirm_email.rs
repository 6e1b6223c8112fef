use leptos::prelude::*;

use crate::error::AppError;

/// The button of a confirmation link (sign-up or new address). A POST, not
/// the GET of the link itself: a mail scanner that opens links must not use
/// up a single-use link.
#[server(prefix = "/fn", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use super::reset_password::link_token;
    use crate::server::store::users::LinkOutcome;
    use crate::server::{accounts, form_error, state};

    match accounts::follow_confirmation_link(&state().db, &token).await {
        Ok(LinkOutcome::Confirmed { .. }) => {
            leptos_axum::redirect("/login?confirme=1");
            Ok(())
        }
        Ok(LinkOutcome::EmailChanged { .. }) => {
            leptos_axum::redirect("/compte?ok=email");
            Ok(())
        }
        Err(err) => Err(form_error(
            err,
            &format!("/confirmer/{}", link_token(&token)),
            &[],
        )),
    }
}
