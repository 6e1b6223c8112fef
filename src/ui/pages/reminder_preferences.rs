use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::account::{get_reminder_channels, SetReminderChannels};
use crate::domain::reminder::Channel;
use crate::i18n::t;
use crate::ui::components::admin::form_state::{form_error, successes, QueryForm};
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::push_switch::PushSwitch;

/// The words of a reminder channel.
pub fn channel_label(channel: Channel) -> String {
    t(match channel {
        Channel::Email => "reminders-channel-email",
        Channel::InApp => "reminders-channel-in-app",
        Channel::Push => "reminders-channel-push",
    })
}

/// `/compte/rappels`: each reminder channel, on or off (all on until the
/// learner says otherwise). A plain form: it works without JavaScript.
#[component]
pub fn ReminderPreferencesPage() -> impl IntoView {
    let query = use_query_map();
    let save = ServerAction::<SetReminderChannels>::new();
    let saved = successes(save.value());
    let data = Resource::new(
        move || (query.read().get("ok"), saved.get()),
        |_| get_reminder_channels(),
    );
    let error = form_error(save.value(), QueryForm::new("reminders"));
    let done = move || query.read().get("ok").is_some() || saved.get() > 0;
    view! {
        <PageHeading heading=t("reminders-preferences-title") />
        {move || done().then(|| view! { <p class="notice" role="status">{t("reminders-preferences-saved")}</p> })}
        <p>{t("reminders-preferences-intro")}</p>
        <Loaded data let:channels>
            <ActionForm action=save attr:class="admin-form">
                <fieldset>
                    <legend>{t("reminders-preferences-legend")}</legend>
                    {channels.into_iter().map(|(channel, on)| {
                        let (name, label) = (channel.as_str(), channel_label(channel));
                        let id = format!("reminder-{name}");
                        view! {
                            <div class="field checkbox">
                                <input type="checkbox" id=id.clone() name=name checked=on />
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <FieldError error />
                <button type="submit" disabled=move || save.pending().get()>{t("reminders-preferences-submit")}</button>
            </ActionForm>
        </Loaded>
        <PushSwitch />
        <p class="hint">{t("reminders-preferences-no-link")}</p>
    }
}
