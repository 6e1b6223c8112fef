use leptos::prelude::*;

/// A table of records (class `admin-table`): a caption for screen readers,
/// one header per column, one row per record; or a line saying there is
/// none.
#[component]
pub fn DataTable<T, V, F>(
    /// Read by screen readers only.
    caption: &'static str,
    columns: &'static [&'static str],
    rows: Vec<T>,
    /// Draws one record's `<tr>`.
    row: F,
    /// A class beside `admin-table`.
    #[prop(optional)]
    class: Option<&'static str>,
    /// A last column whose header only screen readers read (its links say
    /// what they do).
    #[prop(optional)]
    hidden_column: Option<&'static str>,
    /// Shown instead of the table when there are no rows.
    #[prop(optional)]
    empty: Option<&'static str>,
) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(T) -> V,
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
                    {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                    {hidden_column.map(|c| view! { <th scope="col"><span class="visually-hidden">{c}</span></th> })}
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
        </table>
    }
    .into_any()
}
