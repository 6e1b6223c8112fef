use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::components::lang_switch::LangSwitch;

/// The frame of the pages a visitor reaches signed out (sign-in, sign-up,
/// mail links): the tab title, then a narrow `<main>` under its heading.
#[component]
pub fn AuthPage(
    title: &'static str,
    /// The `<h1>`, when it is not the title.
    #[prop(optional)]
    heading: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=title />
        <div class="auth-lang"><LangSwitch /></div>
        <main class="auth-page" id="contenu">
            <h1>{heading.unwrap_or(title)}</h1>
            {children()}
        </main>
    }
}
