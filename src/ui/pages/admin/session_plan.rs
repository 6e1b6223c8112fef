use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{admin_list_sessions, AdminAddSession, AdminGenerateSessions};
use crate::domain::admin::SeancesView;
use crate::ui::components::admin::form_state::{form_state, successes};
use crate::ui::components::admin::formation_head::FormationHead;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::data_table::DataTable;
use crate::ui::components::field_error::FieldError;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::titled_section::TitledSection;
use crate::ui::hooks::use_route_resource;

/// A formation's sessions, a form to add one and a form to generate a series.
#[component]
pub fn AdminSeancesPage() -> impl IntoView {
    let add = ServerAction::<AdminAddSession>::new();
    let series = ServerAction::<AdminGenerateSessions>::new();
    let added = successes(add.value());
    let generated = successes(series.value());
    let view_data = use_route_resource(move || (added.get(), generated.get()), admin_list_sessions);
    view! {
        <Title text="Séances" />
        <Loaded data=view_data plain=true let:data>
            <SeancePlanBody data add series />
        </Loaded>
    }
}

#[component]
fn SeancePlanBody(
    data: SeancesView,
    add: ServerAction<AdminAddSession>,
    series: ServerAction<AdminGenerateSessions>,
) -> impl IntoView {
    let id = data.formation.id;
    let (add_query, add_error) = form_state("add", add.value());
    let (series_query, series_error) = form_state("series", series.value());
    let created = move || match series.value().get() {
        Some(Ok(n)) => Some(format!("{n} séance(s) créée(s).")),
        _ => None,
    };
    view! {
        <FormationHead id name=data.formation.name.clone() title="Séances" />
        <p class="hint">"Heures dans le fuseau de la formation : " {data.formation.timezone.clone()} ". Les séances sont numérotées par date."</p>
        <Show when=move || created().is_some()>
            <p class="notice" role="status">{created}</p>
        </Show>
        <DataTable
            caption="Séances de la formation"
            class="sessions-table"
            columns=&["N°", "Titre", "Date et heure", "Durée", "Enregistrement"]
            hidden_column="Actions"
            empty="Aucune séance pour l'instant."
            rows=data.sessions
            row=|s| view! {
                <tr>
                    <td>{s.number}</td>
                    <td>{s.title.clone()}</td>
                    <td><time datetime=s.scheduled_at.clone()>{s.local.replace('T', " ")}</time></td>
                    <td>{format!("{} min", s.duration_minutes)}</td>
                    <td>{if s.recording_link.is_empty() { "—".to_string() } else { "Oui".to_string() }}</td>
                    <td><a href=format!("/admin/seances/{}", s.id) aria-label=format!("Modifier la séance {}", s.number)>"Modifier"</a></td>
                </tr>
            }
        />
        <div class="two-forms">
            <TitledSection id="add-title-h" title="Ajouter une séance">
                <ActionForm action=add attr:class="admin-form">
                    <input type="hidden" name="formation_id" value=id />
                    <TextField id="add-title".into() label="Titre" name="title" value=add_query.value("title", "") required=true error=add_error />
                    <TextField id="add-at".into() label="Date et heure" name="scheduled_at" kind="datetime-local" value=add_query.value("scheduled_at", "") required=true error=add_error />
                    <TextField id="add-duration".into() label="Durée (minutes)" name="duration_minutes" kind="number" value=add_query.value("duration_minutes", "120") required=true error=add_error />
                    <TextField id="add-link".into() label="Lien de session propre (facultatif)" name="meeting_link" kind="url" value=String::new() error=add_error />
                    <TextField id="add-recording".into() label="Lien d'enregistrement (facultatif)" name="recording_link" kind="url" value=add_query.value("recording_link", "") error=add_error />
                    <FieldError error=add_error />
                    <button type="submit" disabled=move || add.pending().get()>"Ajouter la séance"</button>
                </ActionForm>
            </TitledSection>
            <TitledSection id="series-title-h" title="Générer une série">
                <ActionForm action=series attr:class="admin-form">
                    <input type="hidden" name="formation_id" value=id />
                    <TextField id="series-title".into() label="Titre des séances" name="title" value=series_query.value("title", "Séance") error=series_error />
                    <TextField id="series-days".into() label="Jours" name="weekdays" value=series_query.value("weekdays", "") required=true hint="Par exemple : mar, jeu (ou Mar-Jeu)." error=series_error />
                    <TextField id="series-time".into() label="Heure de début" name="start_time" kind="time" value=series_query.value("start_time", "19:00") required=true error=series_error />
                    <TextField id="series-duration".into() label="Durée (minutes)" name="duration_minutes" kind="number" value=series_query.value("duration_minutes", "120") required=true error=series_error />
                    <TextField id="series-from".into() label="Du" name="from_date" kind="date" value=series_query.value("from_date", "") required=true error=series_error />
                    <TextField id="series-to".into() label="Au" name="to_date" kind="date" value=series_query.value("to_date", "") required=true error=series_error />
                    <FieldError error=series_error />
                    <button type="submit" disabled=move || series.pending().get()>"Générer les séances"</button>
                </ActionForm>
            </TitledSection>
        </div>
    }
}
