use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{
    admin_get_formation, AdminArchiveFormation, AdminPublishFormation, AdminUpdateFormation,
};
use crate::domain::admin::{FormationDetail, FormationInput};
use crate::error::{AppError, ErrorCode};
use crate::i18n::t;
use crate::ui::components::admin::confirm_box::ConfirmBox;
use crate::ui::components::admin::form_state::{form_error, form_state, successes, QueryForm};
use crate::ui::components::admin::formation_fields::FormationFields;
use crate::ui::components::admin::formation_nav::FormationNav;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::hooks::use_route_resource;

#[component]
pub fn AdminFormationEditPage() -> impl IntoView {
    let update = ServerAction::<AdminUpdateFormation>::new();
    let archive = ServerAction::<AdminArchiveFormation>::new();
    let publish = ServerAction::<AdminPublishFormation>::new();
    let updated = successes(update.value());
    let archive_done = successes(archive.value());
    let published = successes(publish.value());
    let formation = use_route_resource(
        move || (updated.get(), archive_done.get(), published.get()),
        admin_get_formation,
    );
    view! {
        <Title text=t("admin-formation") />
        <Loaded data=formation plain=true let:detail>
            <EditForms detail update archive publish />
        </Loaded>
    }
}

#[component]
fn EditForms(
    detail: FormationDetail,
    update: ServerAction<AdminUpdateFormation>,
    archive: ServerAction<AdminArchiveFormation>,
    publish: ServerAction<AdminPublishFormation>,
) -> impl IntoView {
    let (query, error) = form_state("", update.value());
    let archive_error = form_error(archive.value(), QueryForm::new("archive"));
    let d = &detail.input;
    let values = FormationInput {
        name: query.value("name", &d.name),
        description: query.value("description", &d.description),
        level: query.value("level", &d.level),
        platform: query.value("platform", &d.platform),
        // The stored values, never the URL's (see `api::admin::formation_keep`).
        meeting_link: d.meeting_link.clone(),
        meeting_id: d.meeting_id.clone(),
        meeting_password: d.meeting_password.clone(),
        instructor_name: query.value("instructor_name", &d.instructor_name),
        schedule_description: query.value("schedule_description", &d.schedule_description),
        timezone: query.value("timezone", &d.timezone),
        certificate_min_attendance: query
            .value("certificate_min_attendance", &d.certificate_min_attendance),
        zoom_min_presence: query.value("zoom_min_presence", &d.zoom_min_presence),
        zoom_auto_meetings: !query
            .value(
                "zoom_auto_meetings",
                if d.zoom_auto_meetings { "on" } else { "" },
            )
            .is_empty(),
        offer: {
            let stored = detail.offer.input(crate::i18n::current());
            crate::domain::admin::OfferInput {
                price: query.value("price", &stored.price),
                currency: query.value("currency", &stored.currency),
                starts_on: query.value("starts_on", &stored.starts_on),
                ends_on: query.value("ends_on", &stored.ends_on),
                seats: query.value("seats", &stored.seats),
                payment_instructions: query
                    .value("payment_instructions", &stored.payment_instructions),
            }
        },
    };
    let version = query.value("version", &detail.version.to_string());
    let id = detail.id;
    let archived = detail.archived;
    view! {
        <FormationNav id name=detail.input.name.clone() />
        <h1>{detail.input.name.clone()}</h1>
        {archived.then(|| view! { <p class="notice">{t("admin-formation-archived-notice")}</p> })}
        <PublishBox id draft=detail.draft session_count=detail.session_count publish />
        <Show when=move || {
            matches!(error.get(), Some(AppError::Conflict(ErrorCode::StaleFormation)))
        }>
            // A full reload (rel="external"), so the current version is read again.
            <p>
                <a href=format!("/admin/formations/{id}") rel="external">
                    {t("admin-formation-reload")}
                </a>
            </p>
        </Show>
        <ActionForm action=update attr:class="admin-form">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            <FormationFields values error />
            <button type="submit" disabled=move || update.pending().get()>{t("admin-save")}</button>
        </ActionForm>
        <section class="danger-zone" aria-labelledby="archive-title">
            {if archived {
                view! {
                    <h2 id="archive-title">{t("admin-formation-restore-title")}</h2>
                    <ActionForm action=archive>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="archived" value="0" />
                        <FieldError error=archive_error />
                        <button type="submit">{t("admin-formation-restore")}</button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! {
                    <h2 id="archive-title">{t("admin-formation-archive-title")}</h2>
                    <p>{t("admin-formation-archive-consequence")}</p>
                    <ActionForm action=archive>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="archived" value="1" />
                        <ConfirmBox id="archive-confirm".into() error=archive_error />
                        <FieldError error=archive_error />
                        <button type="submit" class="danger">{t("admin-formation-archive")}</button>
                    </ActionForm>
                }
                    .into_any()
            }}
        </section>
    }
}

/// A draft says so and offers "Publier" (with "Publier sans séance" when it
/// has none); a published formation can go back to draft.
#[component]
fn PublishBox(
    id: i64,
    draft: bool,
    session_count: i64,
    publish: ServerAction<AdminPublishFormation>,
) -> impl IntoView {
    let error = form_error(publish.value(), QueryForm::new("publish"));
    if !draft {
        return view! {
            <ActionForm action=publish attr:class="inline-form publish-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="draft" value="1" />
                <button type="submit" class="link-button" disabled=move || publish.pending().get()>
                    {t("admin-formation-unpublish")}
                </button>
            </ActionForm>
        }
        .into_any();
    }
    view! {
        <div class="notice draft-notice">
            <p><strong>{t("admin-formation-draft")}</strong>" "{t("admin-formation-draft-notice")}</p>
            <ActionForm action=publish attr:class="publish-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="draft" value="0" />
                {(session_count == 0).then(|| view! {
                    <div class="field checkbox">
                        <input type="checkbox" id="publish-confirm" name="confirm" value="on" />
                        <label for="publish-confirm">{t("admin-formation-publish-empty")}</label>
                    </div>
                })}
                <FieldError error />
                <button type="submit" disabled=move || publish.pending().get()>{t("admin-formation-publish")}</button>
            </ActionForm>
        </div>
    }
    .into_any()
}
