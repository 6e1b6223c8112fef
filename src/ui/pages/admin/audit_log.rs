use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::admin_list_audit;

/// Who changed what, when, with the state before and after.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let entries = Resource::new(|| (), |_| admin_list_audit());
    view! {
        <Title text="Journal des modifications" />
        <h1>"Journal des modifications"</h1>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(rows) if rows.is_empty() => view! { <p>"Aucune modification enregistrée."</p> }.into_any(),
                    Ok(rows) => view! {
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
                                {rows.into_iter().map(|e| view! {
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
                    }.into_any(),
                    Err(err) => view! { <p class="field-error" role="alert">{err.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
