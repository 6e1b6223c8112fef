// One argument per form field, as the HTML form posts them (no nesting, so
// the form works without JavaScript); the macro-generated client fn inherits them.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Saves a formation if nobody else saved it since the form was loaded
/// (`version`); otherwise 409 with a message, and nothing is overwritten.
#[server(prefix = "/fn", endpoint = "admin_update_formation")]
pub async fn admin_update_formation(
    id: i64,
    version: i64,
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
) -> Result<(), AppError> {
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
        async |actor, fields| {
            let db = state().db.clone();
            db.update_formation(actor, id, version, fields).await
        },
        |_| format!("/admin/formations/{id}"),
        crate::domain::admin::Flash::FormationSaved,
        &format!("/admin/formations/{id}"),
        Some(&version.to_string()),
    )
    .await
}
