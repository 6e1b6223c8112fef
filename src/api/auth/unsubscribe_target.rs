use leptos::prelude::*;

use crate::error::AppError;

/// The address an unsubscribe link names (anybody holding the link: it
/// was mailed to that address); unknown links are "not found".
#[server(prefix = "/fn", endpoint = "unsubscribe_target")]
pub async fn unsubscribe_target(token: String) -> Result<String, AppError> {
    use crate::server::state;

    state()
        .db
        .user_by_unsubscribe_token(&token)
        .await?
        .map(|(_, email)| email)
        .ok_or(AppError::NotFound)
}
