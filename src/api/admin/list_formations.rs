use leptos::prelude::*;

use crate::domain::admin::FormationsView;
use crate::error::AppError;

/// The formations, searched by name, instructor or description and filtered
/// by level and platform; archived ones only when asked. A page of them in
/// the order shown; `after` is the cursor a previous page gave (`next`).
#[server(prefix = "/fn", endpoint = "admin_list_formations")]
pub async fn admin_list_formations(
    #[server(default)] q: String,
    #[server(default)] level: String,
    #[server(default)] platform: String,
    #[server(default)] archived: String,
    #[server(default)] after: Option<i64>,
) -> Result<FormationsView, AppError> {
    use crate::domain::admin::ADMIN_PAGE_SIZE;
    use crate::domain::formation::{Level, Platform};
    use crate::server::store::formations::FormationFilter;
    use crate::server::{require_admin, state};

    require_admin()?;
    let filter = FormationFilter {
        search: q,
        level: Level::parse(&level).ok(),
        platform: Platform::parse(&platform).ok(),
        include_archived: !archived.is_empty(),
    };
    let (formations, next) = state()
        .db
        .admin_formations(&filter, after.filter(|id| *id > 0), ADMIN_PAGE_SIZE)
        .await?;
    Ok(FormationsView { formations, next })
}
