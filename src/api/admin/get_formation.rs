use leptos::prelude::*;

use crate::domain::admin::FormationDetail;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "admin_get_formation")]
pub async fn admin_get_formation(id: i64) -> Result<FormationDetail, AppError> {
    use crate::server::{require_admin, state};

    require_admin()?;
    state().db.admin_formation(id).await
}
