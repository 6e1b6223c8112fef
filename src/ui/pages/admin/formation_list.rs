use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::admin_list_formations;
use crate::domain::catalog::{Level, Platform};
use crate::ui::components::error_notice::ErrorNotice;

#[component]
pub fn AdminFormationsPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let formations = Resource::new(
        move || (get("q"), get("level"), get("platform"), get("archived")),
        |(q, level, platform, archived)| admin_list_formations(q, level, platform, archived),
    );
    let level = get("level");
    let platform = get("platform");
    view! {
        <Title text="Formations" />
        <div class="page-head">
            <h1>"Formations"</h1>
            <a class="button" href="/admin/formations/nouvelle">"Nouvelle formation"</a>
        </div>
        <form method="get" action="/admin/formations" class="filters" role="search">
            <div class="field">
                <label for="q">"Rechercher"</label>
                <input id="q" type="search" name="q" value=get("q") />
            </div>
            <div class="field">
                <label for="filter-level">"Niveau"</label>
                <select id="filter-level" name="level">
                    <option value="">"Tous"</option>
                    {Level::ALL.iter().map(|l| view! { <option value=l.as_str() selected=level == l.as_str()>{l.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-platform">"Plateforme"</label>
                <select id="filter-platform" name="platform">
                    <option value="">"Toutes"</option>
                    {Platform::ALL.iter().map(|p| view! { <option value=p.as_str() selected=platform == p.as_str()>{p.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field checkbox">
                <input id="filter-archived" type="checkbox" name="archived" value="1" checked=!get("archived").is_empty() />
                <label for="filter-archived">"Inclure les archivées"</label>
            </div>
            <button type="submit">"Filtrer"</button>
        </form>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match formations.await {
                    Ok(rows) if rows.is_empty() => view! { <p>"Aucune formation ne correspond."</p> }.into_any(),
                    Ok(rows) => view! {
                        <table class="admin-table">
                            <caption class="visually-hidden">"Liste des formations"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Nom"</th>
                                    <th scope="col">"Niveau"</th>
                                    <th scope="col">"Plateforme"</th>
                                    <th scope="col">"Formateur"</th>
                                    <th scope="col">"Planning"</th>
                                    <th scope="col">"Séances"</th>
                                    <th scope="col">"Inscrits"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|f| view! {
                                    <tr>
                                        <td>
                                            <a href=format!("/admin/formations/{}", f.id)>{f.name}</a>
                                            {f.archived.then(|| view! { " " <span class="badge badge-cancelled">"Archivée"</span> })}
                                        </td>
                                        <td>{f.level.label()}</td>
                                        <td>{f.platform.label()}</td>
                                        <td>{f.instructor_name}</td>
                                        <td>{f.schedule_description}</td>
                                        <td><a href=format!("/admin/formations/{}/seances", f.id)>{f.session_count}</a></td>
                                        <td><a href=format!("/admin/formations/{}/inscriptions", f.id)>{f.enrollment_count}</a></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
