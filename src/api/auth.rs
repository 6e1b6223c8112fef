mod confirm_email;
mod current_user;
mod login;
mod logout;
mod request_password_reset;
mod resend_confirmation;
mod reset_password;
mod signup;
mod unsubscribe_target;

pub use confirm_email::*;
pub use current_user::*;
pub use login::*;
pub use logout::*;
pub use request_password_reset::*;
pub use resend_confirmation::*;
pub use reset_password::*;
pub use signup::*;
pub use unsubscribe_target::*;

/// A "send me a link" form's server function: the link goes out (to an
/// address with an account), then the same page for any address, so the
/// form tells nobody which addresses have an account.
#[cfg(feature = "ssr")]
async fn send_link(
    send: impl AsyncFnOnce(
        &crate::server::http::AppState,
        &str,
        &str,
    ) -> Result<(), crate::error::AppError>,
    email: &str,
    sent_page: &str,
) -> Result<(), crate::error::AppError> {
    use crate::server::{accounts, state};

    send(&state(), &accounts::request_base_url(), email).await?;
    leptos_axum::redirect(sent_page);
    Ok(())
}
