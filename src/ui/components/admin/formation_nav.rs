use leptos::prelude::*;
use leptos_router::components::A;

/// The tabs of one formation's admin pages.
#[component]
pub fn FormationNav(id: i64, name: String) -> impl IntoView {
    view! {
        <p class="breadcrumb"><a href="/admin/formations">"Formations"</a> " › " {name}</p>
        <nav class="tabs" aria-label="Pages de la formation">
            <A href=format!("/admin/formations/{id}") exact=true>"Fiche"</A>
            <A href=format!("/admin/formations/{id}/seances")>"Séances"</A>
            <A href=format!("/admin/formations/{id}/inscriptions")>"Inscriptions"</A>
            <A href=format!("/admin/formations/{id}/presences")>"Présences"</A>
        </nav>
    }
}
