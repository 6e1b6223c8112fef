use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::language::Lang;
use crate::i18n::{current, t};

/// The FR/EN switch of the header: a plain form post to `/langue`, so it
/// works without JavaScript, coming back to the page it was clicked on.
#[component]
pub fn LangSwitch() -> impl IntoView {
    // The path only: a query may carry what a refused form typed (or what
    // a crafted link put there), which has no business in another form.
    let pathname = use_location().pathname;
    let reading = current();
    view! {
        <form class="lang-switch" method="post" action="/langue" aria-label=t("lang-switch")>
            <input type="hidden" name="next" value=move || pathname.get() />
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
