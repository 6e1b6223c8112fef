use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{admin_list_sessions, AdminAddSession, AdminGenerateSessions};
use crate::domain::admin::SessionsView;
use crate::ui::components::admin::form_state::{form_error, successes, QueryForm};
use crate::ui::components::admin::formation_nav::FormationNav;
use crate::ui::components::admin::text_field::TextField;
use crate::ui::components::error_notice::ErrorNotice;
use crate::ui::components::field_error::FieldError;
use crate::ui::hooks::use_route_id;

/// A formation's sessions, a form to add one and a form to generate a series.
#[component]
pub fn AdminSessionsPage() -> impl IntoView {
    let id = use_route_id();
    let add = ServerAction::<AdminAddSession>::new();
    let series = ServerAction::<AdminGenerateSessions>::new();
    let added = successes(add.value());
    let generated = successes(series.value());
    let view_data = Resource::new(
        move || (id.get(), added.get(), generated.get()),
        |(id, _, _)| admin_list_sessions(id),
    );
    view! {
        <Title text="Séances" />
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(data) => view! { <SessionsBody data add series /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionsBody(
    data: SessionsView,
    add: ServerAction<AdminAddSession>,
    series: ServerAction<AdminGenerateSessions>,
) -> impl IntoView {
    let id = data.formation.id;
    let add_query = QueryForm::new("add");
    let add_error = form_error(add.value(), add_query);
    let series_query = QueryForm::new("series");
    let series_error = form_error(series.value(), series_query);
    let created = move || match series.value().get() {
        Some(Ok(n)) => Some(format!("{n} séance(s) créée(s).")),
        _ => None,
    };
    let empty = data.sessions.is_empty();
    view! {
        <FormationNav id name=data.formation.name.clone() />
        <h1>"Séances — " {data.formation.name.clone()}</h1>
        <p class="hint">"Heures dans le fuseau de la formation : " {data.formation.timezone.clone()} ". Les séances sont numérotées par date."</p>
        <Show when=move || created().is_some()>
            <p class="notice" role="status">{created}</p>
        </Show>
        {if empty {
            view! { <p>"Aucune séance pour l'instant."</p> }.into_any()
        } else {
            view! {
                <table class="admin-table sessions-table">
                    <caption class="visually-hidden">"Séances de la formation"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"N°"</th>
                            <th scope="col">"Titre"</th>
                            <th scope="col">"Date et heure"</th>
                            <th scope="col">"Durée"</th>
                            <th scope="col">"Enregistrement"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {data.sessions.into_iter().map(|s| view! {
                            <tr>
                                <td>{s.number}</td>
                                <td>{s.title.clone()}</td>
                                <td><time datetime=s.scheduled_at.clone()>{s.local.replace('T', " ")}</time></td>
                                <td>{format!("{} min", s.duration_minutes)}</td>
                                <td>{if s.recording_link.is_empty() { "—".to_string() } else { "Oui".to_string() }}</td>
                                <td><a href=format!("/admin/seances/{}", s.id) aria-label=format!("Modifier la séance {}", s.number)>"Modifier"</a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <div class="two-forms">
            <section aria-labelledby="add-title-h">
                <h2 id="add-title-h">"Ajouter une séance"</h2>
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
            </section>
            <section aria-labelledby="series-title-h">
                <h2 id="series-title-h">"Générer une série"</h2>
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
            </section>
        </div>
    }
}
