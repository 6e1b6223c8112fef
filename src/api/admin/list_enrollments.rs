use leptos::prelude::*;

use crate::domain::admin::EnrollmentsView;
use crate::error::AppError;

#[server(prefix = "/fn", endpoint = "admin_list_enrollments")]
pub async fn admin_list_enrollments(formation_id: i64) -> Result<EnrollmentsView, AppError> {
    use crate::server::{require_admin, state};

    require_admin()?;
    state().db.admin_enrollments(formation_id).await
}
