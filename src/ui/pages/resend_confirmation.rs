use leptos::prelude::*;

use crate::api::auth::ResendConfirmation;
use crate::i18n::t;
use crate::ui::components::link_request_page::LinkRequestPage;

/// `/renvoyer-confirmation`: a new confirmation link, with the same answer
/// for any address.
#[component]
pub fn ResendConfirmationPage() -> impl IntoView {
    let resend = ServerAction::<ResendConfirmation>::new();
    view! {
        <LinkRequestPage
            action=resend
            title=t("auth-resend-title")
            prefill=true
            button=t("auth-resend-submit")
            sent=t("auth-resend-sent")
        />
    }
}
