use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::format::TimeLeft;

/// A live countdown to a session. The server renders the first frame from
/// its own clock (`server_now`, carried in the page data so hydration prints
/// the same text); in the browser an effect then ticks every second.
#[component]
pub fn Countdown(
    starts_at: DateTime<Utc>,
    duration_minutes: i64,
    server_now: DateTime<Utc>,
) -> impl IntoView {
    let now = RwSignal::new(server_now);
    Effect::new(move |_| {
        now.set(Utc::now());
        let ticker = gloo_timers::callback::Interval::new(1_000, move || {
            now.try_set(Utc::now());
        });
        // The interval is browser-only and not Send; it lives as long as the
        // component and is cancelled when dropped.
        let ticker = send_wrapper::SendWrapper::new(ticker);
        on_cleanup(move || drop(ticker));
    });
    // Read once, not on every tick.
    let lang = crate::i18n::current();
    let left = move || TimeLeft::until(starts_at, duration_minutes, now.get());
    let live = move || left() == TimeLeft::Live;
    view! {
        <span class="countdown" class:live=live data-starts-at=starts_at.to_rfc3339()>
            {move || left().words(lang)}
        </span>
    }
}
