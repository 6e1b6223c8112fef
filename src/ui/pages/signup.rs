use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Signup;
use crate::ui::components::auth_page::AuthPage;
use crate::ui::components::field_error::{form_error_signal, FieldError};
use crate::ui::components::new_password_field::NewPasswordField;

#[component]
pub fn SignupPage() -> impl IntoView {
    let signup = ServerAction::<Signup>::new();
    let query = use_query_map();
    let sent = move || query.read().get("envoye").is_some();
    view! {
        <Show when=sent fallback=move || view! { <SignupForm signup /> }>
            <AuthPage title="Créer un compte" heading="Vérifiez votre boîte mail">
                <p class="notice" role="status">
                    "Un message vient de partir vers l'adresse indiquée. Suivez le lien qu'il contient (valable 24 heures) pour activer votre compte, puis connectez-vous."
                </p>
                <p class="hint">
                    "Rien reçu après quelques minutes ? Regardez dans les indésirables, ou "
                    <a href="/renvoyer-confirmation">"demandez un nouveau lien"</a>"."
                </p>
                <p><a href="/login">"Aller à la connexion"</a></p>
            </AuthPage>
        </Show>
    }
}

#[component]
fn SignupForm(signup: ServerAction<Signup>) -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let error = form_error_signal(move || signup.value().get().and_then(Result::err));
    view! {
        <AuthPage title="Créer un compte">
            <ActionForm action=signup>
                <FieldError error />
                <input type="hidden" name="next" value=move || param("next") />
                <label for="name">"Nom"</label>
                <input id="name" type="text" name="name" required autocomplete="name" value=move || param("name") />
                <FieldError error field="name" />
                <label for="email">"E-mail"</label>
                <input id="email" type="email" name="email" required autocomplete="email" value=move || param("email") />
                <FieldError error field="email" />
                <NewPasswordField id="password" label="Mot de passe" error />
                <button type="submit" disabled=move || signup.pending().get()>
                    "Créer mon compte"
                </button>
            </ActionForm>
            <p>"Déjà inscrit ? " <a href="/login">"Se connecter"</a></p>
        </AuthPage>
    }
}
