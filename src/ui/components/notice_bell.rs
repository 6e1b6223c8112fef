use leptos::prelude::*;

use crate::domain::notification::NOTIFICATIONS_PATH;
use crate::i18n::{t, t_with};

/// A notice that just arrived, shown as a toast until closed (or a minute).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Toast {
    id: i64,
    title: String,
    body: String,
    url: String,
}

/// How many toasts stay on screen at once (the oldest goes first).
#[cfg(feature = "hydrate")]
const MAX_TOASTS: usize = 3;

/// The bell of the header: the unread count, a link to the notifications
/// page, and, once the page is hydrated, the live stream that raises the
/// count and shows each new notice as a toast with "Rejoindre" (the
/// séance's page, where the join button obeys the active rule).
#[component]
pub fn NoticeBell(
    /// Unread when the page was made (read with the session).
    unread: i64,
) -> impl IntoView {
    let arrived = RwSignal::new(0i64);
    let toasts = RwSignal::new(Vec::<Toast>::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let listening = crate::ui::browser::listen(move |n| {
            arrived.update(|c| *c += 1);
            toasts.update(|list| {
                list.retain(|t| t.id != n.id);
                list.push(Toast {
                    id: n.id,
                    title: n.title,
                    body: n.body,
                    url: n.url,
                });
                let extra = list.len().saturating_sub(MAX_TOASTS);
                list.drain(..extra);
            });
            let id = n.id;
            gloo_timers::callback::Timeout::new(60_000, move || {
                toasts.try_update(|list| list.retain(|t| t.id != id));
            })
            .forget();
        });
        // Browser-only and not Send; closed when the header goes.
        let listening = send_wrapper::SendWrapper::new(listening);
        on_cleanup(move || drop(listening));
    });
    let close = move |id: i64| toasts.update(|list| list.retain(|t| t.id != id));
    view! {
        <a class="notice-bell" href=NOTIFICATIONS_PATH>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
            </svg>
            {move || {
                let count = unread + arrived.get();
                view! {
                    <span class="visually-hidden">{t_with("notifications-bell", &[("n", count.into())])}</span>
                    <span class="bell-count" aria-hidden="true" data-count=count hidden=count == 0>{count}</span>
                }
            }}
        </a>
        <div class="toasts" aria-live="polite">
            <For each=move || toasts.get() key=|toast| toast.id let:toast>
                <div class="toast" data-notice=toast.id>
                    <p class="toast-title">{toast.title.clone()}</p>
                    <p>{toast.body.clone()}</p>
                    <p class="toast-actions">
                        <a class="button" href=toast.url.clone()>{t("notifications-toast-join")}</a>
                        <button type="button" class="link-button" on:click=move |_| close(toast.id)>{t("notifications-toast-close")}</button>
                    </p>
                </div>
            </For>
        </div>
    }
}
