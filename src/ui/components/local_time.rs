use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use leptos::prelude::*;

use crate::domain::format::datetime_fr;

/// A session time. The server prints it in the formation's time zone (it
/// cannot know the reader's); once in the browser it switches to the
/// reader's local time, after hydration so both renders agree.
#[component]
pub fn LocalTime(at: DateTime<Utc>, #[prop(into)] timezone: String) -> impl IntoView {
    let tz: Tz = timezone.parse().unwrap_or(chrono_tz::Europe::Paris);
    let in_browser = RwSignal::new(false);
    Effect::new(move |_| in_browser.set(true));
    let text = move || {
        if in_browser.get() {
            datetime_fr(at.with_timezone(&chrono::Local).naive_local())
        } else {
            format!(
                "{} ({})",
                datetime_fr(at.with_timezone(&tz).naive_local()),
                tz.name()
            )
        }
    };
    view! { <time datetime=at.format("%Y-%m-%dT%H:%M:%SZ").to_string()>{text}</time> }
}
