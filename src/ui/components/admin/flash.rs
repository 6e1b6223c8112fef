use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::admin::Flash;
use crate::i18n::t;

/// The message of the action just done, read from the URL its redirect
/// named (`?flash=`), so it shows with and without JavaScript. It hides as
/// soon as another form of the page is submitted (`hidden`, set by the
/// layout), and a new success brings the next one.
#[component]
pub fn AdminFlash(hidden: RwSignal<bool>) -> impl IntoView {
    let query = use_query_map();
    let shown = Memo::new(move |_| {
        let query = query.read();
        query
            .get("flash")
            .and_then(|key| Flash::from_key(&key))
            .map(|flash| (flash, query.get("t").unwrap_or_default()))
    });
    // A new message (another key or another tag) shows even after a submit
    // hid the previous one.
    Effect::new(move |_| {
        shown.track();
        hidden.set(false);
    });
    view! {
        <div class="flash-region" aria-live="polite">
            {move || {
                shown
                    .get()
                    .filter(|_| !hidden.get())
                    .map(|(flash, _)| {
                        view! { <p class="flash" role="status">{t(flash.message_id())}</p> }
                    })
            }}
        </div>
    }
}
