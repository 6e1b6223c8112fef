use leptos::prelude::*;

use crate::api::auth::RequestPasswordReset;
use crate::ui::components::link_request_page::LinkRequestPage;

/// `/mot-de-passe-oublie`: asks for the address and answers the same for
/// any address.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    view! {
        <LinkRequestPage
            action=request
            title="Mot de passe oublié"
            intro="Indiquez l'adresse de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe."
            button="Envoyer le lien"
            sent="Si un compte existe pour cette adresse, un lien vient d'y être envoyé. Il est valable 30 minutes et ne sert qu'une fois."
        />
    }
}
