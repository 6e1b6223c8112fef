use leptos::prelude::*;

use crate::domain::admin::SeancesView;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "admin_list_sessions")]
pub async fn admin_list_sessions(formation_id: i64) -> Result<SeancesView, AppError> {
    use crate::server::{require_admin, state};

    require_admin()?;
    let state = state();
    let mut view = state.db.admin_sessions(formation_id).await?;
    view.zoom_configured = state.zoom_api.is_some();
    Ok(view)
}
