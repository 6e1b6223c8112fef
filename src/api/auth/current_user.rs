use leptos::prelude::*;

use crate::domain::account::SessionUser;
use crate::error::AppError;

/// The signed-in user, or `None` for an anonymous visitor.
#[server(prefix = "/fn", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    Ok(crate::server::caller().user)
}
