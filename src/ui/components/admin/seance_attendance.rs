use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use crate::api::admin::{admin_session_attendance, AdminApplyImport, AdminLinkParticipant};
use crate::domain::admin::{ImportPreview, SeanceAttendance, ZoomParticipant};
use crate::domain::attendance::MatchedBy;
use crate::i18n::{t, t_with};
use crate::ui::components::admin::form_state::QueryForm;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::loaded::Loaded;
use crate::ui::hooks::use_route_id;

/// The attendance that arrives by itself, on a séance's admin page: the
/// upload of a Google Meet or Microsoft Teams report, its preview and
/// confirmation, and Zoom's participants nobody recognised, to attach to
/// a learner. Plain forms: each answers with this page again, so it all
/// works without JavaScript.
#[component]
pub fn SeanceAttendanceSection() -> impl IntoView {
    let query = use_query_map();
    let id = use_route_id();
    let session_id = move || id.get();
    let import = move || {
        query
            .read()
            .get("import")
            .and_then(|v| v.parse::<i64>().ok())
    };
    let data = Resource::new(
        move || (id.get(), import()),
        |(session_id, import)| admin_session_attendance(session_id, import),
    );
    let upload_error = move || {
        let q = query.read();
        q.get("import_erreur").map(|kind| {
            let line = q
                .get("ligne")
                .and_then(|l| l.parse::<i64>().ok())
                .unwrap_or(0);
            let words = t(import_error_id(&kind));
            if line > 0 {
                t_with(
                    "admin-import-error-line",
                    &[("line", line.into()), ("error", (&words).into())],
                )
            } else {
                words
            }
        })
    };
    view! {
        <section id="presences" class="admin-section" aria-labelledby="presences-title">
            <h2 id="presences-title">{t("admin-presences-title")}</h2>
            <h3>{t("admin-import-title")}</h3>
            <p class="hint">{t("admin-import-hint")}</p>
            {move || upload_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <form method="post" enctype="multipart/form-data" class="admin-form"
                action=move || format!("/admin/seances/{}/presences/import", session_id())>
                <div class="field">
                    <label for="report">{t("admin-import-file")}</label>
                    <input type="file" id="report" name="report" accept=".csv,.txt,text/csv,text/plain" required />
                </div>
                <button type="submit">{t("admin-import-preview")}</button>
            </form>
            <Loaded data plain=true let:view>
                <Sources view session_id=session_id() />
            </Loaded>
        </section>
    }
}

#[component]
fn Sources(view: SeanceAttendance, session_id: i64) -> impl IntoView {
    let min = view.min_percent;
    let learners = view.learners.clone();
    view! {
        {view.import.map(|p| view! { <Preview p session_id min /> })}
        <h3>{t("admin-zoom-unknown-title")}</h3>
        {(!view.zoom_on).then(|| view! { <p class="hint">{t("admin-zoom-off")}</p> })}
        {if view.unrecognized.is_empty() {
            view! { <p class="empty">{t("admin-zoom-unknown-empty")}</p> }.into_any()
        } else {
            view! { <Unrecognized list=view.unrecognized learners session_id /> }.into_any()
        }}
    }
}

#[component]
fn Preview(p: ImportPreview, session_id: i64, min: i64) -> impl IntoView {
    let marked = p.attendees.iter().filter(|a| a.present).count();
    let error = QueryForm::new("import").error();
    view! {
        <h3>{t("admin-import-preview-title")}</h3>
        <p>{t_with("admin-import-summary", &[("marked", marked.into()), ("total", p.attendees.len().into()), ("min", min.into())])}</p>
        <DataTable
            caption=t("admin-import-preview-title")
            columns=attendee_columns([t("admin-learner"), t("admin-import-marked")])
            rows=p.attendees
            row=move |a| {
                    let learner = match (&a.learner, a.matched_by) {
                        (Some((_, name)), Some(MatchedBy::Name)) => t_with("admin-import-by-name", &[("name", name.into())]),
                        (Some((_, name)), _) => name.clone(),
                        (None, _) => t("admin-import-no-learner"),
                    };
                    view! {
                        <tr class:flagged=a.matched_by == Some(MatchedBy::Name)>
                            <td>{a.name.clone()}</td>
                            <td>{a.email.clone().unwrap_or_default()}</td>
                            <td>{a.minutes}</td>
                            <td>{learner}</td>
                            <td>{t(if a.present { "admin-yes" } else { "admin-no" })}</td>
                        </tr>
                    }
                }
        />
        {error.map(|e| view! { <p class="field-error" role="alert">{e.to_string()}</p> })}
        {(!p.applied).then(|| view! {
            <form method="post" action=AdminApplyImport::PATH class="inline-form">
                <input type="hidden" name="session_id" value=session_id />
                <input type="hidden" name="import" value=p.id />
                <button type="submit">{t("admin-import-confirm")}</button>
            </form>
        })}
    }
}

#[component]
fn Unrecognized(
    list: Vec<ZoomParticipant>,
    learners: Vec<(i64, String)>,
    session_id: i64,
) -> impl IntoView {
    let error = QueryForm::new("link").error();
    let rows: Vec<(usize, ZoomParticipant)> = list.into_iter().enumerate().collect();
    view! {
        {error.map(|e| view! { <p class="field-error" role="alert">{e.to_string()}</p> })}
        <DataTable
            caption=t("admin-zoom-unknown-title")
            columns=attendee_columns([t("admin-zoom-attach")])
            rows=rows
            row=move |(k, p)| {
                    let select = format!("attach-{k}");
                    let learners = learners.clone();
                    view! {
                        <tr>
                            <td>{p.name.clone()}</td>
                            <td>{p.email.clone().unwrap_or_default()}</td>
                            <td>{p.minutes}</td>
                            <td>
                                <form method="post" action=AdminLinkParticipant::PATH class="inline-form">
                                    <input type="hidden" name="session_id" value=session_id />
                                    <input type="hidden" name="participant_key" value=p.key.clone() />
                                    <label class="visually-hidden" for=select.clone()>{t_with("admin-zoom-attach-label", &[("name", (&p.name).into())])}</label>
                                    <select id=select name="user_id" required>
                                        {learners.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                    </select>
                                    " "
                                    <button type="submit">{t("admin-zoom-attach-button")}</button>
                                </form>
                            </td>
                        </tr>
                    }
                }
        />
    }
}

/// The words of a report the server could not read (`?import_erreur=`, see
/// `server::attendance_import::error_key`).
fn import_error_id(kind: &str) -> &'static str {
    match kind {
        "encoding" => "admin-import-error-encoding",
        "unknown_layout" => "admin-import-error-unknown_layout",
        "missing_column" => "admin-import-error-missing_column",
        "bad_duration" => "admin-import-error-bad_duration",
        "bad_time" => "admin-import-error-bad_time",
        "bad_row" => "admin-import-error-bad_row",
        "too_large" => "admin-import-error-too_large",
        _ => "admin-import-error-empty",
    }
}

/// The columns every attendee table starts with (who, address, minutes),
/// then `more`.
fn attendee_columns<const N: usize>(more: [String; N]) -> Vec<String> {
    [
        t("admin-import-attendee"),
        t("admin-import-email"),
        t("admin-import-minutes"),
    ]
    .into_iter()
    .chain(more)
    .collect()
}
