use leptos::prelude::*;

use crate::domain::admin::FormationInput;
use crate::error::AppError;
use crate::i18n::t;
use crate::ui::components::admin::select_field::SelectField;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::admin::words::{level_options, platform_options};
use crate::ui::components::field_error::FieldError;

/// `<option>`s of the zones an admin picks from. The names are IANA
/// identifiers (letters, digits, `/_-+`): nothing to escape.
fn zone_options() -> String {
    crate::domain::formation::timezone_choices()
        .into_iter()
        .filter(|name| {
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_-+".contains(&b))
        })
        .map(|name| format!("<option value=\"{name}\"></option>"))
        .collect()
}

/// The inputs of a formation, shared by the create and edit forms.
#[component]
pub fn FormationFields(
    values: FormationInput,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let timezone = if values.timezone.is_empty() {
        "Europe/Paris".to_string()
    } else {
        values.timezone.clone()
    };
    view! {
        <TextField id="name".into() label=t("admin-formation-name") name="name" value=values.name required=true error />
        <div class="field">
            <label for="description">{t("admin-formation-description")}</label>
            <textarea id="description" name="description" rows="3">{values.description}</textarea>
        </div>
        <SelectField id="level".into() label=t("admin-formation-level") name="level" options=level_options() selected=values.level error />
        <SelectField id="platform".into() label=t("admin-formation-platform") name="platform" options=platform_options() selected=values.platform error />
        <TextField
            id="meeting_link".into()
            label=t("admin-formation-link")
            name="meeting_link"
            value=values.meeting_link
            kind="url"
            required=!values.zoom_auto_meetings
            hint=t("admin-formation-link-hint")
            error
        />
        <TextField id="meeting_id".into() label=t("admin-formation-meeting-id") name="meeting_id" value=values.meeting_id error />
        <TextField
            id="meeting_password".into()
            label=t("admin-formation-meeting-password")
            name="meeting_password"
            value=values.meeting_password
            error
        />
        <TextField id="instructor_name".into() label=t("admin-formation-instructor") name="instructor_name" value=values.instructor_name required=true error />
        <TextField
            id="schedule_description".into()
            label=t("admin-formation-schedule")
            name="schedule_description"
            value=values.schedule_description
            required=true
            placeholder=t("admin-formation-schedule-placeholder")
            error
        />
        <TextField
            id="timezone".into()
            label=t("admin-formation-timezone")
            name="timezone"
            value=timezone
            required=true
            hint=t("admin-formation-timezone-hint")
            list="timezones"
            error
        />
        // Picked from a list that narrows as one types (the browser's own,
        // so it works without JavaScript too). Written as HTML: hydration
        // keeps the server's ~400 options instead of walking them, and a
        // page drawn in the browser lists the zones the browser knows.
        <datalist id="timezones" inner_html=zone_options() />
        <TextField
            id="certificate_min_attendance".into()
            label=t("certificates-min-attendance")
            name="certificate_min_attendance"
            value=values.certificate_min_attendance
            kind="number"
            hint=t("certificates-min-attendance-hint")
            error
        />
        <TextField
            id="zoom_min_presence".into()
            label=t("admin-formation-zoom-min-presence")
            name="zoom_min_presence"
            value=values.zoom_min_presence
            kind="number"
            hint=t("admin-formation-zoom-min-presence-hint")
            error
        />
        <fieldset class="offer">
            <legend>{t("admin-offer")}</legend>
            <TextField id="price".into() label=t("admin-offer-price") name="price" value=values.offer.price.clone() hint=t("admin-offer-price-hint") error />
            <SelectField
                id="currency".into()
                label=t("admin-offer-currency")
                name="currency"
                options=crate::domain::price::CURRENCIES.iter().map(|c| (*c, c.to_string())).collect()
                selected=values.offer.currency.clone()
                error
            />
            <TextField id="starts_on".into() label=t("admin-offer-starts") name="starts_on" kind="date" value=values.offer.starts_on.clone() error />
            <TextField id="ends_on".into() label=t("admin-offer-ends") name="ends_on" kind="date" value=values.offer.ends_on.clone() error />
            <TextField id="seats".into() label=t("admin-offer-seats") name="seats" kind="number" value=values.offer.seats.clone() hint=t("admin-offer-seats-hint") error />
            <div class="field">
                <label for="payment_instructions">{t("admin-offer-payment")}</label>
                <textarea id="payment_instructions" name="payment_instructions" rows="4" aria-describedby="payment_instructions-hint">{values.offer.payment_instructions.clone()}</textarea>
                <p class="hint" id="payment_instructions-hint">{t("admin-offer-payment-hint")}</p>
                <FieldError error field="payment_instructions" />
            </div>
        </fieldset>
        <div class="field checkbox">
            <input
                type="checkbox"
                id="zoom_auto_meetings"
                name="zoom_auto_meetings"
                checked=values.zoom_auto_meetings
                aria-describedby="zoom_auto_meetings-hint"
            />
            <label for="zoom_auto_meetings">{t("admin-formation-zoom-auto")}</label>
            <p class="hint" id="zoom_auto_meetings-hint">{t("admin-formation-zoom-auto-hint")}</p>
            <FieldError error field="zoom_auto_meetings" />
        </div>
        <FieldError error />
    }
}
