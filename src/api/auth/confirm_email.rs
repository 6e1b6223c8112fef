use leptos::prelude::*;

use crate::error::AppError;

/// The button of a confirmation link (sign-up or new address). A POST, not
/// the GET of the link itself: a mail scanner that opens links must not use
/// up a single-use link.
#[server(prefix = "/fn", endpoint = "confirm_email")]
pub async fn confirm_email(token: String, #[server(default)] next: String) -> Result<(), AppError> {
    use super::reset_password::link_token;
    use crate::server::store::users::LinkOutcome;
    use crate::server::{accounts, form_error, state};

    match accounts::follow_confirmation_link(&state().db, &token).await {
        Ok(LinkOutcome::Confirmed { .. }) => {
            // On to the login, which then goes where the sign-up was going.
            let next = next.trim();
            if next.is_empty() {
                leptos_axum::redirect("/login?confirme=1");
            } else {
                let safe = crate::server::auth::safe_next(Some(next));
                let encoded: String =
                    url::form_urlencoded::byte_serialize(safe.as_bytes()).collect();
                leptos_axum::redirect(&format!("/login?confirme=1&next={encoded}"));
            }
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
