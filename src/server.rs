//! Everything that only runs on the server: configuration, the database and
//! its queries, authentication, the HTTP application and the CLI.

pub mod accounts;
pub mod admin_export;
pub mod assets;
pub mod attendance_import;
pub mod auth;
pub mod bench_seed;
pub mod calendar;
pub mod certificate_pdf;
pub mod certificates;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod edge;
pub mod extract;
pub mod http;
pub mod jobs;
pub mod language;
pub mod learner;
pub mod mail;
pub mod notifications;
pub mod push;
pub mod reminders;
pub mod request_mail;
pub mod rest;
pub mod session_cache;
pub mod store;
pub mod throttle;
pub mod zoom;
pub mod zoom_api;
pub mod zoom_sync;

use crate::error::AppError;

/// True when the current server-function call is a plain HTML form post (no
/// JavaScript): such a caller needs a redirect, not a serialised error.
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// The caller of the current server function or page render.
pub fn caller() -> auth::Caller {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<auth::Caller>().cloned())
        .unwrap_or_default()
}

/// The first line of every server function that needs a signed-in user: the
/// rule of the [`extract::Learner`] extractor.
pub fn require_user() -> Result<crate::domain::account::SessionUser, AppError> {
    extract::Learner::of(&caller()).map(|extract::Learner(user)| user)
}

/// The first line of every admin server function: the rule of the
/// [`extract::Admin`] extractor (401 anonymous, 403 for a learner).
pub fn require_admin() -> Result<crate::domain::account::SessionUser, AppError> {
    extract::Admin::of(&caller()).map(|extract::Admin(user)| user)
}

/// The address of the client calling the current server function, as the
/// per-address limits count it.
pub fn client_ip() -> std::net::IpAddr {
    match leptos::prelude::use_context::<axum::http::request::Parts>() {
        Some(parts) => auth::client_ip(&state(), &parts.extensions, &parts.headers),
        None => auth::client_ip(&state(), &Default::default(), &Default::default()),
    }
}

/// The shared state, available to every server function and page render.
pub fn state() -> http::AppState {
    leptos::prelude::expect_context::<http::AppState>()
}

/// Turns a form's error into its response: for a plain form post (no
/// JavaScript) a redirect back to the form with the error's key and the typed
/// values, so nothing typed is lost (the status comes from `AppError::ser`).
pub fn form_error(err: AppError, form_path: &str, keep: &[(&str, &str)]) -> AppError {
    if is_plain_form_post() {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("error", &err.form_code());
        for (key, value) in keep {
            if !value.is_empty() {
                query.append_pair(key, value);
            }
        }
        let sep = if form_path.contains('?') { '&' } else { '?' };
        leptos_axum::redirect(&format!("{form_path}{sep}{}", query.finish()));
    }
    err
}

/// The end of a form's server function: on success a redirect to the page
/// `done` names, on failure [`form_error`] back to `form_path`.
pub fn finish_form<T>(
    outcome: Result<T, AppError>,
    done: impl FnOnce(&T) -> String,
    form_path: &str,
    keep: &[(&str, &str)],
) -> Result<T, AppError> {
    match outcome {
        Ok(value) => {
            leptos_axum::redirect(&done(&value));
            Ok(value)
        }
        Err(err) => Err(form_error(err, form_path, keep)),
    }
}

/// An admin form's server function, its plumbing written once: the caller
/// must be an admin (401/403 as such, never a redirect: no form to go back
/// to), `run` checks the typed values and makes the store call as that admin
/// (so the audit log names them), then [`finish_form`], the page `done`
/// names carrying `flash`, the message that says it was done. Without a
/// message (a toggle that changes the page in place) a call from JavaScript
/// is not redirected: the page stays where it is, focus and scroll with it.
pub async fn admin_form<T>(
    run: impl AsyncFnOnce(&store::audit::Actor) -> Result<T, AppError>,
    done: impl FnOnce(&T) -> String,
    flash: Option<crate::domain::admin::Flash>,
    form_path: &str,
    keep: &[(&str, &str)],
) -> Result<T, AppError> {
    let actor = store::audit::Actor::admin(&require_admin()?);
    let result = run(&actor).await;
    if result.is_ok() {
        // Any admin change may have put séances in the Zoom outbox; the
        // worker looks now rather than at its next round (a no-op claim
        // when it did not).
        state().zoom_wake.notify_one();
    }
    match (result, flash) {
        (Ok(value), None) if !is_plain_form_post() => Ok(value),
        (result, flash) => finish_form(
            result,
            |value| match flash {
                Some(flash) => with_flash(flash, &done(value)),
                None => done(value),
            },
            form_path,
            keep,
        ),
    }
}

/// `path` carrying `flash`, tagged with the time (milliseconds) so that the
/// same action done twice still changes the URL (see `Flash::on`).
pub fn with_flash(flash: crate::domain::admin::Flash, path: &str) -> String {
    let tag = state().clock.now().timestamp_millis().to_string();
    flash.on(path, &tag)
}

/// A learner page's server function, its plumbing written once: the
/// signed-in user (401 otherwise) and one `now` for the whole answer, which
/// the payload carries so the browser's first render prints what the server
/// printed.
pub async fn learner_read<T>(
    read: impl AsyncFnOnce(
        &db::Db,
        crate::domain::account::SessionUser,
        chrono::DateTime<chrono::Utc>,
    ) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let user = require_user()?;
    let state = state();
    // Boxed, so that this function's future is a few words: a page's
    // resource moves the future of its server function several times
    // before polling it (into the resource, its sandbox, its box), and
    // unboxed that future is as large as the read's deepest query.
    Box::pin(read(&state.db, user, state.clock.now())).await
}

/// The same for a signed-in user's own form (401 when signed out).
pub async fn user_form<T>(
    run: impl AsyncFnOnce(&crate::domain::account::SessionUser) -> Result<T, AppError>,
    done: impl FnOnce(&T) -> String,
    form_path: &str,
    keep: &[(&str, &str)],
) -> Result<T, AppError> {
    let user = require_user()?;
    finish_form(run(&user).await, done, form_path, keep)
}

/// Adds a header to the response of the current server function.
pub fn set_response_header(name: axum::http::HeaderName, value: axum::http::HeaderValue) {
    if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        options.append_header(name, value);
    }
}

/// After a successful login or sign-up: the session cookie, then on to the
/// page the visitor wanted (only ever a path on this site).
pub fn start_browser_session(token: &str, next: Option<&str>) {
    set_response_header(
        axum::http::header::SET_COOKIE,
        auth::session_cookie(&state().settings, token),
    );
    leptos_axum::redirect(&auth::safe_next(next));
}
