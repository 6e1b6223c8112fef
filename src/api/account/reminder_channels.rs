use leptos::prelude::*;

use crate::domain::reminder::Channel;
use crate::error::AppError;

/// The signed-in learner's reminder channels, each on or off.
#[server(prefix = "/fn", endpoint = "get_reminder_channels")]
pub async fn get_reminder_channels() -> Result<Vec<(Channel, bool)>, AppError> {
    use crate::server::{require_user, state};

    let user = require_user()?;
    state().db.reminder_channels(user.id).await
}

/// Saves the preferences form: a channel is on when its box is ticked
/// (sent as `email=on`, `in_app=on`, `push=on`), off when absent; without JavaScript, back to the
/// page with `?ok=1`.
#[server(prefix = "/fn", endpoint = "set_reminder_channels")]
pub async fn set_reminder_channels(
    #[server(default)] email: Option<String>,
    #[server(default)] in_app: Option<String>,
    #[server(default)] push: Option<String>,
) -> Result<(), AppError> {
    use crate::server::reminders::PREFERENCES_PATH;
    use crate::server::{state, user_form};

    user_form(
        async |user| {
            let db = state().db.clone();
            for (channel, value) in [
                (Channel::Email, &email),
                (Channel::InApp, &in_app),
                (Channel::Push, &push),
            ] {
                db.set_reminder_channel(user.id, channel, value.is_some())
                    .await?;
            }
            Ok(())
        },
        |_| format!("{PREFERENCES_PATH}?ok=1"),
        PREFERENCES_PATH,
        &[("form", "reminders")],
    )
    .await
}
