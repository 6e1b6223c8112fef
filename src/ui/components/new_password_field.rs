use leptos::prelude::*;

use crate::domain::account::Password;
use crate::error::AppError;
use crate::i18n::t_with;
use crate::ui::components::field_error::FieldError;

/// The `password` input of a form that sets a new password (sign-up, reset,
/// account), with the minimum length the server checks too.
#[component]
pub fn NewPasswordField(
    /// Unique on the page: the input's id.
    id: &'static str,
    label: String,
    /// What setting it does besides, said after the minimum length.
    #[prop(optional)]
    consequence: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let min = Password::MIN_CHARS;
    let hint_id = format!("{id}-hint");
    let minimum = t_with("auth-password-hint", &[("min", min.into())]);
    let hint = match consequence {
        Some(more) => format!("{minimum} {more}"),
        None => minimum,
    };
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            type="password"
            name="password"
            required
            minlength=min.to_string()
            autocomplete="new-password"
            aria-describedby=hint_id.clone()
        />
        <p class="hint" id=hint_id>{hint}</p>
        <FieldError error field="password" />
    }
}
