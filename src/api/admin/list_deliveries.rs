use leptos::prelude::*;

use crate::domain::reminder::DeliveriesView;
use crate::error::AppError;

/// A page of the reminder outbox, newest first, optionally of one state
/// (`pending`, `sent`, `failed`, `expired`; anything else is no filter);
/// `before` is the cursor a previous page gave.
#[server(prefix = "/fn", endpoint = "admin_list_deliveries")]
pub async fn admin_list_deliveries(
    before: Option<i64>,
    #[server(default)] state: String,
) -> Result<DeliveriesView, AppError> {
    use crate::domain::reminder::{DeliveryState, DELIVERIES_PAGE_SIZE};
    use crate::server::require_admin;

    require_admin()?;
    let app = crate::server::state();
    let filter = DeliveryState::parse(&state);
    let (deliveries, older_than) = app
        .db
        .deliveries(filter, before, DELIVERIES_PAGE_SIZE, app.clock.now())
        .await?;
    Ok(DeliveriesView {
        deliveries,
        older_than,
        state: filter,
    })
}
