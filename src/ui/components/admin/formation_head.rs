use leptos::prelude::*;

use crate::i18n::t;
use crate::ui::components::admin::formation_nav::FormationNav;

/// The top of a formation's list pages: its tabs, then "{title} — {name}",
/// beside the page's CSV export when it has one.
#[component]
pub fn FormationHead(
    id: i64,
    name: String,
    title: String,
    /// The path of the page's CSV export.
    #[prop(optional)]
    csv: Option<String>,
) -> impl IntoView {
    let heading = view! { <h1>{format!("{title} — {name}")}</h1> };
    let head = match csv {
        Some(href) => view! {
            <div class="page-head">
                {heading}
                <a class="button" href=href download="">{t("admin-export-csv")}</a>
            </div>
        }
        .into_any(),
        None => heading.into_any(),
    };
    view! {
        <FormationNav id name />
        {head}
    }
}
