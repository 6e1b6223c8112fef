use std::sync::Arc;

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::components::error_notice::ErrorNotice;

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
        view! { <Transition fallback>{content}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback>{content}</Suspense> }.into_any()
    }
}
