use leptos::prelude::*;

use crate::domain::admin::AttendanceGrid;
use crate::error::AppError;

/// The attendance grid of a page of the formation's learners, by the same
/// cursor and search as [`super::admin_list_enrollments`].
#[server(prefix = "/fn", endpoint = "admin_get_attendance")]
pub async fn admin_get_attendance(
    formation_id: i64,
    #[server(default)] before: Option<i64>,
    #[server(default)] q: String,
) -> Result<AttendanceGrid, AppError> {
    use crate::domain::admin::ADMIN_PAGE_SIZE;
    use crate::server::store::enrollments::EnrollmentPage;
    use crate::server::{require_admin, state};

    require_admin()?;
    let page = EnrollmentPage {
        before: before.filter(|id| *id > 0),
        search: &q,
        size: ADMIN_PAGE_SIZE,
    };
    state().db.admin_attendance(formation_id, &page).await
}
