use leptos::prelude::*;

use crate::domain::formation::Platform;

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
            {platform.label()}
        </span>
    }
}
