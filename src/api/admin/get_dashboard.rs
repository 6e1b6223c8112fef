use leptos::prelude::*;

use crate::domain::admin::Dashboard;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "admin_get_dashboard")]
pub async fn admin_get_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::{require_admin, state};

    require_admin()?;
    state().db.admin_dashboard(chrono::Utc::now()).await
}
