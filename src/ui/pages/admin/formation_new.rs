use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::AdminCreateFormation;
use crate::domain::admin::FormationInput;
use crate::i18n::t;
use crate::ui::components::admin::form_state::form_state;
use crate::ui::components::admin::formation_fields::FormationFields;

#[component]
pub fn AdminFormationNewPage() -> impl IntoView {
    let create = ServerAction::<AdminCreateFormation>::new();
    let (query, error) = form_state("", create.value());
    let values = FormationInput {
        name: query.value("name", ""),
        description: query.value("description", ""),
        level: query.value("level", "beginner"),
        platform: query.value("platform", "zoom"),
        // Never from the URL (see `api::admin::formation_keep`).
        meeting_link: String::new(),
        meeting_id: String::new(),
        meeting_password: String::new(),
        instructor_name: query.value("instructor_name", ""),
        schedule_description: query.value("schedule_description", ""),
        timezone: query.value("timezone", "Europe/Paris"),
        certificate_min_attendance: query.value("certificate_min_attendance", "0"),
        zoom_min_presence: query.value(
            "zoom_min_presence",
            &crate::domain::attendance::DEFAULT_MIN_PRESENCE.to_string(),
        ),
        zoom_auto_meetings: !query.value("zoom_auto_meetings", "").is_empty(),
        offer: crate::domain::admin::OfferInput {
            price: query.value("price", ""),
            currency: query.value("currency", "EUR"),
            starts_on: query.value("starts_on", ""),
            ends_on: query.value("ends_on", ""),
            seats: query.value("seats", ""),
            payment_instructions: query.value("payment_instructions", ""),
        },
    };
    view! {
        <Title text=t("admin-formation-new") />
        <p class="breadcrumb">
            <a href="/admin/formations">{t("admin-formations-title")}</a>
            {format!(" › {}", t("admin-formation-new-crumb"))}
        </p>
        <h1>{t("admin-formation-new")}</h1>
        <ActionForm action=create attr:class="admin-form">
            <FormationFields values error />
            <button type="submit" disabled=move || create.pending().get()>{t("admin-formation-create")}</button>
        </ActionForm>
    }
}
