//! The HTML shell and the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute, SsrMode};

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
                <link rel="stylesheet" id="leptos" href=stylesheet() />
                <AutoReload options=options.clone() />
                <Hydration />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Loads the WebAssembly and hydrates the page, as Leptos'
/// `HydrationScripts` does, with three differences:
/// - the file names come from the state, read once at start-up, where
///   `HydrationScripts` reads `hash.txt` from disk on every render;
/// - no `<link rel="preload">` of the WebAssembly: fetched beside the
///   stylesheet, the module's 460 KB shared the bandwidth of the first
///   paint, and Lighthouse's simulation counted its download before the
///   largest paint (3.8 s → 1.0–1.3 s, README "Performance");
/// - the module script fetches the WebAssembly itself, as it starts, and
///   hands the pending answer to the glue (wasm-bindgen's init awaits a
///   `Response` as it would a URL). A module script runs once the page is
///   parsed and its stylesheet loaded, so the download still follows the
///   first paint's needs, but it no longer waits for the glue and then the
///   splitter's loader (which the glue imports) to arrive and run: two
///   round trips less before the largest file starts (README).
#[component]
fn Hydration() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let state = expect_context::<crate::server::http::AppState>();
        // The lazily loaded pages name their chunks from this.
        if let Some(split) = state.assets.split() {
            provide_context(split.clone());
        }
        let script = format!(
            "const wasm = fetch({wasm:?});import({js:?}).then(glue => glue.default({{module_or_path: wasm}}).then(() => glue.hydrate()));",
            js = state.assets.script(),
            wasm = state.assets.wasm(),
        );
        view! {
            <link rel="modulepreload" href=state.assets.script().to_string() />
            <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script>
        }
        .into_any()
    }
    #[cfg(not(feature = "ssr"))]
    ().into_any()
}

/// The stylesheet's URL: its hashed name in a release build. Read from the
/// state once per process, not from `hash.txt` on every page as Leptos'
/// `HashedStylesheet` would.
fn stylesheet() -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<crate::server::http::AppState>() {
        return state.assets.stylesheet().to_string();
    }
    format!("/{}/{}.css", "pkg", "formations")
}

/// Pages whose code the browser fetches when one is first shown (a build
/// with `--split`, `.ci/build`): the admin area, and the learner pages
/// opened now and then (account, preferences, agenda, notices, the links of
/// account mails). The pages a learner opens every day stay in the main
/// module: each lazy page is a split point, and the splitter gives every
/// set of split points that share code a file of its own, so splitting
/// those too made a first visit fetch 222 files (8.8 s to interactive on a
/// simulated mobile connection). Each page's data starts loading in its own
/// component, once its code is there.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident,)*) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    SignupRoute => SignupPage,
    ForgotPasswordRoute => ForgotPasswordPage,
    ResendConfirmationRoute => ResendConfirmationPage,
    ResetPasswordRoute => ResetPasswordPage,
    ConfirmEmailRoute => ConfirmEmailPage,
    CertificateRoute => CertificatePage,
    UnsubscribeRoute => UnsubscribePage,
    AccountRoute => AccountPage,
    ReminderPreferencesRoute => ReminderPreferencesPage,
    AgendaRoute => AgendaPage,
    NotificationsRoute => NotificationsPage,
    AdminArea => AdminLayout,
    AdminHomeRoute => AdminHomePage,
    AdminFormationsRoute => AdminFormationsPage,
    AdminFormationNewRoute => AdminFormationNewPage,
    AdminFormationEditRoute => AdminFormationEditPage,
    AdminSeancesRoute => AdminSeancesPage,
    AdminEnrollmentsRoute => AdminEnrollmentsPage,
    AdminAttendanceRoute => AdminAttendancePage,
    AdminCertificatesRoute => AdminCertificatesPage,
    AdminSeanceEditRoute => AdminSeanceEditPage,
    AdminRequestsRoute => AdminRequestsPage,
    AdminDeliveriesRoute => AdminDeliveriesPage,
    AdminAuditRoute => AdminAuditPage,
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
        <Title formatter=move |title| format!("{title} · {site}") />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/signup") view={Lazy::<SignupRoute>::new()} />
                <Route path=path!("/logout") view=LogoutPage />
                <Route path=path!("/mot-de-passe-oublie") view={Lazy::<ForgotPasswordRoute>::new()} />
                <Route path=path!("/renvoyer-confirmation") view={Lazy::<ResendConfirmationRoute>::new()} />
                <Route path=path!("/reinitialiser/:token") view={Lazy::<ResetPasswordRoute>::new()} />
                <Route path=path!("/confirmer/:token") view={Lazy::<ConfirmEmailRoute>::new()} />
                // Public: an employer checks a certificate without an account.
                <Route path=path!("/certificats/:code") view={Lazy::<CertificateRoute>::new()} ssr=SsrMode::Async />
                // Public: the unsubscribe link of a reminder mail (its token
                // is the proof).
                <Route path=path!("/rappels/desabonner/:token") view={Lazy::<UnsubscribeRoute>::new()} ssr=SsrMode::Async />
                <ParentRoute path=path!("/compte") view=UserLayout ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/rappels") view={Lazy::<ReminderPreferencesRoute>::new()} ssr=SsrMode::Async />
                </ParentRoute>
                // Async rendering: the whole page, data included, arrives as
                // plain HTML, so it also works with JavaScript off.
                <ParentRoute path=path!("/user") view=UserLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/formations") view=FormationsPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/next") view=NextSeancesPage ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id") view=SeancesPage ssr=SsrMode::Async />
                    <Route path=path!("/agenda") view={Lazy::<AgendaRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async />
                </ParentRoute>
                <ParentRoute path=path!("/formations") view=UserLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=CataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/:id") view=CatalogueFormationPage ssr=SsrMode::Async />
                </ParentRoute>
                // The admin area: the page guard answers 403 to learners and
                // every admin server function checks the role again.
                <ParentRoute path=path!("/admin") view={Lazy::<AdminArea>::new()} ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<AdminHomeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/formations") view={Lazy::<AdminFormationsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/formations/nouvelle") view={Lazy::<AdminFormationNewRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id") view={Lazy::<AdminFormationEditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/seances") view={Lazy::<AdminSeancesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/inscriptions") view={Lazy::<AdminEnrollmentsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/presences") view={Lazy::<AdminAttendanceRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/formations/:id/certificats") view={Lazy::<AdminCertificatesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/seances/:id") view={Lazy::<AdminSeanceEditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/demandes") view={Lazy::<AdminRequestsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/envois") view={Lazy::<AdminDeliveriesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/audit") view={Lazy::<AdminAuditRoute>::new()} ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
