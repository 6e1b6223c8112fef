use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::components::field_error::FieldError;

/// The "Je confirme" box a destructive action requires; checked by the
/// server too, so it also guards plain form posts.
#[component]
pub fn ConfirmBox(id: String, #[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <div class="confirm-box">
            <input type="checkbox" id=id.clone() name="confirm" value="on" required />
            <label for=id>{t("admin-confirm")}</label>
            <FieldError error field="confirm" />
        </div>
    }
}
