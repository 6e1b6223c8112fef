use leptos::prelude::*;

use crate::domain::status::EnrollmentStatus;

/// "Rejoindre la session" for an active enrollment (the link only exists
/// then: the server never sends it otherwise), or why there is none.
#[component]
pub fn JoinLink(link: Option<String>, status: EnrollmentStatus) -> impl IntoView {
    match link {
        Some(href) => view! {
            <a class="join-button" href=href target="_blank" rel="noopener noreferrer">
                "Rejoindre la session"
                <span class="visually-hidden">" (nouvel onglet)"</span>
            </a>
        }
        .into_any(),
        None => {
            let reason = match status {
                EnrollmentStatus::Upcoming => "Le lien sera disponible au début de la formation.",
                EnrollmentStatus::Completed => {
                    "Formation terminée : le lien n'est plus disponible."
                }
                EnrollmentStatus::Cancelled => "Inscription annulée : pas de lien de session.",
                EnrollmentStatus::Active => "Aucun lien de session pour le moment.",
            };
            view! { <p class="no-link">{reason}</p> }.into_any()
        }
    }
}
