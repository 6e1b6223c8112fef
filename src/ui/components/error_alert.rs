use leptos::prelude::*;

use crate::error::AppError;

/// Any error of the page's action, whatever field it concerns: for pages
/// whose forms are single buttons.
#[component]
pub fn ErrorAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || error.get().map(|e| e.to_string());
    view! {
        <Show when=move || message().is_some()>
            <p class="field-error" role="alert">{message}</p>
        </Show>
    }
}
