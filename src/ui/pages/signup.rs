use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Signup;
use crate::domain::account::Password;
use crate::ui::components::field_error::{form_error_signal, FieldError};

#[component]
pub fn SignupPage() -> impl IntoView {
    let signup = ServerAction::<Signup>::new();
    let query = use_query_map();
    let sent = move || query.read().get("envoye").is_some();
    view! {
        <Title text="Créer un compte" />
        <Show when=sent fallback=move || view! { <SignupForm signup /> }>
            <main class="auth-page" id="contenu">
                <h1>"Vérifiez votre boîte mail"</h1>
                <p class="notice" role="status">
                    "Un message vient de partir vers l'adresse indiquée. Suivez le lien qu'il contient (valable 24 heures) pour activer votre compte, puis connectez-vous."
                </p>
                <p class="hint">
                    "Rien reçu après quelques minutes ? Regardez dans les indésirables, ou "
                    <a href="/renvoyer-confirmation">"demandez un nouveau lien"</a>"."
                </p>
                <p><a href="/login">"Aller à la connexion"</a></p>
            </main>
        </Show>
    }
}

#[component]
fn SignupForm(signup: ServerAction<Signup>) -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let error = form_error_signal(move || signup.value().get().and_then(Result::err));
    let min = Password::MIN_CHARS.to_string();
    view! {
        <main class="auth-page" id="contenu">
            <h1>"Créer un compte"</h1>
            <ActionForm action=signup>
                <FieldError error />
                <input type="hidden" name="next" value=move || param("next") />
                <label for="name">"Nom"</label>
                <input id="name" type="text" name="name" required autocomplete="name" value=move || param("name") />
                <FieldError error field="name" />
                <label for="email">"E-mail"</label>
                <input id="email" type="email" name="email" required autocomplete="email" value=move || param("email") />
                <FieldError error field="email" />
                <label for="password">"Mot de passe"</label>
                <input
                    id="password"
                    type="password"
                    name="password"
                    required
                    minlength=min
                    autocomplete="new-password"
                    aria-describedby="password-hint"
                />
                <p class="hint" id="password-hint">
                    {format!("Au moins {} caractères.", Password::MIN_CHARS)}
                </p>
                <FieldError error field="password" />
                <button type="submit" disabled=move || signup.pending().get()>
                    "Créer mon compte"
                </button>
            </ActionForm>
            <p>"Déjà inscrit ? " <a href="/login">"Se connecter"</a></p>
        </main>
    }
}
