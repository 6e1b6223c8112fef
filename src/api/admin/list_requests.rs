use leptos::prelude::*;

use crate::domain::admin::RequestRow;
use crate::error::AppError;

/// Requests waiting for their payment to be confirmed, oldest first.
#[server(prefix = "/fn", endpoint = "admin_list_requests")]
pub async fn admin_list_requests() -> Result<Vec<RequestRow>, AppError> {
    use crate::server::{require_admin, state};

    require_admin()?;
    state().db.pending_requests().await
}
