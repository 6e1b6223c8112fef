use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::auth::unsubscribe_target;
use crate::domain::reminder::{PREFERENCES_PATH, UNSUBSCRIBE_PREFIX};
use crate::i18n::{t, t_with};
use crate::ui::components::auth_page::AuthPage;
use crate::ui::components::loaded::Loaded;

/// `/rappels/desabonner/{token}`: the unsubscribe link of a reminder mail.
/// Opening it changes nothing (mail scanners follow links); the button
/// posts to the same address, as a mailbox's one-click unsubscribe does.
/// An unknown link is the "not found" page.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let target = Resource::new(token, unsubscribe_target);
    let done = move || query.read().get("fait").is_some();
    view! {
        <AuthPage title=t("reminders-unsubscribe-title") heading=t("reminders-unsubscribe-title")>
            <Loaded data=target let:email>
                {if done() {
                    view! {
                        <p class="notice" role="status">{t_with("reminders-unsubscribed", &[("email", (&email).into())])}</p>
                    }.into_any()
                } else {
                    view! {
                        <p>{t_with("reminders-unsubscribe-question", &[("email", (&email).into())])}</p>
                        <form method="post" action=format!("{UNSUBSCRIBE_PREFIX}{}", token())>
                            <button type="submit">{t("reminders-unsubscribe-submit")}</button>
                        </form>
                    }.into_any()
                }}
                <p><a href=PREFERENCES_PATH>{t("reminders-unsubscribe-preferences")}</a></p>
            </Loaded>
        </AuthPage>
    }
}
