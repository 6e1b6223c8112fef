use leptos::prelude::*;

use crate::domain::admin::EnrollmentsView;
use crate::error::AppError;

/// A page of a formation's enrollments, newest first: `before` is the
/// cursor a previous page gave (`older_than`), `q` a part of a learner's
/// name or e-mail.
#[server(prefix = "/fn", endpoint = "admin_list_enrollments")]
pub async fn admin_list_enrollments(
    formation_id: i64,
    #[server(default)] before: Option<i64>,
    #[server(default)] q: String,
) -> Result<EnrollmentsView, AppError> {
    use crate::domain::admin::ADMIN_PAGE_SIZE;
    use crate::server::store::enrollments::EnrollmentPage;
    use crate::server::{require_admin, state};

    require_admin()?;
    let page = EnrollmentPage {
        before: before.filter(|id| *id > 0),
        search: &q,
        size: ADMIN_PAGE_SIZE,
    };
    state().db.admin_enrollments(formation_id, &page).await
}
