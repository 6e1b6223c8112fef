use leptos::prelude::*;

/// The headers of a [`DataTable`]'s columns: literal words
/// (`columns=&["Nom", "Niveau"]`) or words read from the locale files (a
/// `Vec<String>` or an array of `String`s).
pub struct Columns(Vec<String>);

impl<const N: usize> From<&[&str; N]> for Columns {
    fn from(words: &[&str; N]) -> Columns {
        Columns(words.iter().map(|w| w.to_string()).collect())
    }
}

impl From<&[&str]> for Columns {
    fn from(words: &[&str]) -> Columns {
        Columns(words.iter().map(|w| w.to_string()).collect())
    }
}

impl From<Vec<String>> for Columns {
    fn from(words: Vec<String>) -> Columns {
        Columns(words)
    }
}

impl<const N: usize> From<[String; N]> for Columns {
    fn from(words: [String; N]) -> Columns {
        Columns(words.into())
    }
}

/// A table of records (class `admin-table`): a caption for screen readers,
/// one header per column, one row per record; or a line saying there is
/// none.
#[component]
pub fn DataTable<T, V, F>(
    /// Read by screen readers only.
    #[prop(into)]
    caption: String,
    #[prop(into)] columns: Columns,
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
{
    if let (true, Some(text)) = (rows.is_empty(), empty) {
        return view! { <p>{text}</p> }.into_any();
    }
    let class = match class {
        Some(extra) => format!("admin-table {extra}"),
        None => "admin-table".to_string(),
    };
    // On a phone a wide table scrolls inside its box, never the page; the
    // box is a named, focusable region so keyboards can scroll it too.
    let region = caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
        <table class=class>
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    {columns.0.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                    {hidden_column.map(|c| view! { <th scope="col"><span class="visually-hidden">{c}</span></th> })}
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
        </table>
        </div>
    }
    .into_any()
}
