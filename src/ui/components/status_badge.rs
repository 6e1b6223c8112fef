use leptos::prelude::*;

use crate::domain::status::EnrollmentStatus;

/// The coloured status badge; its text carries the status, not only its colour.
#[component]
pub fn StatusBadge(status: EnrollmentStatus) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", status.as_str())>{status.label()}</span> }
}
