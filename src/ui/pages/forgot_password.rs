use leptos::prelude::*;

use crate::api::auth::RequestPasswordReset;
use crate::i18n::t;
use crate::ui::components::link_request_page::LinkRequestPage;

/// `/mot-de-passe-oublie`: asks for the address and answers the same for
/// any address.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    view! {
        <LinkRequestPage
            action=request
            title=t("auth-forgot-title")
            intro=t("auth-forgot-intro")
            button=t("auth-forgot-submit")
            sent=t("auth-forgot-sent")
        />
    }
}
