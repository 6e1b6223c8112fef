use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::FormData;
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::components::auth_page::AuthPage;
use crate::ui::components::field_error::{form_error_signal, FieldError};

/// A page that asks for an address and mails a link to it (password reset,
/// new confirmation link). The server answers the same for any address and
/// comes back with `?envoye`, so the page cannot tell who has an account.
#[component]
pub fn LinkRequestPage<S, P>(
    /// A server function taking `email` alone.
    action: ServerAction<S>,
    /// The tab title and the heading.
    title: String,
    /// A paragraph above the form.
    #[prop(optional)]
    intro: Option<String>,
    /// Fills the address from `?email=` (the sign-in page links here with it).
    #[prop(optional)]
    prefill: bool,
    button: String,
    /// What the page says once the form is sent.
    sent: String,
) -> impl IntoView
where
    // The bounds of `ActionForm`, for a server function answering `()`.
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, P>, Output = (), Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
    S::Client: Client<AppError>,
    P: 'static,
{
    let query = use_query_map();
    let is_sent = move || query.read().get("envoye").is_some();
    let email = move || prefill.then(|| query.read().get("email").unwrap_or_default());
    let error = form_error_signal(move || action.value().get().and_then(Result::err));
    view! {
        <AuthPage title>
            <Show
                when=is_sent
                fallback=move || {
                    let button = button.clone();
                    view! {
                        {intro.clone().map(|text| view! { <p>{text}</p> })}
                        <ActionForm action>
                            <FieldError error />
                            <label for="email">{t("auth-email")}</label>
                            <input id="email" type="email" name="email" required autocomplete="email" value=email />
                            <button type="submit" disabled=move || action.pending().get()>
                                {button}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="notice" role="status">{sent.clone()}</p>
            </Show>
            <p><a href="/login">{t("auth-back-to-login")}</a></p>
        </AuthPage>
    }
}
