use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Signup;
use crate::i18n::t;
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
            <AuthPage title=t("auth-signup-title") heading=t("auth-signup-sent-heading")>
                <p class="notice" role="status">{t("auth-signup-sent")}</p>
                <p class="hint">
                    {format!("{} ", t("auth-signup-sent-hint"))}
                    <a href="/renvoyer-confirmation">{t("auth-signup-sent-hint-link")}</a>
                    {t("auth-signup-sent-hint-end")}
                </p>
                <p><a href="/login">{t("auth-go-to-login")}</a></p>
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
        <AuthPage title=t("auth-signup-title")>
            <ActionForm action=signup>
                <FieldError error />
                <input type="hidden" name="next" value=move || param("next") />
                <label for="name">{t("auth-name")}</label>
                <input id="name" type="text" name="name" required autocomplete="name" value=move || param("name") />
                <FieldError error field="name" />
                <label for="email">{t("auth-email")}</label>
                <input id="email" type="email" name="email" required autocomplete="email" value=move || param("email") />
                <FieldError error field="email" />
                <NewPasswordField id="password" label=t("auth-password") error />
                <button type="submit" disabled=move || signup.pending().get()>
                    {t("auth-signup-submit")}
                </button>
            </ActionForm>
            <p>{format!("{} ", t("auth-signup-have-account"))}<a href="/login">{t("auth-sign-in")}</a></p>
        </AuthPage>
    }
}
