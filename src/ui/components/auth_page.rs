use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::components::lang_switch::LangSwitch;

/// The frame of the pages a visitor reaches signed out (sign-in, sign-up,
/// mail links): the tab title, then a narrow `<main>` under its heading.
#[component]
pub fn AuthPage(
    title: String,
    /// The `<h1>`, when it is not the title.
    #[prop(optional)]
    heading: Option<String>,
    children: Children,
) -> impl IntoView {
    let heading = heading.unwrap_or_else(|| title.clone());
    view! {
        <Title text=title />
        <div class="auth-lang"><LangSwitch /></div>
        <main class="auth-page" id="contenu">
            <h1>{heading}</h1>
            {children()}
        </main>
    }
}
