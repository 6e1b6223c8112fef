use leptos::prelude::*;
use leptos_meta::Title;

/// A page's heading and its browser tab title, which say the same thing
/// unless the tab needs a shorter name.
#[component]
pub fn PageHeading(
    heading: &'static str,
    #[prop(optional)] tab: Option<&'static str>,
) -> impl IntoView {
    view! {
        <Title text=tab.unwrap_or(heading) />
        <h1>{heading}</h1>
    }
}
