use leptos::prelude::*;
use leptos_meta::Title;

/// A page's heading and its browser tab title, which say the same thing
/// unless the tab needs a shorter name.
#[component]
pub fn PageHeading(
    #[prop(into)] heading: String,
    #[prop(optional, into)] tab: Option<String>,
) -> impl IntoView {
    view! {
        <Title text=tab.unwrap_or_else(|| heading.clone()) />
        <h1>{heading}</h1>
    }
}
