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
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let error = form_error_signal(move || signup.value().get().and_then(Result::err));
    let min = Password::MIN_CHARS.to_string();
    view! {
        <Title text="Créer un compte" />
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
