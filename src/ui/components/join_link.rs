use leptos::prelude::*;

use crate::domain::status::EnrollmentStatus;
use crate::i18n::t;

/// "Rejoindre la session" for an active enrollment (the link only exists
/// then: the server never sends it otherwise), or why there is none.
#[component]
pub fn JoinLink(link: Option<String>, status: EnrollmentStatus) -> impl IntoView {
    match link {
        Some(href) => view! {
            <a class="join-button" href=href target="_blank" rel="noopener noreferrer">
                {t("learner-join-session")}
                <span class="visually-hidden">{format!(" {}", t("learner-new-tab"))}</span>
            </a>
        }
        .into_any(),
        None => {
            let reason = match status {
                EnrollmentStatus::Upcoming => "learner-link-upcoming",
                EnrollmentStatus::Completed => "learner-link-completed",
                EnrollmentStatus::Cancelled => "learner-link-cancelled",
                EnrollmentStatus::Active => "learner-link-none",
            };
            view! { <p class="no-link">{t(reason)}</p> }.into_any()
        }
    }
}
