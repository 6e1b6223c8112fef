use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{admin_list_deliveries, AdminResendReminder};
use crate::domain::format::PLATFORM_ZONE;
use crate::domain::reminder::{DeliveriesView, Delivery, DeliveryState};
use crate::i18n::{t, t_with};
use crate::ui::components::admin::form_state::{form_error, reload_on_success, QueryForm};
use crate::ui::components::data_table::DataTable;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::hooks::use_cursor;
use crate::ui::pages::reminder_preferences::channel_label;

/// The words of a delivery state.
fn state_label(state: DeliveryState) -> String {
    t(match state {
        DeliveryState::Pending => "reminders-state-pending",
        DeliveryState::Sent => "reminders-state-sent",
        DeliveryState::Failed => "reminders-state-failed",
        DeliveryState::Expired => "reminders-state-expired",
    })
}

/// `/admin/envois`: the reminder outbox, newest first (50 a page, older
/// ones by `?avant=<id>`), filtered by state (`?etat=failed`…), each with
/// its attempts and last error, and "Renvoyer" for what did not go.
#[component]
pub fn AdminDeliveriesPage() -> impl IntoView {
    let query = use_query_map();
    let before = use_cursor();
    let state = move || query.read().get("etat").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let data = Resource::new(
        move || (before.get(), state(), reload.get()),
        |(before, state, _)| admin_list_deliveries(before, state),
    );
    view! {
        <Title text=t("reminders-admin-title") />
        <PageHeading heading=t("reminders-admin-title") />
        <Loaded data plain=true let:data>
            <DeliveriesBody data reload />
        </Loaded>
    }
}

#[component]
fn DeliveriesBody(data: DeliveriesView, reload: RwSignal<u32>) -> impl IntoView {
    let shown = data.state;
    let filter = |state: Option<DeliveryState>| {
        let (href, label) = match state {
            None => ("/admin/envois".to_string(), t("reminders-admin-all")),
            Some(s) => (format!("/admin/envois?etat={}", s.as_str()), state_label(s)),
        };
        let current = (state == shown).then_some("page");
        view! { <li><a href=href aria-current=current>{label}</a></li> }
    };
    let older = data.older_than.map(|before| {
        let state = shown
            .map(|s| format!("&etat={}", s.as_str()))
            .unwrap_or_default();
        view! {
            <p><a href=format!("/admin/envois?avant={before}{state}")>{t("reminders-admin-older")}</a></p>
        }
    });
    view! {
        <nav aria-label=t("reminders-admin-filter")>
            <ul class="tabs">
                {filter(None)}
                {DeliveryState::ALL.iter().map(|s| filter(Some(*s))).collect_view()}
            </ul>
        </nav>
        <DataTable
            caption=t("reminders-admin-title")
            columns=[t("reminders-admin-due"), t("reminders-admin-channel"), t("reminders-admin-learner"),
                t("reminders-admin-seance"), t("reminders-admin-state"), t("reminders-admin-error"),
                t("reminders-admin-actions")]
            empty=t("reminders-admin-empty")
            rows=data.deliveries
            row=move |d| view! { <DeliveryItem d reload /> }
        />
        {older}
    }
}

#[component]
fn DeliveryItem(d: Delivery, reload: RwSignal<u32>) -> impl IntoView {
    let resend = ServerAction::<AdminResendReminder>::new();
    let error = form_error(resend.value(), QueryForm::new(format!("resend-{}", d.id)));
    reload_on_success(resend.value(), reload);
    let attempts = t_with("reminders-admin-attempts", &[("n", d.attempts.into())]);
    let sent = d.sent_at.map(|at| {
        view! { <br /><span class="hint">{t("reminders-admin-sent-at")}" "<LocalTime at timezone=PLATFORM_ZONE.name() /></span> }
    });
    view! {
        <tr>
            <td><LocalTime at=d.due_at timezone=PLATFORM_ZONE.name() /></td>
            <td>{channel_label(d.channel)}</td>
            <td>{d.learner_name.clone()}<br /><span class="hint">{d.learner_email.clone()}</span></td>
            <td>
                {format!("{} — ", d.formation_name)}
                {crate::ui::components::enrollment_card::seance_titled(d.session_number, &d.session_title)}<br />
                <span class="hint"><LocalTime at=d.starts_at timezone=d.timezone.clone() /></span>
            </td>
            <td>{state_label(d.state)}<br /><span class="hint">{attempts}</span>{sent}</td>
            <td>{d.last_error.clone().map(|e| view! { <code>{e}</code> })}</td>
            <td>
                {d.can_resend.then(|| view! {
                    <ActionForm action=resend attr:class="inline-form">
                        <input type="hidden" name="id" value=d.id />
                        <FieldError error />
                        <button type="submit">{t("reminders-admin-resend")}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
