use leptos::prelude::*;

use crate::api::admin::admin_get_dashboard;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::titled_section::TitledSection;

/// The admin dashboard: enrollments by effective status, pending payments,
/// this week's sessions.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| admin_get_dashboard());
    view! {
        <PageHeading heading="Tableau de bord" tab="Administration" />
        <Loaded data=dashboard plain=true let:d>
            <TitledSection id="counts-h" title="Inscriptions">
                <ul class="stat-cards">
                    <li class="stat stat-active"><span class="stat-value">{d.active}</span>" En cours"</li>
                    <li class="stat stat-upcoming"><span class="stat-value">{d.upcoming}</span>" À venir"</li>
                    <li class="stat stat-completed"><span class="stat-value">{d.completed}</span>" Terminées"</li>
                    <li class="stat stat-cancelled"><span class="stat-value">{d.cancelled}</span>" Annulées"</li>
                </ul>
                <p>
                    <a href="/admin/demandes">{format!("{} demande(s) en attente de paiement", d.pending_requests)}</a>
                    " · "
                    <a href="/admin/formations">{format!("{} formation(s) au catalogue", d.formations)}</a>
                </p>
            </TitledSection>
            <TitledSection id="week-h" title="Séances de la semaine">
                <DataTable
                    caption="Séances de la semaine"
                    columns=&["Date", "Formation", "Séance"]
                    empty="Aucune séance cette semaine."
                    rows=d.week_sessions
                    row=|s| view! {
                        <tr>
                            <td>{s.local} " " <span class="hint">{format!("({})", s.timezone)}</span></td>
                            <td><a href=format!("/admin/formations/{}/seances", s.formation_id)>{s.formation_name}</a></td>
                            <td>{format!("{}. {}", s.number, s.title)}</td>
                        </tr>
                    }
                />
            </TitledSection>
        </Loaded>
    }
}
