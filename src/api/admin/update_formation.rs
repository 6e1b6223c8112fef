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
) -> Result<(), AppError> {
    use crate::domain::admin::FormationInput;
    use crate::server::{finish_form, require_admin, state};

    use crate::server::store::audit::Actor;

    let admin = require_admin()?;
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
    };
    let outcome = async {
        let fields = input.check()?;
        state()
            .db
            .update_formation(&Actor::admin(&admin), id, version, &fields)
            .await
    }
    .await;
    let version = version.to_string();
    let mut keep = super::formation_keep(&input);
    keep.push(("version", &version));
    finish_form(
        outcome,
        |_| format!("/admin/formations/{id}?ok=1"),
        &format!("/admin/formations/{id}"),
        &keep,
    )
}
