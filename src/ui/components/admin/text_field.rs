use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::components::field_error::FieldError;

/// A labelled input with its error right under it.
#[component]
pub fn TextField(
    /// Unique on the page: the input's id.
    id: String,
    #[prop(into)] label: String,
    name: &'static str,
    value: String,
    /// The form's error; none for a filter.
    #[prop(optional, into)]
    error: Option<Signal<Option<AppError>>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    /// The id of a `<datalist>` of suggestions (searchable as one types).
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let invalid = move || {
        error
            .and_then(|error| error.get())
            .is_some_and(|e| e.for_field(Some(name)).is_some())
    };
    let described = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if invalid() {
                ids.push(format!("{name}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                name=name
                value=value
                required=required
                placeholder=placeholder
                list=list
                autocomplete=list.map(|_| "off")
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {error.map(|error| view! { <FieldError error field=name /> })}
        </div>
    }
}
