use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::admin_list_formations;
use crate::domain::formation::{Level, Platform};
use crate::ui::components::admin::filter_bar::FilterBar;
use crate::ui::components::admin::select_field::SelectField;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::loaded::Loaded;

#[component]
pub fn AdminFormationsPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let formations = Resource::new(
        move || (get("q"), get("level"), get("platform"), get("archived")),
        |(q, level, platform, archived)| admin_list_formations(q, level, platform, archived),
    );
    let levels = Level::ALL.iter().map(|l| (l.as_str(), l.label())).collect();
    let platforms = Platform::ALL
        .iter()
        .map(|p| (p.as_str(), p.label()))
        .collect();
    view! {
        <Title text="Formations" />
        <div class="page-head">
            <h1>"Formations"</h1>
            <a class="button" href="/admin/formations/nouvelle">"Nouvelle formation"</a>
        </div>
        <FilterBar action="/admin/formations">
            <TextField id="q".into() label="Rechercher" name="q" kind="search" value=get("q") />
            <SelectField id="filter-level".into() label="Niveau" name="level" options=levels selected=get("level") empty="Tous" />
            <SelectField id="filter-platform".into() label="Plateforme" name="platform" options=platforms selected=get("platform") empty="Toutes" />
            <div class="field checkbox">
                <input id="filter-archived" type="checkbox" name="archived" value="1" checked=!get("archived").is_empty() />
                <label for="filter-archived">"Inclure les archivées"</label>
            </div>
        </FilterBar>
        <Loaded data=formations plain=true let:rows>
            <DataTable
                caption="Liste des formations"
                columns=&["Nom", "Niveau", "Plateforme", "Formateur", "Planning", "Séances", "Inscrits"]
                empty="Aucune formation ne correspond."
                rows
                row=|f| view! {
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
                }
            />
        </Loaded>
    }
}
