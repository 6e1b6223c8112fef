use leptos::prelude::*;

use crate::domain::admin::AttendanceGrid;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "admin_get_attendance")]
pub async fn admin_get_attendance(formation_id: i64) -> Result<AttendanceGrid, AppError> {
    use crate::server::{require_admin, state};

    require_admin()?;
    state().db.admin_attendance(formation_id).await
}
