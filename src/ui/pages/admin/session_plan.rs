use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_list_sessions, AdminAddSession, AdminGenerateSessions, AdminRetryZoomSync,
};
use crate::domain::admin::{SeanceLine, SeancesView, SyncState};
use crate::domain::format::parse_instant;
use crate::i18n::{t, t_with};
use crate::ui::components::admin::form_state::{form_state, successes};
use crate::ui::components::admin::formation_head::FormationHead;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::titled_section::TitledSection;
use crate::ui::hooks::use_route_resource;

/// A formation's sessions, a form to add one and a form to generate a series.
#[component]
pub fn AdminSeancesPage() -> impl IntoView {
    let add = ServerAction::<AdminAddSession>::new();
    let series = ServerAction::<AdminGenerateSessions>::new();
    let retry = ServerAction::<AdminRetryZoomSync>::new();
    let added = successes(add.value());
    let generated = successes(series.value());
    let retried = successes(retry.value());
    let view_data = use_route_resource(
        move || (added.get(), generated.get(), retried.get()),
        admin_list_sessions,
    );
    view! {
        <Title text=t("admin-sessions-title") />
        <Loaded data=view_data plain=true let:data>
            <SeancePlanBody data add series retry />
        </Loaded>
    }
}

/// Where a séance's Zoom meeting stands, and "Réessayer" once it failed.
#[component]
fn ZoomCell(s: SeanceLine, retry: ServerAction<AdminRetryZoomSync>) -> impl IntoView {
    let Some(zoom) = s.zoom else {
        return view! { "—" }.into_any();
    };
    let meeting = zoom
        .meeting_id
        .map(|id| t_with("admin-sessions-zoom-meeting", &[("id", (&id).into())]));
    let state = match (zoom.state, zoom.error) {
        (SyncState::Done, _) => t("admin-sessions-zoom-done"),
        (SyncState::Pending, None) => t("admin-sessions-zoom-pending"),
        (SyncState::Pending, Some(reason)) => t_with(
            "admin-sessions-zoom-pending-reason",
            &[("reason", (&reason).into())],
        ),
        (SyncState::Failed, reason) => t_with(
            "admin-sessions-zoom-failed",
            &[("reason", (&reason.unwrap_or_default()).into())],
        ),
    };
    let class = format!("zoom-sync zoom-{}", zoom.state.as_str());
    let button = (zoom.state == SyncState::Failed).then(|| {
        view! {
            <ActionForm action=retry attr:class="inline-form">
                <input type="hidden" name="session_id" value=s.id />
                <button type="submit" disabled=move || retry.pending().get()
                    aria-label=t_with("admin-sessions-zoom-retry-label", &[("number", s.number.into())])>
                    {t("admin-sessions-zoom-retry")}
                </button>
            </ActionForm>
        }
    });
    view! {
        <span class=class>{state}</span>
        {meeting.map(|m| view! { <br /><small>{m}</small> })}
        {button}
    }
    .into_any()
}

#[component]
fn SeancePlanBody(
    data: SeancesView,
    add: ServerAction<AdminAddSession>,
    series: ServerAction<AdminGenerateSessions>,
    retry: ServerAction<AdminRetryZoomSync>,
) -> impl IntoView {
    let auto = data.formation.zoom_auto_meetings;
    let zoom_note = auto.then(|| {
        if data.zoom_configured {
            view! { <p class="hint">{t("admin-sessions-zoom-auto")}</p> }.into_any()
        } else {
            view! { <p class="notice warning" role="status">{t("admin-sessions-zoom-off")}</p> }
                .into_any()
        }
    });
    // With JavaScript the action's answer, without it the redirect's `?zoom=1`.
    let query = leptos_router::hooks::use_query_map();
    let retried = move || {
        matches!(retry.value().get(), Some(Ok(_)))
            || (retry.value().get().is_none() && query.read().get("zoom").is_some())
    };
    let retry_error = crate::ui::components::admin::form_state::form_error(
        retry.value(),
        crate::ui::components::admin::form_state::QueryForm::new("zoom"),
    );
    let id = data.formation.id;
    let (add_query, add_error) = form_state("add", add.value());
    let (series_query, series_error) = form_state("series", series.value());
    let created = move || match series.value().get() {
        Some(Ok(n)) => Some(t_with("admin-sessions-created", &[("count", n.into())])),
        _ => None,
    };
    let timezone = data.formation.timezone.clone();
    view! {
        <FormationHead id name=data.formation.name.clone() title=t("admin-sessions-title") />
        <p class="hint">{t_with("admin-sessions-timezone", &[("timezone", (&data.formation.timezone).into())])}</p>
        {zoom_note}
        <Show when=move || retried()>
            <p class="notice" role="status">{t("admin-sessions-zoom-retried")}</p>
        </Show>
        <Show when=move || created().is_some()>
            <p class="notice" role="status">{created}</p>
        </Show>
        <crate::ui::components::field_error::FieldError error=retry_error />
        <DataTable
            caption=t("admin-sessions-caption")
            class="sessions-table"
            columns=[
                t("admin-sessions-number"),
                t("admin-title"),
                t("admin-date-time"),
                t("admin-sessions-duration"),
                t("admin-recording"),
                t("admin-sessions-zoom"),
            ]
            hidden_column=t("admin-sessions-actions")
            empty=t("admin-sessions-empty")
            rows=data.sessions
            row=move |s| view! {
                <tr>
                    <td>{s.number}</td>
                    <td>{s.title.clone()}</td>
                    <td>{parse_instant(&s.scheduled_at).map(|at| view! { <LocalTime at timezone=timezone.clone() /> })}</td>
                    <td>{t_with("admin-sessions-minutes", &[("minutes", s.duration_minutes.into())])}</td>
                    <td>{if s.recording_link.is_empty() { "—".to_string() } else { t("admin-sessions-recorded") }}</td>
                    <td><ZoomCell s=s.clone() retry /></td>
                    <td><a href=format!("/admin/seances/{}", s.id) aria-label=t_with("admin-sessions-edit-label", &[("number", s.number.into())])>{t("admin-sessions-edit")}</a></td>
                </tr>
            }
        />
        <div class="two-forms">
            <TitledSection id="add-title-h" title=t("admin-sessions-add-title")>
                <ActionForm action=add attr:class="admin-form">
                    <input type="hidden" name="formation_id" value=id />
                    <TextField id="add-title".into() label=t("admin-title") name="title" value=add_query.value("title", "") required=true error=add_error />
                    <TextField id="add-at".into() label=t("admin-date-time") name="scheduled_at" kind="datetime-local" value=add_query.value("scheduled_at", "") required=true error=add_error />
                    <TextField id="add-duration".into() label=t("admin-duration-minutes") name="duration_minutes" kind="number" value=add_query.value("duration_minutes", "120") required=true error=add_error />
                    <TextField id="add-link".into() label=t("admin-own-link") name="meeting_link" kind="url" value=String::new() error=add_error />
                    <TextField id="add-recording".into() label=t("admin-recording-link-optional") name="recording_link" kind="url" value=add_query.value("recording_link", "") error=add_error />
                    <FieldError error=add_error />
                    <button type="submit" disabled=move || add.pending().get()>{t("admin-sessions-add")}</button>
                </ActionForm>
            </TitledSection>
            <TitledSection id="series-title-h" title=t("admin-sessions-series-title")>
                <ActionForm action=series attr:class="admin-form">
                    <input type="hidden" name="formation_id" value=id />
                    <TextField id="series-title".into() label=t("admin-sessions-series-name") name="title" value=series_query.value("title", &t("admin-sessions-series-default")) error=series_error />
                    <TextField id="series-days".into() label=t("admin-sessions-days") name="weekdays" value=series_query.value("weekdays", "") required=true hint=t("admin-sessions-days-hint") error=series_error />
                    <TextField id="series-time".into() label=t("admin-sessions-start-time") name="start_time" kind="time" value=series_query.value("start_time", "19:00") required=true error=series_error />
                    <TextField id="series-duration".into() label=t("admin-duration-minutes") name="duration_minutes" kind="number" value=series_query.value("duration_minutes", "120") required=true error=series_error />
                    <TextField id="series-from".into() label=t("admin-from") name="from_date" kind="date" value=series_query.value("from_date", "") required=true error=series_error />
                    <TextField id="series-to".into() label=t("admin-to") name="to_date" kind="date" value=series_query.value("to_date", "") required=true error=series_error />
                    <FieldError error=series_error />
                    <button type="submit" disabled=move || series.pending().get()>{t("admin-sessions-generate")}</button>
                </ActionForm>
            </TitledSection>
        </div>
    }
}
