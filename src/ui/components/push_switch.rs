use leptos::prelude::*;

use crate::i18n::t;

/// Where this browser stands with push notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushState {
    Unsupported,
    Denied,
    Off,
    On,
    /// The last attempt to subscribe did not work.
    Failed,
}

/// "Recevoir les notifications": subscribes this browser to Web Push (the
/// browser asks the reader's permission) or unsubscribes it. A browser
/// thing: the server renders it disabled, and it comes alive once the
/// page is hydrated and the browser has said where it stands.
#[component]
pub fn PushSwitch() -> impl IntoView {
    let state = RwSignal::new(None::<PushState>);
    let busy = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            state.set(Some(crate::ui::browser::state().await));
        });
    });
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        {
            busy.set(true);
            leptos::task::spawn_local(async move {
                let next = if state.get_untracked() == Some(PushState::On) {
                    crate::ui::browser::unsubscribe().await
                } else {
                    crate::ui::browser::subscribe().await
                };
                state.set(Some(next));
                busy.set(false);
            });
        }
    };
    let message = move || {
        t(match state.get() {
            None => "push-needs-script",
            Some(PushState::Unsupported) => "push-state-unsupported",
            Some(PushState::Denied) => "push-state-denied",
            Some(PushState::Off) => "push-state-off",
            Some(PushState::On) => "push-state-on",
            Some(PushState::Failed) => "push-state-failed",
        })
    };
    let disabled = move || busy.get() || matches!(state.get(), None | Some(PushState::Unsupported));
    view! {
        <section class="push-switch" aria-labelledby="push-title">
            <h2 id="push-title">{t("push-title")}</h2>
            <div class="field checkbox">
                <input type="checkbox" role="switch" id="push-switch"
                    prop:checked=move || state.get() == Some(PushState::On)
                    disabled=disabled on:change=toggle />
                <label for="push-switch">{t("push-switch")}</label>
            </div>
            <p class="hint" data-push-state=move || format!("{:?}", state.get())>{message}</p>
        </section>
    }
}
