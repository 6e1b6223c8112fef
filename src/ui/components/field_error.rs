use leptos::prelude::*;

use crate::error::AppError;

/// The error a form shows: with JavaScript, the action's result; without it,
/// the short code the server put in the URL when it redirected back.
pub fn form_error_signal(
    action_error: impl Fn() -> Option<AppError> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || {
        action_error().or_else(|| {
            query
                .read()
                .get("error")
                .map(|c| AppError::from_form_code(&c))
        })
    })
}

/// The message of `error` when it belongs to `field` (or to no field, when
/// `field` is `None`), shown next to that field.
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] field: Option<&'static str>,
) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.for_field(field))
            .map(|e| e.to_string())
    };
    let id = field
        .map(|f| format!("{f}-error"))
        .unwrap_or_else(|| "form-error".into());
    view! {
        <Show when=move || message().is_some()>
            <p class="field-error" id=id.clone() role="alert">
                {message}
            </p>
        </Show>
    }
}
