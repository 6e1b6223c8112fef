//! Small reactive helpers shared by pages.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::AppError;

/// The numeric `:id` of the current route; 0 when it is not a number, which
/// no record has, so the server answers "not found".
pub fn use_route_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    })
}

/// The data of the route's `:id` record, fetched again when the id changes
/// and whenever `refetch` does (an action's version, a count of successes).
pub fn use_route_resource<T, R, Fut>(
    refetch: impl Fn() -> R + Send + Sync + 'static,
    fetch: impl Fn(i64) -> Fut + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    R: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let id = use_route_id();
    Resource::new(move || (id.get(), refetch()), move |(id, _)| fetch(id))
}

/// The `?avant=<id>` cursor of a paged list (newest first): the page of
/// what is older than that id; anything but a positive id is the first page.
pub fn use_cursor() -> Memo<Option<i64>> {
    use_named_cursor("avant")
}

/// The cursor `?{key}=<id>` of a paged list (`apres` for a list oldest
/// first); anything but a positive id is the first page.
pub fn use_named_cursor(key: &'static str) -> Memo<Option<i64>> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get(key)
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|id| *id > 0)
    })
}

/// The query's `key` as typed (empty when absent): a list's search.
pub fn use_query_text(key: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(key).unwrap_or_default())
}

/// Reads an action's `version()` (taken once, while the page is alive) for
/// a resource to refetch on: a request whose client went away disposes the
/// page mid-render, and the resource may still look once more; the action
/// must not be asked then (it would panic), and a disposed count reads 0.
pub fn version_of(version: RwSignal<usize>) -> impl Fn() -> usize + Copy + Send + Sync {
    move || version.try_get().unwrap_or_default()
}

/// A part of a view that follows reactive values, written among a view's
/// children as `{live(move || …)}`, where `{move || …}` would be.
///
/// In the browser it is the closure, drawn anew when what it reads changes.
/// On the server, where a page is drawn once, it is the closure's value:
/// `Suspense` walks its children once more when their data are in (to find
/// resources read only then), and a closure is called for that walk and
/// again for the HTML, so everything in it (a page's cards, the whole page
/// under `Loaded`) was built twice. Both give the same HTML, so hydration is
/// unchanged.
///
/// Under a `Suspense`, `{live(move || Suspend::new(…))}` goes among its
/// children, so that on the server the `Suspend` is made inside the
/// boundary, whose context its resource reads register with. Not for a
/// closure that reads a resource outside a `Suspend` (`move ||
/// data.get()`): on the server that read must wait for the walk.
#[cfg(feature = "ssr")]
pub fn live<V>(view: impl FnOnce() -> V) -> V {
    view()
}

/// See the server's `live`: in the browser, the closure as it is.
#[cfg(not(feature = "ssr"))]
pub fn live<V, F: Fn() -> V>(view: F) -> F {
    view
}
