use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::learner::{get_calendar, RegenerateCalendar};
use crate::i18n::t;
use crate::ui::components::admin::form_state::{form_error, successes, QueryForm};
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_heading::PageHeading;

/// `/user/agenda`: the learner's calendar feed to subscribe to (its URL,
/// Google and Outlook links), and "Régénérer" when the URL was shared by
/// mistake. Plain links and a plain form: all of it works without
/// JavaScript.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let query = use_query_map();
    let regenerate = ServerAction::<RegenerateCalendar>::new();
    let regenerated = successes(regenerate.value());
    let data = Resource::new(
        move || (query.read().get("ok"), regenerated.get()),
        |_| get_calendar(),
    );
    let error = form_error(regenerate.value(), QueryForm::new("calendar"));
    let done = move || query.read().get("ok").is_some() || regenerated.get() > 0;
    view! {
        <PageHeading heading=t("calendar-title") />
        {move || done().then(|| view! { <p class="notice" role="status">{t("calendar-regenerated")}</p> })}
        <p>{t("calendar-intro")}</p>
        <Loaded data let:links>
            <div class="field">
                <label for="calendar-url">{t("calendar-url")}</label>
                <input id="calendar-url" type="url" readonly value=links.url.clone() />
            </div>
            <ul class="calendar-links">
                <li><a href=links.webcal.clone()>{t("calendar-subscribe-app")}</a></li>
                <li><a href=links.google.clone() rel="noopener noreferrer" target="_blank">{t("calendar-subscribe-google")}</a></li>
                <li><a href=links.outlook.clone() rel="noopener noreferrer" target="_blank">{t("calendar-subscribe-outlook")}</a></li>
            </ul>
        </Loaded>
        <p class="hint">{t("calendar-private")}</p>
        <ActionForm action=regenerate>
            <FieldError error />
            <button type="submit" class="danger" disabled=move || regenerate.pending().get()>{t("calendar-regenerate")}</button>
        </ActionForm>
    }
}
