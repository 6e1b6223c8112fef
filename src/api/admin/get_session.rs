use leptos::prelude::*;

use crate::domain::admin::SeanceDetail;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "admin_get_session")]
pub async fn admin_get_session(session_id: i64) -> Result<SeanceDetail, AppError> {
    use crate::server::{require_admin, state};

    require_admin()?;
    state().db.admin_session(session_id).await
}
