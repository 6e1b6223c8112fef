use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::t;

/// The tabs of one formation's admin pages.
#[component]
pub fn FormationNav(id: i64, name: String) -> impl IntoView {
    view! {
        <p class="breadcrumb"><a href="/admin/formations">{t("admin-formations-title")}</a> " › " {name}</p>
        <nav class="tabs" aria-label=t("admin-formation-tabs")>
            <A href=format!("/admin/formations/{id}") exact=true>{t("admin-formation-sheet")}</A>
            <A href=format!("/admin/formations/{id}/seances")>{t("admin-sessions-title")}</A>
            <A href=format!("/admin/formations/{id}/inscriptions")>{t("admin-enrollments-title")}</A>
            <A href=format!("/admin/formations/{id}/presences")>{t("admin-attendance-title")}</A>
            <A href=format!("/admin/formations/{id}/certificats")>{t("certificates-admin-title")}</A>
        </nav>
    }
}
