use leptos::prelude::*;

use crate::domain::formation::Platform;
use crate::i18n::t;

/// The platform's name with its icon (decorative: the name is the label).
#[component]
pub fn PlatformLabel(platform: Platform) -> impl IntoView {
    let icon = match platform {
        Platform::Zoom => "🎥",
        Platform::GoogleMeet => "📹",
        Platform::Teams => "💼",
    };
    view! {
        <span class=format!("platform platform-{}", platform.as_str())>
            <span class="platform-icon" aria-hidden="true">{icon}</span>
            " "
            {t(platform.label_id())}
        </span>
    }
}
