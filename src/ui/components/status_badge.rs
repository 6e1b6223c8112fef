use leptos::prelude::*;

use crate::domain::catalogue::RequestStatus;
use crate::domain::status::EnrollmentStatus;
use crate::i18n::t;

/// The one mapping of statuses to badge colours (classes of `style/main.css`).
pub fn enrollment_badge_class(status: EnrollmentStatus) -> &'static str {
    match status {
        EnrollmentStatus::Upcoming => "badge-upcoming",
        EnrollmentStatus::Active => "badge-active",
        EnrollmentStatus::Completed => "badge-completed",
        EnrollmentStatus::Cancelled => "badge-cancelled",
    }
}

/// A request wears the colour of the enrollment it waits for or ended as.
pub fn request_badge_class(status: RequestStatus) -> &'static str {
    enrollment_badge_class(match status {
        RequestStatus::Pending => EnrollmentStatus::Upcoming,
        RequestStatus::Confirmed => EnrollmentStatus::Completed,
        RequestStatus::Rejected | RequestStatus::Withdrawn => EnrollmentStatus::Cancelled,
    })
}

/// The coloured status badge; its text carries the status, not only its colour.
#[component]
pub fn StatusBadge(
    status: EnrollmentStatus,
    /// Words to show instead of the bare status, which must still name it
    /// ("Inscrit : En cours").
    #[prop(optional, into)]
    text: Option<String>,
) -> impl IntoView {
    let class = format!("badge {}", enrollment_badge_class(status));
    let text = text.unwrap_or_else(|| t(status.label_id()));
    view! { <span class=class>{text}</span> }
}

/// The badge of an enrollment request.
#[component]
pub fn RequestBadge(status: RequestStatus) -> impl IntoView {
    let class = format!("badge {}", request_badge_class(status));
    view! { <span class=class>{t(status.label_id())}</span> }
}
