use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::format::{in_zone, zone_of};
use crate::i18n::current;

/// An instant, always with the zone it is shown in. The server prints it in
/// `timezone` (the formation's, or the platform's for an instant that
/// belongs to none), named: "jeudi 26 novembre 2026 à 19:00 (heure de
/// Paris)", which is also what a reader without JavaScript keeps. Once
/// hydrated (so both renders agree first), the browser writes it in the
/// reader's own zone with its short name and, when the clock there reads
/// otherwise, the formation's time too: "… à 13:00 UTC−5 · 19:00 à Paris".
#[component]
pub fn LocalTime(at: DateTime<Utc>, #[prop(into)] timezone: String) -> impl IntoView {
    let lang = current();
    let tz = zone_of(&timezone);
    let text = RwSignal::new(in_zone(lang, at, tz));
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| text.set(crate::ui::intl::reader_time(lang, at, tz)));
    view! { <time datetime=at.format("%Y-%m-%dT%H:%M:%SZ").to_string()>{text}</time> }
}
