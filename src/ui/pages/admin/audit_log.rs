use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::admin::admin_list_audit;
use crate::domain::audit::{AuditEntry, AuditQuery, FieldChange, ACTIONS};
use crate::domain::format::{parse_instant, PLATFORM_ZONE};
use crate::i18n::{t, t_with};
use crate::ui::components::admin::words::{action_name, entity_name, field_name, field_value};
use crate::ui::components::error_notice::ErrorNotice;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::hooks::{live, use_cursor};

/// Who changed what, when: the changed fields before → after, filtered by
/// formation, author, action and days, paged.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    // `?avant=<id>`: a plain link, so paging works without JavaScript too;
    // the filters are a GET form for the same reason.
    let before = use_cursor();
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
        <PageHeading heading=t("admin-audit-title") />
        <Suspense fallback=|| view! { <p>{t("admin-loading")}</p> }>
            {live(move || Suspend::new(async move {
                let q = filters.get_untracked();
                match entries.await {
                    Ok(page) => view! {
                        <form method="get" action="/admin/audit" class="filters" role="search">
                            {filter_select("formation", t("admin-formation"), t("admin-all-feminine"), &q.formation,
                                page.formations.into_iter().map(|(id, name)| (id.to_string(), name)).collect())}
                            {filter_select("actor", t("admin-audit-actor"), t("admin-all-masculine"), &q.actor,
                                page.actors.into_iter().map(|a| (a.clone(), a)).collect())}
                            {filter_select("action", t("admin-audit-action"), t("admin-all-feminine"), &q.action,
                                ACTIONS.iter().map(|code| (code.to_string(), action_name(code))).collect())}
                            <div class="field">
                                <label for="filter-from">{t("admin-from")}</label>
                                <input id="filter-from" type="date" name="from" value=q.from.clone() />
                            </div>
                            <div class="field">
                                <label for="filter-to">{t("admin-to")}</label>
                                <input id="filter-to" type="date" name="to" value=q.to.clone() />
                            </div>
                            <button type="submit">{t("admin-filter")}</button>
                        </form>
                        {entries_table(page.entries, q != AuditQuery::default())}
                        {pager(&q, before.get_untracked(), page.older_than)}
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            }))}
        </Suspense>
    }
}

/// A filter of the GET form: "all" (no filter) or one of `options`
/// (value, words), the chosen one selected.
fn filter_select(
    name: &'static str,
    label: String,
    all: String,
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
        return view! { <p>{t("admin-audit-none-match")}</p> }.into_any();
    }
    if entries.is_empty() {
        return view! { <p>{t("admin-audit-empty")}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t("admin-audit-caption")>
        <table class="admin-table audit-table">
            <caption class="visually-hidden">{t("admin-audit-caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("admin-audit-date")}</th>
                    <th scope="col">{t("admin-audit-actor")}</th>
                    <th scope="col">{t("admin-audit-action")}</th>
                    <th scope="col">{t("admin-audit-subject")}</th>
                    <th scope="col">{t("admin-audit-before-after")}</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td>{parse_instant(&e.at).map(|at| view! { <LocalTime at timezone=PLATFORM_ZONE.name() /> })}</td>
                        <td>{e.actor_email.clone()}</td>
                        <td>{format!("{} ", action_name(&e.action))} <code>{e.action.clone()}</code></td>
                        <td>{subject(&e)}</td>
                        <td>{changes(e.changes)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

/// What an entry touched: its kind and id, then the names recorded with it.
fn subject(e: &AuditEntry) -> impl IntoView {
    let id = e.entity_id.map(|i| format!(" #{i}")).unwrap_or_default();
    let formation = e.formation_name.clone().map(
        |name| view! { <li>{t_with("admin-audit-formation", &[("name", (&name).into())])}</li> },
    );
    let seance = match (e.seance_number, &e.seance_title) {
        (Some(n), Some(title)) => Some(t_with(
            "admin-audit-session",
            &[("number", n.into()), ("title", title.into())],
        )),
        (Some(n), None) => Some(t_with(
            "admin-audit-session-number",
            &[("number", n.into())],
        )),
        (None, Some(title)) => Some(t_with(
            "admin-audit-session-title",
            &[("title", title.into())],
        )),
        (None, None) => None,
    }
    .map(|text| view! { <li>{text}</li> });
    let learner = match (&e.learner_name, &e.learner_email) {
        (Some(name), Some(email)) => Some(t_with(
            "admin-audit-learner",
            &[("name", name.into()), ("email", email.into())],
        )),
        (Some(one), None) | (None, Some(one)) => {
            Some(t_with("admin-audit-learner-one", &[("name", one.into())]))
        }
        (None, None) => None,
    }
    .map(|text| view! { <li>{text}</li> });
    let named = e.formation_name.is_some()
        || e.seance_number.is_some()
        || e.seance_title.is_some()
        || e.learner_name.is_some()
        || e.learner_email.is_some();
    view! {
        {format!("{}{id}", entity_name(&e.entity))}
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
                let label = field_name(&c.field);
                if c.hidden {
                    view! { <li><strong>{label}</strong>{t("admin-audit-hidden")}</li> }.into_any()
                } else {
                    let value = |v: Option<String>| v.map_or_else(|| "—".into(), |v| field_value(&c.field, &v));
                    let (before, after) = (value(c.before), value(c.after));
                    view! { <li><strong>{label}</strong>{t("admin-audit-field-separator")}<del>{before}</del> " → " <ins>{after}</ins></li> }.into_any()
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
            <nav class="pager" aria-label=t("admin-audit-pages")>
                {before.map(|_| view! { <a href=newest>{t("admin-audit-newest")}</a> })}
                {older_than.map(|id| view! {
                    <a class="older" href=older(id)>{t("admin-audit-older")}</a>
                })}
            </nav>
        }
    })
}
