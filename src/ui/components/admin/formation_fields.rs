use leptos::prelude::*;

use crate::domain::admin::FormationInput;
use crate::domain::formation::{Level, Platform};
use crate::error::AppError;
use crate::ui::components::admin::select_field::SelectField;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::field_error::FieldError;

/// The inputs of a formation, shared by the create and edit forms.
#[component]
pub fn FormationFields(
    values: FormationInput,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let levels: Vec<_> = Level::ALL.iter().map(|l| (l.as_str(), l.label())).collect();
    let platforms: Vec<_> = Platform::ALL
        .iter()
        .map(|p| (p.as_str(), p.label()))
        .collect();
    let timezone = if values.timezone.is_empty() {
        "Europe/Paris".to_string()
    } else {
        values.timezone.clone()
    };
    view! {
        <TextField id="name".into() label="Nom" name="name" value=values.name required=true error />
        <div class="field">
            <label for="description">"Description"</label>
            <textarea id="description" name="description" rows="3">{values.description}</textarea>
        </div>
        <SelectField id="level".into() label="Niveau" name="level" options=levels selected=values.level error />
        <SelectField id="platform".into() label="Plateforme" name="platform" options=platforms selected=values.platform error />
        <TextField
            id="meeting_link".into()
            label="Lien de session"
            name="meeting_link"
            value=values.meeting_link
            kind="url"
            required=true
            hint="https:// sur zoom.us, meet.google.com, teams.microsoft.com ou teams.live.com selon la plateforme."
            error
        />
        <TextField id="meeting_id".into() label="Identifiant de réunion (facultatif)" name="meeting_id" value=values.meeting_id error />
        <TextField
            id="meeting_password".into()
            label="Mot de passe de réunion (facultatif)"
            name="meeting_password"
            value=values.meeting_password
            error
        />
        <TextField id="instructor_name".into() label="Formateur" name="instructor_name" value=values.instructor_name required=true error />
        <TextField
            id="schedule_description".into()
            label="Planning"
            name="schedule_description"
            value=values.schedule_description
            required=true
            placeholder="Mar-Jeu, 19h-21h"
            error
        />
        <TextField
            id="timezone".into()
            label="Fuseau horaire"
            name="timezone"
            value=timezone
            required=true
            hint="Nom IANA, par exemple Europe/Paris ou America/Montreal."
            error
        />
        <FieldError error />
    }
}
