use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{admin_get_attendance, AdminSetAttendance};
use crate::domain::admin::AttendanceGrid;
use crate::domain::format::{date_short, parse_instant, zone_of};
use crate::i18n::{current, t, t_with};
use crate::ui::components::admin::form_state::{form_error, QueryForm};
use crate::ui::components::admin::formation_head::FormationHead;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::loaded::Loaded;
use crate::ui::hooks::use_route_resource;

/// Learners × sessions: each cell a button that marks or unmarks presence;
/// sessions whose attendance has not opened are blank and locked.
#[component]
pub fn AdminAttendancePage() -> impl IntoView {
    let mark = ServerAction::<AdminSetAttendance>::new();
    let grid = use_route_resource(move || mark.version().get(), admin_get_attendance);
    view! {
        <Title text=t("admin-attendance-title") />
        <Loaded data=grid plain=true let:grid>
            <Grid grid mark />
        </Loaded>
    }
}

#[component]
fn Grid(grid: AttendanceGrid, mark: ServerAction<AdminSetAttendance>) -> impl IntoView {
    let id = grid.formation.id;
    let error = form_error(mark.value(), QueryForm::new("grid"));
    let sessions = grid.sessions.clone();
    let zone = zone_of(&grid.formation.timezone);
    view! {
        <FormationHead
            id
            name=grid.formation.name.clone()
            title=t("admin-attendance-title")
            csv=format!("/admin/formations/{id}/presences.csv")
        />
        <ErrorAlert error />
        {if grid.learners.is_empty() || grid.sessions.is_empty() {
            view! { <p>{t("admin-attendance-empty")}</p> }.into_any()
        } else {
            view! {
                <div class="grid-scroll" tabindex="0" role="region" aria-label=t("admin-attendance-grid")>
                    <table class="admin-table attendance-grid">
                        <caption class="visually-hidden">{t("admin-attendance-caption")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("admin-learner")}</th>
                                {sessions.iter().map(|s| view! {
                                    <th scope="col"><abbr title=s.title.clone()>{t_with("admin-attendance-session-short", &[("number", s.number.into())])}</abbr><br /><span class="hint">{parse_instant(&s.scheduled_at).map(|at| date_short(current(), at.with_timezone(&zone).date_naive()))}</span></th>
                                }).collect_view()}
                                <th scope="col">{t("admin-attendance-rate-column")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {grid.learners.into_iter().map(|l| {
                                let sessions = sessions.clone();
                                view! {
                                    <tr>
                                        <th scope="row">{l.name.clone()}</th>
                                        {sessions.into_iter().zip(l.marks.clone()).map(|(s, cell)| {
                                            let present = cell.is_some();
                                            if !s.attendance_open {
                                                // Not happened yet: nothing to mark, nothing shown.
                                                return view! {
                                                    <td class="cell locked" title=t("admin-attendance-locked")>
                                                        <span class="visually-hidden">{t_with("admin-attendance-locked-session", &[("number", s.number.into())])}</span>
                                                    </td>
                                                }.into_any();
                                            }
                                            let label = t_with(
                                                if present { "admin-attendance-unmark" } else { "admin-attendance-mark" },
                                                &[("name", (&l.name).into()), ("number", s.number.into())],
                                            );
                                            view! {
                                                <td class=if present { "cell present" } else { "cell" }>
                                                    <ActionForm action=mark>
                                                        <input type="hidden" name="formation_id" value=id />
                                                        <input type="hidden" name="user_id" value=l.user_id />
                                                        <input type="hidden" name="session_id" value=s.id />
                                                        <input type="hidden" name="present" value=if present { "0" } else { "1" } />
                                                        <button type="submit" class="cell-button" aria-label=label aria-pressed=if present { "true" } else { "false" }>
                                                            {if present { "✓" } else { "·" }}
                                                        </button>
                                                    </ActionForm>
                                                    {cell.map(|m| view! { <span class="mark-source">{source_words(&m)}</span> })}
                                                </td>
                                            }.into_any()
                                        }).collect_view()}
                                        <td>{t_with("admin-attendance-rate", &[
                                            ("attended", l.attended_sessions.into()),
                                            ("total", l.total_sessions.into()),
                                            ("rate", (&format!("{:.1}", l.attendance_rate)).into()),
                                        ])}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

/// Where a mark came from, and Zoom's or the report's minutes: "Zoom · 80 min".
fn source_words(mark: &crate::domain::admin::GridMark) -> String {
    let source = t(match mark.source.as_str() {
        "self" => "admin-source-self",
        "zoom" => "admin-source-zoom",
        "import" => "admin-source-import",
        _ => "admin-source-manual",
    });
    match mark.minutes {
        Some(minutes) => t_with(
            "admin-attendance-source-minutes",
            &[("source", (&source).into()), ("minutes", minutes.into())],
        ),
        None => t_with("admin-attendance-source", &[("source", (&source).into())]),
    }
}
