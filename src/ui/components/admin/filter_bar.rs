use leptos::prelude::*;

use crate::i18n::t;

/// The filters of a list page: a plain GET form, so the filters live in the
/// URL (shareable, and working without JavaScript) and the page reads them
/// from its query.
#[component]
pub fn FilterBar(
    /// The list page's own path.
    #[prop(into)]
    action: String,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="get" action=action class="filters" role="search">
            {children()}
            <button type="submit">{t("admin-filter")}</button>
        </form>
    }
}
