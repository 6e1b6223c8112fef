use leptos::prelude::*;

/// A table of records (class `admin-table`): a caption for screen readers,
/// one header per column, one row per record; or a line saying there is
/// none.
#[component]
pub fn DataTable<T, V, F, C>(
    /// Read by screen readers only.
    #[prop(into)]
    caption: String,
    /// The headers: words written in the source or looked up for the
    /// reader.
    columns: C,
    rows: Vec<T>,
    /// Draws one record's `<tr>`.
    row: F,
    /// A class beside `admin-table`.
    #[prop(optional)]
    class: Option<&'static str>,
    /// A last column whose header only screen readers read (its links say
    /// what they do).
    #[prop(optional, into)]
    hidden_column: Option<String>,
    /// Shown instead of the table when there are no rows.
    #[prop(optional, into)]
    empty: Option<String>,
) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(T) -> V,
    C: IntoIterator,
    C::Item: ToString,
{
    if let (true, Some(text)) = (rows.is_empty(), empty) {
        return view! { <p>{text}</p> }.into_any();
    }
    let class = match class {
        Some(extra) => format!("admin-table {extra}"),
        None => "admin-table".to_string(),
    };
    view! {
        <table class=class>
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    {columns
                        .into_iter()
                        .map(|c| view! { <th scope="col">{c.to_string()}</th> })
                        .collect_view()}
                    {hidden_column.map(|c| view! { <th scope="col"><span class="visually-hidden">{c}</span></th> })}
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
        </table>
    }
    .into_any()
}
