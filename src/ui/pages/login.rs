use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::error::AppError;
use crate::i18n::t;
use crate::ui::components::auth_page::AuthPage;
use crate::ui::components::field_error::{form_error_signal, FieldError};

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    // With JavaScript the action holds the error; without it, the server
    // redirected back here with a short code in the URL.
    let error = form_error_signal(move || login.value().get().and_then(Result::err));
    let signup_href = move || match param("next") {
        next if next.is_empty() => "/signup".to_string(),
        next => format!("/signup?next={}", encode_query_value(&next)),
    };
    view! {
        <AuthPage title=t("auth-login-title")>
            <LoginNotice />
            <ActionForm action=login>
                <FieldError error />
                <Show when=move || matches!(error.get(), Some(AppError::Unconfirmed))>
                    <p>
                        <a href=move || {
                            format!("/renvoyer-confirmation?email={}", encode_query_value(&param("email")))
                        }>{t("auth-resend-title")}</a>
                    </p>
                </Show>
                <input type="hidden" name="next" value=move || param("next") />
                <label for="email">{t("auth-email")}</label>
                <input id="email" type="email" name="email" required autocomplete="email" value=move || param("email") />
                <label for="password">{t("auth-password")}</label>
                <input id="password" type="password" name="password" required autocomplete="current-password" />
                <button type="submit" disabled=move || login.pending().get()>
                    {t("auth-sign-in")}
                </button>
            </ActionForm>
            <p><a href="/mot-de-passe-oublie">{t("auth-login-forgot")}</a></p>
            <p>{format!("{} ", t("auth-login-no-account"))}<a href=signup_href>{t("auth-signup-title")}</a></p>
        </AuthPage>
    }
}

/// What the page says after a confirmation link or a password reset
/// brought the visitor here.
#[component]
fn LoginNotice() -> impl IntoView {
    let query = use_query_map();
    let text = move || {
        let query = query.read();
        if query.get("confirme").is_some() {
            Some(t("auth-login-confirmed"))
        } else if query.get("reinitialise").is_some() {
            Some(t("auth-login-reset"))
        } else {
            None
        }
    };
    view! {
        {move || text().map(|text| view! { <p class="notice" role="status">{text}</p> })}
    }
}

/// Percent-encodes a path for use as a query value.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
