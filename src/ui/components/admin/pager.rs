use leptos::prelude::*;

use crate::domain::audit::encode;
use crate::i18n::t;

/// The links under a paged admin list: back to the first page when on a
/// later one, on to the next when there is one. Plain links that keep the
/// list's search, so paging works without JavaScript; nothing at all when
/// everything fits on one page.
#[component]
pub fn Pager(
    /// The list's own path.
    path: String,
    /// The query every link keeps (`name`, value), empty values left out.
    #[prop(optional)]
    keep: Vec<(&'static str, String)>,
    /// Whether this page was reached by a cursor (it is not the first).
    later: bool,
    /// The cursor of the next page, when there is one.
    next: Option<i64>,
    /// The cursor's name in the query.
    #[prop(default = "avant")]
    key: &'static str,
) -> impl IntoView {
    let kept: Vec<String> = keep
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    let link = |cursor: Option<i64>| {
        let query: Vec<String> = cursor
            .map(|id| format!("{key}={id}"))
            .into_iter()
            .chain(kept.iter().cloned())
            .collect();
        if query.is_empty() {
            path.clone()
        } else {
            format!("{path}?{}", query.join("&"))
        }
    };
    let first = later.then(|| link(None));
    let next = next.map(|id| link(Some(id)));
    (first.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label=t("admin-pages")>
                {first.map(|href| view! { <a href=href>{t("admin-page-first")}</a> })}
                {next.map(|href| view! { <a class="older" href=href>{t("admin-page-next")}</a> })}
            </nav>
        }
    })
}
