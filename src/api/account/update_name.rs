use leptos::prelude::*;

use crate::error::AppError;

/// The user corrects their own name.
#[server(prefix = "/fn", endpoint = "update_name")]
pub async fn update_name(name: String) -> Result<(), AppError> {
    use crate::domain::account::DisplayName;
    use crate::server::{state, user_form};

    user_form(
        async |user| {
            let parsed = DisplayName::parse(&name)?;
            state().db.set_user_name(user.id, &parsed).await
        },
        |_| "/compte?ok=name".into(),
        "/compte",
        &[("form", "name"), ("name", name.trim())],
    )
    .await
}
