use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::components::field_error::FieldError;

/// A labelled select with its error right under it.
#[component]
pub fn SelectField(
    id: String,
    #[prop(into)] label: String,
    name: &'static str,
    /// (value, words) pairs.
    options: Vec<(&'static str, String)>,
    selected: String,
    /// The form's error; none for a filter.
    #[prop(optional, into)]
    error: Option<Signal<Option<AppError>>>,
    /// A first, empty choice ("Tous") when set.
    #[prop(optional, into)]
    empty: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {empty.map(|e| view! { <option value="">{e}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is = selected == value;
                        view! { <option value=value selected=is>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {error.map(|error| view! { <FieldError error field=name /> })}
        </div>
    }
}
