use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::admin::admin_list_audit;
use crate::domain::audit::{
    action_label, entity_label, AuditEntry, AuditQuery, FieldChange, ACTIONS,
};
use crate::ui::components::error_notice::ErrorNotice;
use crate::ui::components::page_heading::PageHeading;

/// Who changed what, when: the changed fields before → after, filtered by
/// formation, author, action and days, paged.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    // `?avant=<id>`: a plain link, so paging works without JavaScript too;
    // the filters are a GET form for the same reason.
    let before = Memo::new(move |_| {
        query
            .read()
            .get("avant")
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|id| *id > 0)
    });
    let filters = Memo::new(move |_| AuditQuery {
        formation: get("formation"),
        actor: get("actor"),
        action: get("action"),
        from: get("from"),
        to: get("to"),
    });
    let entries = Resource::new(
        move || (before.get(), filters.get()),
        |(before, q)| admin_list_audit(before, q.formation, q.actor, q.action, q.from, q.to),
    );
    view! {
        <PageHeading heading="Journal des modifications" />
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                let q = filters.get_untracked();
                match entries.await {
                    Ok(page) => view! {
                        <form method="get" action="/admin/audit" class="filters" role="search">
                            {filter_select("formation", "Formation", "Toutes", &q.formation,
                                page.formations.into_iter().map(|(id, name)| (id.to_string(), name)).collect())}
                            {filter_select("actor", "Auteur", "Tous", &q.actor,
                                page.actors.into_iter().map(|a| (a.clone(), a)).collect())}
                            {filter_select("action", "Action", "Toutes", &q.action,
                                ACTIONS.iter().map(|(code, label)| (code.to_string(), label.to_string())).collect())}
                            <div class="field">
                                <label for="filter-from">"Du"</label>
                                <input id="filter-from" type="date" name="from" value=q.from.clone() />
                            </div>
                            <div class="field">
                                <label for="filter-to">"Au"</label>
                                <input id="filter-to" type="date" name="to" value=q.to.clone() />
                            </div>
                            <button type="submit">"Filtrer"</button>
                        </form>
                        {entries_table(page.entries, q != AuditQuery::default())}
                        {pager(&q, before.get_untracked(), page.older_than)}
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A filter of the GET form: "all" (no filter) or one of `options`
/// (value, words), the chosen one selected.
fn filter_select(
    name: &'static str,
    label: &'static str,
    all: &'static str,
    chosen: &str,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{all}</option>
                {options.into_iter().map(|(value, words)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{words}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn entries_table(entries: Vec<AuditEntry>, filtered: bool) -> AnyView {
    if entries.is_empty() && filtered {
        return view! { <p>"Aucune modification ne correspond."</p> }.into_any();
    }
    if entries.is_empty() {
        return view! { <p>"Aucune modification enregistrée."</p> }.into_any();
    }
    view! {
        <table class="admin-table audit-table">
            <caption class="visually-hidden">"Dernières modifications"</caption>
            <thead>
                <tr>
                    <th scope="col">"Date (UTC)"</th>
                    <th scope="col">"Auteur"</th>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Objet"</th>
                    <th scope="col">"Avant → après"</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td><time datetime=e.at.clone()>{e.at.replace('T', " ").replace('Z', "")}</time></td>
                        <td>{e.actor_email.clone()}</td>
                        <td>{format!("{} ", action_label(&e.action))} <code>{e.action.clone()}</code></td>
                        <td>{subject(&e)}</td>
                        <td>{changes(e.changes)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// What an entry touched: its kind and id, then the names recorded with it.
fn subject(e: &AuditEntry) -> impl IntoView {
    let id = e.entity_id.map(|i| format!(" #{i}")).unwrap_or_default();
    let formation = e
        .formation_name
        .clone()
        .map(|name| view! { <li>{format!("Formation : {name}")}</li> });
    let seance = match (e.seance_number, &e.seance_title) {
        (Some(n), Some(title)) => Some(format!("Séance {n} : {title}")),
        (Some(n), None) => Some(format!("Séance {n}")),
        (None, Some(title)) => Some(format!("Séance : {title}")),
        (None, None) => None,
    }
    .map(|text| view! { <li>{text}</li> });
    let learner = match (&e.learner_name, &e.learner_email) {
        (Some(name), Some(email)) => Some(format!("Apprenant : {name} ({email})")),
        (Some(one), None) | (None, Some(one)) => Some(format!("Apprenant : {one}")),
        (None, None) => None,
    }
    .map(|text| view! { <li>{text}</li> });
    let named = e.formation_name.is_some()
        || e.seance_number.is_some()
        || e.seance_title.is_some()
        || e.learner_name.is_some()
        || e.learner_email.is_some();
    view! {
        {format!("{}{id}", entity_label(&e.entity))}
        {named.then(|| view! { <ul class="audit-names">{formation}{seance}{learner}</ul> })}
    }
}

/// The changed fields, one line each: field : before → after.
fn changes(changes: Vec<FieldChange>) -> AnyView {
    if changes.is_empty() {
        return view! { "—" }.into_any();
    }
    view! {
        <ul class="audit-changes">
            {changes.into_iter().map(|c| {
                let label = c.label().to_string();
                if c.hidden {
                    view! { <li><strong>{label}</strong> " : modifié (valeur masquée)"</li> }.into_any()
                } else {
                    let before = c.before.unwrap_or_else(|| "—".into());
                    let after = c.after.unwrap_or_else(|| "—".into());
                    view! { <li><strong>{label}</strong> " : " <del>{before}</del> " → " <ins>{after}</ins></li> }.into_any()
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A navigation landmark only when there is somewhere to go; the links keep
/// the filters.
fn pager(q: &AuditQuery, before: Option<i64>, older_than: Option<i64>) -> impl IntoView {
    let filters = q.query_string();
    let newest = if filters.is_empty() {
        "/admin/audit".to_string()
    } else {
        format!("/admin/audit?{filters}")
    };
    let older = move |id: i64| {
        if filters.is_empty() {
            format!("/admin/audit?avant={id}")
        } else {
            format!("/admin/audit?avant={id}&{filters}")
        }
    };
    (before.is_some() || older_than.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label="Pages du journal">
                {before.map(|_| view! { <a href=newest>"← Les plus récentes"</a> })}
                {older_than.map(|id| view! {
                    <a class="older" href=older(id)>"Modifications plus anciennes →"</a>
                })}
            </nav>
        }
    })
}
