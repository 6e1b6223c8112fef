use leptos::prelude::*;

use crate::domain::notification::NoticesView;
use crate::error::AppError;

/// A page of the signed-in learner's notices, newest first; `before` is
/// the cursor a previous page gave.
#[server(prefix = "/fn", endpoint = "get_notices")]
pub async fn get_notices(before: Option<i64>) -> Result<NoticesView, AppError> {
    use crate::server::{notifications, require_user, state};

    let user = require_user()?;
    notifications::page(&state(), crate::i18n::current(), user.id, before, "").await
}

/// "Marquer comme lu" on one notice (a plain form: back to the page).
#[server(prefix = "/fn", endpoint = "mark_notice_read")]
pub async fn mark_notice_read(id: i64) -> Result<(), AppError> {
    use crate::domain::notification::NOTIFICATIONS_PATH;
    use crate::server::{state, user_form};

    user_form(
        async |user| {
            let app = state();
            app.db.mark_notice_read(user.id, id, app.clock.now()).await
        },
        |_| NOTIFICATIONS_PATH.into(),
        NOTIFICATIONS_PATH,
        &[("form", "notices")],
    )
    .await
}

/// "Tout marquer comme lu".
#[server(prefix = "/fn", endpoint = "mark_all_notices_read")]
pub async fn mark_all_notices_read() -> Result<(), AppError> {
    use crate::domain::notification::NOTIFICATIONS_PATH;
    use crate::server::{state, user_form};

    user_form(
        async |user| {
            let app = state();
            app.db
                .mark_all_notices_read(user.id, app.clock.now())
                .await
                .map(|_| ())
        },
        |_| NOTIFICATIONS_PATH.into(),
        NOTIFICATIONS_PATH,
        &[("form", "notices")],
    )
    .await
}
