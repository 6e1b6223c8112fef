use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{admin_get_attendance, AdminSetAttendance};
use crate::domain::admin::AttendanceGrid;
use crate::domain::format::{date_short, parse_instant, zone_of};
use crate::i18n::{current, t, t_with};
use crate::ui::components::admin::filter_bar::FilterBar;
use crate::ui::components::admin::form_state::{form_error, QueryForm};
use crate::ui::components::admin::formation_head::FormationHead;
use crate::ui::components::admin::pager::Pager;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::error_alert::ErrorAlert;
use crate::ui::components::loaded::Loaded;
use crate::ui::hooks::{use_cursor, use_query_text, use_route_id, version_of};

/// Learners × sessions: each cell a button that marks or unmarks presence;
/// sessions whose attendance has not opened are blank and locked. 50
/// learners a page (newest enrollment first, `?avant=<id>`), searchable by
/// name or e-mail (`?q=`).
#[component]
pub fn AdminAttendancePage() -> impl IntoView {
    let mark = ServerAction::<AdminSetAttendance>::new();
    let id = use_route_id();
    let before = use_cursor();
    let q = use_query_text("q");
    let marked = version_of(mark.version());
    let grid = Resource::new(
        move || (id.get(), before.get(), q.get(), marked()),
        |(id, before, q, _)| admin_get_attendance(id, before, q),
    );
    // The button pressed last: the grid is drawn anew from the reloaded
    // data, and keyboard focus goes back to that button.
    let refocus = StoredValue::new(None::<String>);
    view! {
        <Title text=t("admin-attendance-title") />
        <Loaded data=grid plain=true keep_while_reloading=true let:grid>
            <Grid grid mark refocus />
        </Loaded>
    }
}

#[component]
fn Grid(
    grid: AttendanceGrid,
    mark: ServerAction<AdminSetAttendance>,
    refocus: StoredValue<Option<String>>,
) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(id) = refocus.try_update_value(Option::take).flatten() {
            focus_element(&id);
        }
    });
    let id = grid.formation.id;
    let mark_url = <AdminSetAttendance as leptos::server_fn::ServerFn>::url();
    let error = form_error(mark.value(), QueryForm::new("grid"));
    let sessions = grid.sessions.clone();
    let zone = zone_of(&grid.formation.timezone);
    let later = use_cursor().get_untracked().is_some();
    let search = grid.search.clone();
    let kept_search = search.clone();
    view! {
        <FormationHead
            id
            name=grid.formation.name.clone()
            title=t("admin-attendance-title")
            csv=format!("/admin/formations/{id}/presences.csv")
        />
        <ErrorAlert error />
        <FilterBar action=format!("/admin/formations/{id}/presences")>
            <TextField id="q".into() label=t("admin-enrollments-search") name="q" kind="search" value=search.clone() />
        </FilterBar>
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
                                            let (user_id, session_id) = (l.user_id, s.id);
                                            let button_id = format!("cell-{user_id}-{session_id}");
                                            // This cell's mark is on its way: shown, and the
                                            // button refuses a second press meanwhile.
                                            let busy = move || {
                                                mark.input().with(|input| {
                                                    input.as_ref().is_some_and(|i| {
                                                        i.user_id == user_id && i.session_id == session_id
                                                    })
                                                })
                                            };
                                            let on_submit = {
                                                let button_id = button_id.clone();
                                                move |ev: leptos::ev::SubmitEvent| {
                                                    ev.prevent_default();
                                                    // One mark at a time: a second press while one is
                                                    // on its way would send the opposite of what was seen.
                                                    if mark.pending().get_untracked() {
                                                        return;
                                                    }
                                                    refocus.set_value(Some(button_id.clone()));
                                                    mark.dispatch(AdminSetAttendance {
                                                        formation_id: id,
                                                        user_id,
                                                        session_id,
                                                        present: i64::from(!present),
                                                    });
                                                }
                                            };
                                            view! {
                                                <td class=move || match (present, busy()) {
                                                    (_, true) => "cell pending",
                                                    (true, false) => "cell present",
                                                    (false, false) => "cell",
                                                }>
                                                    // A plain form (it posts without JavaScript); with
                                                    // it, the press is sent in place.
                                                    <form method="post" action=mark_url on:submit=on_submit>
                                                        <input type="hidden" name="formation_id" value=id />
                                                        <input type="hidden" name="user_id" value=user_id />
                                                        <input type="hidden" name="session_id" value=session_id />
                                                        <input type="hidden" name="present" value=if present { "0" } else { "1" } />
                                                        <button
                                                            type="submit"
                                                            id=button_id
                                                            class="cell-button"
                                                            aria-label=label
                                                            aria-pressed=if present { "true" } else { "false" }
                                                            aria-busy=move || busy().then_some("true")
                                                            aria-disabled=move || mark.pending().get().then_some("true")
                                                        >
                                                            {if present { "✓" } else { "·" }}
                                                        </button>
                                                    </form>
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
        <Pager
            path=format!("/admin/formations/{id}/presences")
            keep=vec![("q", kept_search)]
            later=later
            next=grid.older_than
        />
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

/// Gives keyboard focus back to the element `id` (in the browser).
fn focus_element(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}
