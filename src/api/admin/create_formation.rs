// One argument per form field, as the HTML form posts them (no nesting, so
// the form works without JavaScript); the macro-generated client fn inherits them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Creates a formation; without JavaScript an error comes back to the form
/// with everything typed (but the password) and the message on its field.
#[server(prefix = "/fn", endpoint = "admin_create_formation")]
pub async fn admin_create_formation(
    name: String,
    #[server(default)] description: String,
    #[server(default)] level: String,
    #[server(default)] platform: String,
    #[server(default)] meeting_link: String,
    #[server(default)] meeting_id: String,
    #[server(default)] meeting_password: String,
    #[server(default)] instructor_name: String,
    #[server(default)] schedule_description: String,
    #[server(default)] timezone: String,
    #[server(default)] certificate_min_attendance: String,
    #[server(default)] zoom_min_presence: String,
    #[server(default)] zoom_auto_meetings: String,
    #[server(default)] price: String,
    #[server(default)] currency: String,
    #[server(default)] starts_on: String,
    #[server(default)] ends_on: String,
    #[server(default)] seats: String,
    #[server(default)] payment_instructions: String,
) -> Result<i64, AppError> {
    use crate::domain::admin::FormationInput;
    use crate::server::state;

    let input = FormationInput {
        name,
        description,
        level,
        platform,
        meeting_link,
        meeting_id,
        meeting_password,
        instructor_name,
        schedule_description,
        timezone,
        certificate_min_attendance,
        zoom_min_presence,
        // A checkbox: present ("on") when ticked, absent otherwise.
        zoom_auto_meetings: !zoom_auto_meetings.is_empty(),
        offer: crate::domain::admin::OfferInput {
            price,
            currency,
            starts_on,
            ends_on,
            seats,
            payment_instructions,
        },
    };
    super::formation_form(
        &input,
        // A draft until the admin publishes it: out of the catalogue while
        // its séances and offer are being prepared.
        async |actor, fields| state().db.create_formation_as(actor, fields, true).await,
        |id| format!("/admin/formations/{id}"),
        crate::domain::admin::Flash::FormationCreated,
        "/admin/formations/nouvelle",
        None,
    )
    .await
}
