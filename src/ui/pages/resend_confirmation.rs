use leptos::prelude::*;

use crate::api::auth::ResendConfirmation;
use crate::ui::components::link_request_page::LinkRequestPage;

/// `/renvoyer-confirmation`: a new confirmation link, with the same answer
/// for any address.
#[component]
pub fn ResendConfirmationPage() -> impl IntoView {
    let resend = ServerAction::<ResendConfirmation>::new();
    view! {
        <LinkRequestPage
            action=resend
            title="Renvoyer le lien de confirmation"
            prefill=true
            button="Renvoyer le lien"
            sent="Si cette adresse attend sa confirmation, un nouveau lien vient d'y être envoyé (valable 24 heures)."
        />
    }
}
