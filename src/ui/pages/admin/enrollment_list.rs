use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_list_enrollments, AdminCancelEnrollment, AdminEnrollUser, AdminRenameUser,
};
use crate::domain::admin::{EnrollmentLine, EnrollmentsView};
use crate::domain::format::{parse_day, period};
use crate::domain::status::EnrollmentStatus;
use crate::i18n::{current, t, t_with};
use crate::ui::components::admin::confirm_box::ConfirmBox;
use crate::ui::components::admin::filter_bar::FilterBar;
use crate::ui::components::admin::form_state::{
    form_error, form_state, reload_on_success, QueryForm,
};
use crate::ui::components::admin::formation_head::FormationHead;
use crate::ui::components::admin::pager::Pager;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::titled_section::TitledSection;
use crate::ui::hooks::{use_cursor, use_query_text, use_route_id};

/// A formation's enrollments, 50 a page (newest first, `?avant=<id>`),
/// searchable by name or e-mail (`?q=`): status, attendance, cancel; enroll
/// a user.
#[component]
pub fn AdminEnrollmentsPage() -> impl IntoView {
    let enroll = ServerAction::<AdminEnrollUser>::new();
    // Also bumped by each row's own forms.
    let reload = RwSignal::new(0u32);
    reload_on_success(enroll.value(), reload);
    let id = use_route_id();
    let before = use_cursor();
    let q = use_query_text("q");
    let data = Resource::new(
        move || (id.get(), before.get(), q.get(), reload.get()),
        |(id, before, q, _)| admin_list_enrollments(id, before, q),
    );
    view! {
        <Title text=t("admin-enrollments-title") />
        <Loaded data plain=true let:data>
            <EnrollmentsBody data enroll reload />
        </Loaded>
    }
}

#[component]
fn EnrollmentsBody(
    data: EnrollmentsView,
    enroll: ServerAction<AdminEnrollUser>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = data.formation.id;
    let (query, error) = form_state("enroll", enroll.value());
    let search = data.search.clone();
    let kept_search = search.clone();
    view! {
        <FormationHead
            id
            name=data.formation.name
            title=t("admin-enrollments-title")
            csv=format!("/admin/formations/{id}/inscriptions.csv")
        />
        <FilterBar action=format!("/admin/formations/{id}/inscriptions")>
            <TextField id="q".into() label=t("admin-enrollments-search") name="q" kind="search" value=search.clone() />
        </FilterBar>
        <DataTable
            caption=t("admin-enrollments-caption")
            columns=[t("admin-learner"), t("admin-enrollments-period"), t("admin-enrollments-status"),
                t("admin-enrollments-attendance"), t("admin-enrollments-action")]
            empty=t("admin-enrollments-empty")
            rows=data.enrollments
            row=move |e| view! { <EnrollmentItem e formation_id=id reload /> }
        />
        <Pager
            path=format!("/admin/formations/{id}/inscriptions")
            keep=vec![("q", kept_search)]
            later=use_cursor().get_untracked().is_some()
            next=data.older_than
        />
        <TitledSection id="enroll-h" title=t("admin-enroll-title")>
            <ActionForm action=enroll attr:class="admin-form">
                <input type="hidden" name="formation_id" value=id />
                <TextField id="enroll-email".into() label=t("admin-enroll-email") name="email" kind="email" value=query.value("email", "") required=true error />
                <TextField id="enroll-start".into() label=t("admin-start-date") name="start_date" kind="date" value=query.value("start_date", "") required=true error />
                <TextField id="enroll-end".into() label=t("admin-end-date") name="end_date" kind="date" value=query.value("end_date", "") required=true error />
                <TextField id="enroll-total".into() label=t("admin-total-sessions") name="total_sessions" kind="number" value=query.value("total_sessions", "") hint=t("admin-total-sessions-hint") error />
                <FieldError error />
                <button type="submit" disabled=move || enroll.pending().get()>{t("admin-enroll-submit")}</button>
            </ActionForm>
        </TitledSection>
    }
}

#[component]
fn EnrollmentItem(e: EnrollmentLine, formation_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let cancel = ServerAction::<AdminCancelEnrollment>::new();
    let error = form_error(cancel.value(), QueryForm::new(format!("cancel-{}", e.id)));
    reload_on_success(cancel.value(), reload);
    let cancelled = e.status == EnrollmentStatus::Cancelled;
    view! {
        <tr>
            <td>
                {e.user_name.clone()} <br /> <span class="hint">{e.user_email.clone()}</span>
                <RenameUser user_id=e.user_id name=e.user_name.clone() formation_id reload />
            </td>
            <td>{match (parse_day(&e.start_date), parse_day(&e.end_date)) {
                (Some(from), Some(to)) => period(current(), from, to),
                _ => format!("{} – {}", e.start_date, e.end_date),
            }}</td>
            <td><StatusBadge status=e.status /></td>
            <td>{t_with("admin-enrollments-rate", &[
                ("attended", e.attended_sessions.into()),
                ("total", e.total_sessions.into()),
                ("rate", (&format!("{:.1}", e.attendance_rate)).into()),
            ])}</td>
            <td>
                {(!cancelled).then(|| view! {
                    <ActionForm action=cancel attr:class="inline-form">
                        <input type="hidden" name="enrollment_id" value=e.id />
                        <input type="hidden" name="formation_id" value=formation_id />
                        <ConfirmBox id=format!("cancel-confirm-{}", e.id) error />
                        <FieldError error />
                        <button type="submit" class="danger" aria-label=t_with("admin-enrollment-cancel-label", &[("name", (&e.user_name).into())])>{t("admin-enrollment-cancel")}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

/// Corrects a learner's name (recorded in the audit log); folded away until
/// needed, and a plain form without JavaScript.
#[component]
fn RenameUser(
    user_id: i64,
    name: String,
    formation_id: i64,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let rename = ServerAction::<AdminRenameUser>::new();
    let (query, error) = form_state(format!("rename-{user_id}"), rename.value());
    reload_on_success(rename.value(), reload);
    let open = query.error().is_some();
    view! {
        <details class="rename" open=open>
            <summary>{t("admin-rename")}</summary>
            <ActionForm action=rename attr:class="inline-form">
                <input type="hidden" name="user_id" value=user_id />
                <input type="hidden" name="formation_id" value=formation_id />
                <TextField id=format!("rename-{user_id}") label=t("admin-rename-name") name="name" value=query.value("name", &name) required=true error />
                <button type="submit" disabled=move || rename.pending().get()>{t("admin-save")}</button>
            </ActionForm>
        </details>
    }
}
