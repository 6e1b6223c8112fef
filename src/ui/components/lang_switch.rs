use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::language::Lang;
use crate::i18n::{current, t};

/// The FR/EN switch of the header: a plain form post to `/langue`, so it
/// works without JavaScript, coming back to the page it was clicked on.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let reading = current();
    view! {
        <form class="lang-switch" method="post" action="/langue" aria-label=t("lang-switch")>
            <input type="hidden" name="next" value=here />
            {Lang::ALL
                .iter()
                .copied()
                .map(|lang| {
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=lang.code()
                            lang=lang.code()
                            aria-pressed=(lang == reading).to_string()
                            title=lang.name()
                        >
                            {lang.code().to_uppercase()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}
