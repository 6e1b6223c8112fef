use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::admin_list_formations;
use crate::i18n::t;
use crate::ui::components::admin::filter_bar::FilterBar;
use crate::ui::components::admin::pager::Pager;
use crate::ui::components::admin::select_field::SelectField;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::admin::words::{level_name, level_options, platform_options};
use crate::ui::components::data_table::DataTable;
use crate::ui::components::loaded::Loaded;
use crate::ui::hooks::use_named_cursor;

#[component]
pub fn AdminFormationsPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let after = use_named_cursor("apres");
    let formations = Resource::new(
        move || {
            (
                get("q"),
                get("level"),
                get("platform"),
                get("archived"),
                after.get(),
            )
        },
        |(q, level, platform, archived, after)| {
            admin_list_formations(q, level, platform, archived, after)
        },
    );
    view! {
        <Title text=t("admin-formations-title") />
        <div class="page-head">
            <h1>{t("admin-formations-title")}</h1>
            <a class="button" href="/admin/formations/nouvelle">{t("admin-formation-new")}</a>
        </div>
        <FilterBar action="/admin/formations">
            <TextField id="q".into() label=t("admin-formations-search") name="q" kind="search" value=get("q") />
            <SelectField id="filter-level".into() label=t("admin-formation-level") name="level" options=level_options() selected=get("level") empty=t("admin-all-masculine") />
            <SelectField id="filter-platform".into() label=t("admin-formation-platform") name="platform" options=platform_options() selected=get("platform") empty=t("admin-all-feminine") />
            <div class="field checkbox">
                <input id="filter-archived" type="checkbox" name="archived" value="1" checked=!get("archived").is_empty() />
                <label for="filter-archived">{t("admin-formations-archived-filter")}</label>
            </div>
        </FilterBar>
        <Loaded data=formations plain=true let:page>
            <DataTable
                caption=t("admin-formations-caption")
                columns=[t("admin-formation-name"), t("admin-formation-level"), t("admin-formation-platform"),
                    t("admin-formation-instructor"), t("admin-formation-schedule"), t("admin-sessions-title"),
                    t("admin-formations-enrolled")]
                empty=t("admin-formations-empty")
                rows=page.formations
                row=|f| view! {
                    <tr>
                        <td>
                            <a href=format!("/admin/formations/{}", f.id)>{f.name}</a>
                            {f.archived.then(|| view! { " " <span class="badge badge-cancelled">{t("admin-formations-archived")}</span> })}
                            {f.draft.then(|| view! { " " <span class="badge badge-upcoming">{t("admin-formation-draft")}</span> })}
                        </td>
                        <td>{level_name(f.level)}</td>
                        <td>{f.platform.label()}</td>
                        <td>{f.instructor_name}</td>
                        <td>{f.schedule_description}</td>
                        <td><a href=format!("/admin/formations/{}/seances", f.id)>{f.session_count}</a></td>
                        <td><a href=format!("/admin/formations/{}/inscriptions", f.id)>{f.enrollment_count}</a></td>
                    </tr>
                }
            />
            <Pager
                path="/admin/formations".to_string()
                keep=vec![("q", get("q")), ("level", get("level")), ("platform", get("platform")), ("archived", get("archived"))]
                later=after.get_untracked().is_some()
                next=page.next
                key="apres"
            />
        </Loaded>
    }
}
