use leptos::prelude::*;

use crate::api::admin::admin_get_dashboard;
use crate::i18n::{t, t_with};
use crate::ui::components::data_table::DataTable;
use crate::ui::components::loaded::Loaded;
use crate::ui::components::local_time::LocalTime;
use crate::ui::components::page_heading::PageHeading;
use crate::ui::components::titled_section::TitledSection;

/// The admin dashboard: enrollments by effective status, pending payments,
/// this week's sessions.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| admin_get_dashboard());
    view! {
        <PageHeading heading=t("admin-dashboard-title") tab=t("admin-dashboard-tab") />
        <Loaded data=dashboard plain=true let:d>
            <TitledSection id="counts-h" title=t("admin-enrollments-title")>
                <ul class="stat-cards">
                    <li class="stat stat-active"><span class="stat-value">{d.active}</span>{format!(" {}", t("admin-dashboard-active"))}</li>
                    <li class="stat stat-upcoming"><span class="stat-value">{d.upcoming}</span>{format!(" {}", t("admin-dashboard-upcoming"))}</li>
                    <li class="stat stat-completed"><span class="stat-value">{d.completed}</span>{format!(" {}", t("admin-dashboard-completed"))}</li>
                    <li class="stat stat-cancelled"><span class="stat-value">{d.cancelled}</span>{format!(" {}", t("admin-dashboard-cancelled"))}</li>
                </ul>
                <p>
                    <a href="/admin/demandes">{t_with("admin-dashboard-pending", &[("count", d.pending_requests.into())])}</a>
                    " · "
                    <a href="/admin/formations">{t_with("admin-dashboard-formations", &[("count", d.formations.into())])}</a>
                </p>
            </TitledSection>
            <TitledSection id="week-h" title=t("admin-dashboard-week")>
                <DataTable
                    caption=t("admin-dashboard-week")
                    columns=[t("admin-dashboard-date"), t("admin-formation"), t("admin-dashboard-session")]
                    empty=t("admin-dashboard-week-empty")
                    rows=d.week_sessions
                    row=|s| view! {
                        <tr>
                            <td><LocalTime at=s.at timezone=s.timezone /></td>
                            <td><a href=format!("/admin/formations/{}/seances", s.formation_id)>{s.formation_name}</a></td>
                            <td>{format!("{}. {}", s.number, s.title)}</td>
                        </tr>
                    }
                />
            </TitledSection>
        </Loaded>
    }
}
