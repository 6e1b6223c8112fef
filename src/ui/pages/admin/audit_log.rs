use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::admin_list_audit;
use crate::ui::components::error_notice::ErrorNotice;

/// Who changed what, when, with the state before and after.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    // `?avant=<id>`: a plain link, so paging works without JavaScript too.
    let before = Memo::new(move |_| {
        query
            .read()
            .get("avant")
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|id| *id > 0)
    });
    let entries = Resource::new(move || before.get(), admin_list_audit);
    view! {
        <Title text="Journal des modifications" />
        <h1>"Journal des modifications"</h1>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(page) if page.entries.is_empty() => view! { <p>"Aucune modification enregistrée."</p> }.into_any(),
                    Ok(page) => view! {
                        <table class="admin-table audit-table">
                            <caption class="visually-hidden">"Dernières modifications"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Date (UTC)"</th>
                                    <th scope="col">"Administrateur"</th>
                                    <th scope="col">"Action"</th>
                                    <th scope="col">"Objet"</th>
                                    <th scope="col">"Avant / après"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.entries.into_iter().map(|e| view! {
                                    <tr>
                                        <td><time datetime=e.at.clone()>{e.at.replace('T', " ").replace('Z', "")}</time></td>
                                        <td>{e.actor_email}</td>
                                        <td><code>{e.action}</code></td>
                                        <td>{format!("{} {}", e.entity, e.entity_id.map(|i| format!("#{i}")).unwrap_or_default())}</td>
                                        <td>
                                            <details>
                                                <summary>"Détails"</summary>
                                                <p>"Avant :"</p>
                                                <pre>{e.before_json.unwrap_or_else(|| "—".into())}</pre>
                                                <p>"Après :"</p>
                                                <pre>{e.after_json.unwrap_or_else(|| "—".into())}</pre>
                                            </details>
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        // A navigation landmark only when there is somewhere to go.
                        {(before.get_untracked().is_some() || page.older_than.is_some()).then(|| view! {
                            <nav class="pager" aria-label="Pages du journal">
                                {before.get_untracked().map(|_| view! { <a href="/admin/audit">"← Les plus récentes"</a> })}
                                {page.older_than.map(|id| view! {
                                    <a class="older" href=format!("/admin/audit?avant={id}")>"Modifications plus anciennes →"</a>
                                })}
                            </nav>
                        })}
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
