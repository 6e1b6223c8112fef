use leptos::prelude::*;

/// A `<section>` named by its `<h2>` (`aria-labelledby`), so it is a landmark
/// screen readers can jump to. A class goes on with `attr:class`.
#[component]
pub fn TitledSection(
    /// The heading's id, unique on the page.
    id: &'static str,
    #[prop(into)] title: String,
    children: Children,
) -> impl IntoView {
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {children()}
        </section>
    }
}
