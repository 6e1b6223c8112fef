use leptos::prelude::*;

use crate::domain::admin::RequestsView;
use crate::error::AppError;

/// A page of the requests waiting for their payment to be confirmed, oldest
/// first; `after` is the cursor a previous page gave (`next`).
#[server(prefix = "/fn", endpoint = "admin_list_requests")]
pub async fn admin_list_requests(
    #[server(default)] after: Option<i64>,
) -> Result<RequestsView, AppError> {
    use crate::domain::admin::ADMIN_PAGE_SIZE;
    use crate::server::{require_admin, state};

    require_admin()?;
    let (requests, next) = state()
        .db
        .pending_requests(after.filter(|id| *id > 0), ADMIN_PAGE_SIZE)
        .await?;
    Ok(RequestsView { requests, next })
}
