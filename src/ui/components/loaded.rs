use std::sync::Arc;

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::components::error_notice::ErrorNotice;
use crate::ui::hooks::live;

/// A page's data: "Chargement…" until it arrives, then the page drawn from it
/// (`let:data`), or what went wrong.
#[component]
pub fn Loaded<T, V, F>(
    data: Resource<Result<T, AppError>>,
    /// Draws the page from the data.
    children: F,
    /// Prints "Chargement…" without the muted `loading` style (admin pages,
    /// catalogue).
    #[prop(optional)]
    plain: bool,
    /// Keeps the page on screen while the data reloads (a `Transition`)
    /// instead of going back to "Chargement…".
    #[prop(optional)]
    keep_while_reloading: bool,
    /// Shows an error as a bare alert line instead of the notice (which has
    /// the "not found" page and the sign-in link).
    #[prop(optional)]
    bare_error: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    let children = Arc::new(children);
    let loading = t("learner-loading");
    let fallback = move || {
        let loading = loading.clone();
        if plain {
            view! { <p>{loading}</p> }.into_any()
        } else {
            view! { <p class="loading">{loading}</p> }.into_any()
        }
    };
    let content = move || {
        let children = Arc::clone(&children);
        Suspend::new(async move {
            match data.await {
                Ok(data) => children(data).into_any(),
                Err(err) if bare_error => {
                    view! { <p class="field-error" role="alert">{err.to_string()}</p> }.into_any()
                }
                Err(error) => view! { <ErrorNotice error /> }.into_any(),
            }
        })
    };
    if keep_while_reloading {
        view! { <Transition fallback>{live(content)}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback>{live(content)}</Suspense> }.into_any()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use futures_util::StreamExt;

    use super::*;

    /// The server draws a page once: the view under `Loaded`, and a `live`
    /// part inside it (a page's list of cards), are each built one time
    /// per render, although `Suspense` walks its children again once the
    /// data are in.
    #[tokio::test]
    async fn the_server_builds_the_view_once() {
        _ = any_spawner::Executor::init_tokio();
        for keep_while_reloading in [false, true] {
            let (page, list) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
            let (pages, lists) = (Arc::clone(&page), Arc::clone(&list));
            let html = Owner::new()
                .with(|| {
                    // Ready only after a turn of the runtime, as a query is.
                    let data = Resource::new(
                        || (),
                        |_| async {
                            tokio::task::yield_now().await;
                            Ok::<_, AppError>("données prêtes".to_string())
                        },
                    );
                    view! {
                        <Loaded data keep_while_reloading let:words>
                            {pages.fetch_add(1, Ordering::SeqCst);}
                            <p>{words}</p>
                            {
                                let lists = Arc::clone(&lists);
                                live(move || lists.fetch_add(1, Ordering::SeqCst) + 1)
                            }
                        </Loaded>
                    }
                    .to_html_stream_in_order()
                })
                .collect::<Vec<String>>()
                .await
                .concat();
            assert!(html.contains("<p>données prêtes</p>1"), "{html}");
            let built = (page.load(Ordering::SeqCst), list.load(Ordering::SeqCst));
            assert_eq!(
                built,
                (1, 1),
                "keep_while_reloading: {keep_while_reloading}"
            );
        }
    }
}
