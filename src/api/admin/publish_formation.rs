use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::admin::Flash;
use crate::error::AppError;

/// Publishes a draft (`draft = 0`; without séances only with `confirm`)
/// or takes a formation back to draft (`1`): a draft is not in the
/// catalogue.
#[server(prefix = "/fn", endpoint = "admin_publish_formation")]
pub async fn admin_publish_formation(
    id: i64,
    draft: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{admin_form, state};

    let path = format!("/admin/formations/{id}");
    let without_sessions = confirm.as_deref().is_some_and(|c| !c.trim().is_empty());
    admin_form(
        async |actor| {
            state()
                .db
                .set_draft(actor, id, draft == 1, without_sessions)
                .await
        },
        |_| path.clone(),
        Some(if draft == 1 {
            Flash::FormationUnpublished
        } else {
            Flash::FormationPublished
        }),
        &path,
        &[("form", "publish")],
    )
    .await
}
