use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::RequestPasswordReset;
use crate::ui::components::field_error::{form_error_signal, FieldError};

/// `/mot-de-passe-oublie`: asks for the address and answers the same for
/// any address.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = move || query.read().get("envoye").is_some();
    let error = form_error_signal(move || request.value().get().and_then(Result::err));
    view! {
        <Title text="Mot de passe oublié" />
        <main class="auth-page" id="contenu">
            <h1>"Mot de passe oublié"</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <p>"Indiquez l'adresse de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe."</p>
                        <ActionForm action=request>
                            <FieldError error />
                            <label for="email">"E-mail"</label>
                            <input id="email" type="email" name="email" required autocomplete="email" />
                            <button type="submit" disabled=move || request.pending().get()>
                                "Envoyer le lien"
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="notice" role="status">
                    "Si un compte existe pour cette adresse, un lien vient d'y être envoyé. Il est valable 30 minutes et ne sert qu'une fois."
                </p>
            </Show>
            <p><a href="/login">"Retour à la connexion"</a></p>
        </main>
    }
}
