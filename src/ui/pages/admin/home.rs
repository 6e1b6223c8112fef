use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::admin_get_dashboard;
use crate::ui::components::error_notice::ErrorNotice;

/// The admin dashboard: enrollments by effective status, pending payments,
/// this week's sessions.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| admin_get_dashboard());
    view! {
        <Title text="Administration" />
        <h1>"Tableau de bord"</h1>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(d) => view! {
                        <section aria-labelledby="counts-h">
                            <h2 id="counts-h">"Inscriptions"</h2>
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
                        </section>
                        <section aria-labelledby="week-h">
                            <h2 id="week-h">"Séances de la semaine"</h2>
                            {if d.week_sessions.is_empty() {
                                view! { <p>"Aucune séance cette semaine."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="admin-table">
                                        <caption class="visually-hidden">"Séances de la semaine"</caption>
                                        <thead><tr><th scope="col">"Date"</th><th scope="col">"Formation"</th><th scope="col">"Séance"</th></tr></thead>
                                        <tbody>
                                            {d.week_sessions.into_iter().map(|s| view! {
                                                <tr>
                                                    <td>{s.local} " " <span class="hint">{format!("({})", s.timezone)}</span></td>
                                                    <td><a href=format!("/admin/formations/{}/seances", s.formation_id)>{s.formation_name}</a></td>
                                                    <td>{format!("{}. {}", s.number, s.title)}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
