use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_get_session, AdminDeleteSession, AdminSetRecording, AdminUpdateSession,
};
use crate::domain::admin::SeanceDetail;
use crate::i18n::{t, t_with};
use crate::ui::components::admin::confirm_box::ConfirmBox;
use crate::ui::components::admin::form_state::{form_error, form_state, successes, QueryForm};
use crate::ui::components::admin::formation_nav::FormationNav;
use crate::ui::components::admin::seance_attendance::SeanceAttendanceSection;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::titled_section::TitledSection;
use crate::ui::hooks::use_route_resource;

/// One session: edit it, set its recording link, or delete it.
#[component]
pub fn AdminSeanceEditPage() -> impl IntoView {
    let update = ServerAction::<AdminUpdateSession>::new();
    let recording = ServerAction::<AdminSetRecording>::new();
    let delete = ServerAction::<AdminDeleteSession>::new();
    let updated = successes(update.value());
    let recorded = successes(recording.value());
    let session = use_route_resource(move || (updated.get(), recorded.get()), admin_get_session);
    view! {
        <Title text=t("admin-session-title") />
        <Loaded data=session plain=true let:data>
            <SeanceForms data update recording delete />
        </Loaded>
        // Its own data, read once for the page (not inside the séance's).
        <SeanceAttendanceSection />
    }
}

#[component]
fn SeanceForms(
    data: SeanceDetail,
    update: ServerAction<AdminUpdateSession>,
    recording: ServerAction<AdminSetRecording>,
    delete: ServerAction<AdminDeleteSession>,
) -> impl IntoView {
    let s = data.session;
    let (edit_query, edit_error) = form_state("edit", update.value());
    let (rec_query, rec_error) = form_state("recording", recording.value());
    let del_error = form_error(delete.value(), QueryForm::new("delete"));
    let v_title = edit_query.value("title", &s.title);
    let v_at = edit_query.value("scheduled_at", &s.local);
    let v_duration = edit_query.value("duration_minutes", &s.duration_minutes.to_string());
    // The stored link, never the URL's (see `api::admin::formation_keep`).
    let v_link = s.meeting_link.clone();
    let v_recording = edit_query.value("recording_link", &s.recording_link);
    let v_rec = rec_query.value("recording_link", &s.recording_link);
    view! {
        <FormationNav id=data.formation.id name=data.formation.name.clone() />
        <h1>{t_with("admin-session-heading", &[("number", s.number.into()), ("title", (&s.title).into())])}</h1>
        <p class="hint">{t_with("admin-session-timezone", &[("timezone", (&data.formation.timezone).into())])}</p>
        <ActionForm action=update attr:class="admin-form">
            <input type="hidden" name="session_id" value=s.id />
            <TextField id="edit-title".into() label=t("admin-title") name="title" value=v_title required=true error=edit_error />
            <TextField id="edit-at".into() label=t("admin-date-time") name="scheduled_at" kind="datetime-local" value=v_at required=true error=edit_error />
            <TextField id="edit-duration".into() label=t("admin-duration-minutes") name="duration_minutes" kind="number" value=v_duration required=true error=edit_error />
            <TextField id="edit-link".into() label=t("admin-own-link") name="meeting_link" kind="url" value=v_link error=edit_error />
            <TextField id="edit-recording".into() label=t("admin-recording-link-optional") name="recording_link" kind="url" value=v_recording error=edit_error />
            <FieldError error=edit_error />
            <button type="submit" disabled=move || update.pending().get()>{t("admin-session-save")}</button>
        </ActionForm>
        <TitledSection id="recording-h" title=t("admin-recording")>
            <ActionForm action=recording attr:class="admin-form">
                <input type="hidden" name="session_id" value=s.id />
                <TextField id="rec-link".into() label=t("admin-session-recording-link") name="recording_link" kind="url" value=v_rec hint=t("admin-session-recording-hint") error=rec_error />
                <button type="submit">{t("admin-session-recording-save")}</button>
            </ActionForm>
        </TitledSection>
        <TitledSection id="delete-h" title=t("admin-session-delete") attr:class="danger-zone">
            <p>{t("admin-session-delete-consequence")}</p>
            <ActionForm action=delete>
                <input type="hidden" name="session_id" value=s.id />
                <ConfirmBox id="delete-confirm".into() error=del_error />
                <FieldError error=del_error />
                <button type="submit" class="danger">{t("admin-session-delete")}</button>
            </ActionForm>
        </TitledSection>
    }
}
