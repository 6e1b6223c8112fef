use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "signup")]
pub async fn signup(
    email: String,
    name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::account::{DisplayName, Email, Password, Role};
    use crate::server::store::users::TokenKind;
    use crate::server::{auth, client_ip, form_error, start_browser_session, state};

    let state = state();
    let outcome = async {
        let email = Email::parse(&email)?;
        let name = DisplayName::parse(&name)?;
        let password = Password::parse(&password)?;
        // Well-formed sign-ups are counted per address, before any hashing.
        state.limits.check_signup(client_ip())?;
        let hash = auth::hash_password(password).await?;
        let user_id = state
            .db
            .insert_user(&email, name.as_str(), &hash, Role::Learner)
            .await?;
        auth::open_session(&state.db, user_id, TokenKind::Cookie).await
    }
    .await;
    match outcome {
        Ok(token) => {
            start_browser_session(&token, next.as_deref());
            Ok(())
        }
        Err(err) => Err(form_error(
            err,
            "/signup",
            &[
                ("email", email.trim()),
                ("name", name.trim()),
                ("next", next.as_deref().unwrap_or_default()),
            ],
        )),
    }
}
