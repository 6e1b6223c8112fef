use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::error::AppError;
use crate::ui::components::field_error::FieldError;

/// The first fields of a form reached from a mail link (`/…/{token}`): the
/// form's error, a link to ask for a new mail when this one is dead (used,
/// expired or unknown), and the token the form posts back.
#[component]
pub fn MailLinkFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    renew_href: &'static str,
    renew_text: String,
) -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link_dead = move || matches!(error.get(), Some(AppError::BadRequest(_)));
    view! {
        <FieldError error />
        <Show when=link_dead>
            <p><a href=renew_href>{renew_text.clone()}</a></p>
        </Show>
        <input type="hidden" name="token" value=token />
    }
}
