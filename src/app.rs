//! The HTML shell and the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::ui::components::admin::admin_layout::AdminLayout;
use crate::ui::components::user_layout::UserLayout;
use crate::ui::pages::account::AccountPage;
use crate::ui::pages::admin::attendance_grid::AdminAttendancePage;
use crate::ui::pages::admin::audit_log::AdminAuditPage;
use crate::ui::pages::admin::certificate_list::AdminCertificatesPage;
use crate::ui::pages::admin::delivery_list::AdminDeliveriesPage;
use crate::ui::pages::admin::enrollment_list::AdminEnrollmentsPage;
use crate::ui::pages::admin::formation_edit::AdminFormationEditPage;
use crate::ui::pages::admin::formation_list::AdminFormationsPage;
use crate::ui::pages::admin::formation_new::AdminFormationNewPage;
use crate::ui::pages::admin::home::AdminHomePage;
use crate::ui::pages::admin::request_list::AdminRequestsPage;
use crate::ui::pages::admin::session_edit::AdminSeanceEditPage;
use crate::ui::pages::admin::session_plan::AdminSeancesPage;
use crate::ui::pages::agenda::AgendaPage;
use crate::ui::pages::catalogue::{CatalogueFormationPage, CataloguePage};
use crate::ui::pages::certificate::CertificatePage;
use crate::ui::pages::confirm_email::ConfirmEmailPage;
use crate::ui::pages::dashboard::DashboardPage;
use crate::ui::pages::forgot_password::ForgotPasswordPage;
use crate::ui::pages::formations::FormationsPage;
use crate::ui::pages::login::LoginPage;
use crate::ui::pages::logout::LogoutPage;
use crate::ui::pages::next_sessions::NextSeancesPage;
use crate::ui::pages::not_found::NotFound;
use crate::ui::pages::notifications::NotificationsPage;
use crate::ui::pages::reminder_preferences::ReminderPreferencesPage;
use crate::ui::pages::resend_confirmation::ResendConfirmationPage;
use crate::ui::pages::reset_password::ResetPasswordPage;
use crate::ui::pages::sessions::SeancesPage;
use crate::ui::pages::signup::SignupPage;
use crate::ui::pages::unsubscribe::UnsubscribePage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = crate::i18n::request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every component reads its words in the reader's language.
    provide_context(crate::i18n::request_lang());
    let site = crate::i18n::t("learner-site-name");
    // End-to-end tests wait for this marker before clicking.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/formations.css" />
        <Title formatter=move |title| format!("{title} · {site}") />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/signup") view=SignupPage />
                <Route path=path!("/logout") view=LogoutPage />
                <Route path=path!("/mot-de-passe-oublie") view=ForgotPasswordPage />
                <Route path=path!("/renvoyer-confirmation") view=ResendConfirmationPage />
                <Route path=path!("/reinitialiser/:token") view=ResetPasswordPage />
                <Route path=path!("/confirmer/:token") view=ConfirmEmailPage />
                // Public: an employer checks a certificate without an account.
                <Route path=path!("/certificats/:code") view=CertificatePage ssr=SsrMode::Async />
                // Public: the unsubscribe link of a reminder mail (its token
                // is the proof).
                <Route path=path!("/rappels/desabonner/:token") view=UnsubscribePage ssr=SsrMode::Async />
                <ParentRoute path=path!("/compte") view=UserLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/rappels") view=ReminderPreferencesPage ssr=SsrMode::Async />
                </ParentRoute>
                // Async rendering: the whole page, data included, arrives as
                // plain HTML, so it also works with JavaScript off.
                <ParentRoute path=path!("/user") view=UserLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/formations") view=FormationsPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/next") view=NextSeancesPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id") view=SeancesPage ssr=SsrMode::Async />
                    <Route path=path!("/agenda") view=AgendaPage ssr=SsrMode::Async />
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                </ParentRoute>
                <ParentRoute path=path!("/formations") view=UserLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=CataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/:id") view=CatalogueFormationPage ssr=SsrMode::Async />
                </ParentRoute>
                // The admin area: the page guard answers 403 to learners and
                // every admin server function checks the role again.
                <ParentRoute path=path!("/admin") view=AdminLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("/formations") view=AdminFormationsPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/nouvelle") view=AdminFormationNewPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id") view=AdminFormationEditPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/seances") view=AdminSeancesPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/inscriptions") view=AdminEnrollmentsPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/presences") view=AdminAttendancePage ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/certificats") view=AdminCertificatesPage ssr=SsrMode::Async />
                    <Route path=path!("/seances/:id") view=AdminSeanceEditPage ssr=SsrMode::Async />
                    <Route path=path!("/demandes") view=AdminRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/envois") view=AdminDeliveriesPage ssr=SsrMode::Async />
                    <Route path=path!("/audit") view=AdminAuditPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
