use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_list_sessions, admin_preview_series, AdminAddSession, AdminGenerateSessions,
    AdminRetryZoomSync,
};
use crate::domain::admin::{SeanceLine, SeancesView, SeriesPreview, SyncState};
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
use leptos_router::hooks::use_query_map;

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
    let retry_error = crate::ui::components::admin::form_state::form_error(
        retry.value(),
        crate::ui::components::admin::form_state::QueryForm::new("zoom"),
    );
    let id = data.formation.id;
    let (add_query, add_error) = form_state("add", add.value());
    let (series_query, series_action_error) = form_state("series", series.value());
    let query = use_query_map();
    // What the GET form typed (the preview's address), else what a refused
    // creation brought back, else the default.
    let typed = move |field: &str, default: &str| {
        query
            .read()
            .get(field)
            .filter(|_| query.read().get("preview").is_some())
            .unwrap_or_else(|| series_query.value(field, default))
    };
    let preview_args = move || {
        let q = query.read();
        q.get("preview").map(|_| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            (
                get("weekdays"),
                get("start_time"),
                get("duration_minutes"),
                get("from_date"),
                get("to_date"),
            )
        })
    };
    let preview = Resource::new(preview_args, move |args| async move {
        match args {
            None => None,
            Some((weekdays, start_time, duration, from, to)) => {
                Some(admin_preview_series(id, weekdays, start_time, duration, from, to).await)
            }
        }
    });
    let series_error = Signal::derive(move || {
        series_action_error
            .get()
            .or_else(|| preview.get().flatten().and_then(Result::err))
    });
    // Created (with JavaScript): back to the plan, the preview done.
    let navigate = leptos_router::hooks::use_navigate();
    let plan = format!("/admin/formations/{id}/seances");
    Effect::new({
        let plan = plan.clone();
        move |_| {
            if matches!(series.value().get(), Some(Ok(_)))
                && query.read_untracked().get("preview").is_some()
            {
                navigate(&plan, Default::default());
            }
        }
    });
    let created = move || match series.value().get() {
        Some(Ok(n)) => Some(t_with("admin-sessions-created", &[("count", n.into())])),
        _ => None,
    };
    let timezone = data.formation.timezone.clone();
    let timezone_preview = data.formation.timezone.clone();
    view! {
        <FormationHead id name=data.formation.name.clone() title=t("admin-sessions-title") />
        <p class="hint">{t_with("admin-sessions-timezone", &[("timezone", (&data.formation.timezone).into())])}</p>
        {zoom_note}
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
                    <td>
                        {s.title.clone()}
                        {(!s.clashes.is_empty()).then(|| {
                            let with = s
                                .clashes
                                .iter()
                                .map(|(name, number)| format!("{name} · {}", t_with("learner-seance", &[("number", (*number).into())])))
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! { <br /><span class="flag clash">{t_with("admin-preview-clash", &[("with", (&with).into())])}</span> }
                        })}
                    </td>
                    <td>{parse_instant(&s.scheduled_at).map(|at| view! { <LocalTime at timezone=timezone.clone() /> })}</td>
                    <td>{t_with("admin-sessions-minutes", &[("minutes", s.duration_minutes.into())])}</td>
                    <td>{if s.recording_link.is_empty() { "—".to_string() } else { t("admin-sessions-recorded") }}</td>
                    <td><ZoomCell s=s.clone() retry /></td>
                    <td><a href=format!("/admin/seances/{}", s.id) aria-label=t_with("admin-sessions-edit-label", &[("number", s.number.into())])>{t("admin-sessions-edit")}</a></td>
                </tr>
            }
        />
        <Suspense>
            {move || preview.get().flatten().and_then(Result::ok).map(|p| view! {
                <SeriesPreviewBox preview=p series id title=typed("title", "") timezone=timezone_preview.clone() />
            })}
        </Suspense>
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
                // A GET form: the preview is a page of its own (a link, and
                // no JavaScript needed); creating is the preview's button.
                <form method="get" action=format!("/admin/formations/{id}/seances") class="admin-form">
                    <input type="hidden" name="preview" value="1" />
                    <TextField id="series-title".into() label=t("admin-sessions-series-name") name="title" value=typed("title", &t("admin-sessions-series-default")) error=series_error />
                    <TextField id="series-days".into() label=t("admin-sessions-days") name="weekdays" value=typed("weekdays", "") required=true hint=t("admin-sessions-days-hint") error=series_error />
                    <TextField id="series-time".into() label=t("admin-sessions-start-time") name="start_time" kind="time" value=typed("start_time", "19:00") required=true error=series_error />
                    <TextField id="series-duration".into() label=t("admin-duration-minutes") name="duration_minutes" kind="number" value=typed("duration_minutes", "120") required=true error=series_error />
                    <TextField id="series-from".into() label=t("admin-from") name="from_date" kind="date" value=typed("from_date", "") required=true error=series_error />
                    <TextField id="series-to".into() label=t("admin-to") name="to_date" kind="date" value=typed("to_date", "") required=true error=series_error />
                    <FieldError error=series_error />
                    <button type="submit">{t("admin-sessions-preview")}</button>
                </form>
            </TitledSection>
        </div>
    }
}

/// The series' dates before they exist: how many, which are past, which
/// overlap another séance (this formation's, or its instructor's), and the
/// button that creates them (the same typed values, posted).
#[component]
fn SeriesPreviewBox(
    preview: SeriesPreview,
    series: ServerAction<AdminGenerateSessions>,
    id: i64,
    title: String,
    timezone: String,
) -> impl IntoView {
    let query = use_query_map();
    let field = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let count = preview.lines.len();
    let lines = preview
        .lines
        .into_iter()
        .map(|l| {
            let clashes = (!l.clashes.is_empty()).then(|| {
                let with = l
                    .clashes
                    .iter()
                    .map(|(name, number)| {
                        format!("{name} · {}", t_with("learner-seance", &[("number", (*number).into())]))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                view! { <span class="flag clash">{t_with("admin-preview-clash", &[("with", (&with).into())])}</span> }
            });
            let past = l.past.then(|| view! { <span class="flag past">{t("admin-preview-past")}</span> });
            view! {
                <li class:flagged=l.past || !l.clashes.is_empty()>
                    <LocalTime at=l.starts_at timezone=timezone.clone() />
                    " " {past} " " {clashes}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="series-preview" aria-labelledby="preview-h">
            <h2 id="preview-h">{t_with("admin-preview-title", &[("count", count.into())])}</h2>
            {(preview.existing > 0).then(|| view! {
                <p class="hint">{t_with("admin-preview-existing", &[("count", preview.existing.into())])}</p>
            })}
            <ol>{lines}</ol>
            <ActionForm action=series attr:class="admin-form">
                <input type="hidden" name="formation_id" value=id />
                <input type="hidden" name="title" value=title />
                <input type="hidden" name="weekdays" value=field("weekdays") />
                <input type="hidden" name="start_time" value=field("start_time") />
                <input type="hidden" name="duration_minutes" value=field("duration_minutes") />
                <input type="hidden" name="from_date" value=field("from_date") />
                <input type="hidden" name="to_date" value=field("to_date") />
                <button type="submit" disabled=move || series.pending().get()>
                    {t_with("admin-preview-create", &[("count", count.into())])}
                </button>
                " "
                <a href=format!("/admin/formations/{id}/seances")>{t("admin-preview-cancel")}</a>
            </ActionForm>
        </section>
    }
}
