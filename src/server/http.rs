//! The HTTP application: state, router, middleware and the listener.

use std::future::{Future, IntoFuture};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::extract::FromRef;
use axum::http::Request;
use axum::middleware;
use axum::serve::ListenerExt;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, AxumRouteListing, LeptosRoutes,
};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::app::{shell, App};
use crate::error::AppError;
use crate::server::auth;
use crate::server::config::{Config, PublicUrl};
use crate::server::db::Db;
use crate::server::throttle::{ClientLimits, Hashing};
use crate::server::{assets, edge, rest};

/// What every request shares. Cloned for each render, server function and
/// extractor, hence one reference count behind an `Arc` rather than one per
/// field: the clones and drops of the fields took about 4 % of the samples
/// of a page under load (perf).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

pub struct Shared {
    pub leptos_options: LeptosOptions,
    /// The names the build gave the app's files.
    pub assets: assets::Assets,
    pub db: Db,
    pub settings: Arc<Settings>,
    /// Per-address login and sign-up limits, and who the client is.
    pub limits: Arc<ClientLimits>,
    /// The bounded password hasher (the process-wide one but in tests).
    pub hashing: Arc<Hashing>,
    pub mailer: crate::server::mail::Mailer,
    /// What "now" is: the system clock, or a test's.
    pub clock: crate::server::clock::Clock,
    /// The live side of notices: who is listening, and the signals.
    pub hub: Arc<crate::server::notifications::Hub>,
    /// The outgoing HTTP client (push services).
    pub http: reqwest::Client,
    /// The VAPID identity, read (or made) at the first need.
    vapid: Arc<tokio::sync::OnceCell<crate::server::push::Vapid>>,
    vapid_subject: Arc<str>,
    /// Zoom's meetings API, when the server has its credentials.
    pub zoom_api: Option<Arc<crate::server::zoom_api::ZoomApi>>,
    /// Wakes this instance's Zoom worker after an admin's change, so the
    /// admin sees the meeting made without waiting for the next round.
    pub zoom_wake: Arc<tokio::sync::Notify>,
}

#[derive(Debug)]
pub struct Settings {
    pub cookie_secure: bool,
    pub public_url: Option<PublicUrl>,
    /// A session unused this long is over.
    pub session_idle: chrono::Duration,
    /// The organisation named on certificates.
    pub org_name: String,
    /// Zoom's webhook secret (and, later, its API).
    pub zoom: crate::server::config::ZoomConfig,
}

impl Settings {
    /// Served over HTTPS, as far as the configuration says.
    pub fn is_https(&self) -> bool {
        self.public_url.as_ref().is_some_and(PublicUrl::is_https)
    }

    /// Over HTTPS the cookie takes the `__Host-` prefix: browsers then refuse
    /// it unless it is `Secure`, host-only and for `/`, so a sibling
    /// subdomain cannot plant or overwrite it.
    pub fn cookie_name(&self) -> &'static str {
        if self.is_https() {
            "__Host-formations_session"
        } else {
            auth::COOKIE_NAME
        }
    }

    pub fn cookie_secure(&self) -> bool {
        self.cookie_secure || self.is_https()
    }

    /// The start of every absolute link (mails, calendars, certificates):
    /// the configured public URL, else what the request's `Host` says.
    pub fn base_url(&self, headers: &axum::http::HeaderMap) -> String {
        match &self.public_url {
            Some(url) => url.base().to_string(),
            None => crate::server::mail::site_base_url(headers),
        }
    }
}

/// How long a stopping server waits for the answers in flight: longer than
/// any page or export takes, shorter than the 30 s of the request timeout a
/// stalled upload would otherwise run to (and than the time a supervisor
/// gives before it kills).
pub const DRAIN_DEADLINE: Duration = Duration::from_secs(10);

pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
    state: AppState,
}

fn leptos_options(config: &Config) -> LeptosOptions {
    let builder = LeptosOptions::builder()
        .output_name(assets::OUTPUT_NAME)
        .site_root(config.site_root.clone())
        .site_pkg_dir(assets::PKG_DIR)
        .site_addr(config.site_addr);
    match &config.hash_file {
        // Leptos joins the name to the binary's folder: an absolute path
        // (a test's own build) replaces it.
        Some(path) => builder
            .hash_files(true)
            .hash_file(std::sync::Arc::<str>::from(path.display().to_string()))
            .build(),
        None => builder.build(),
    }
}

/// Listing the routes renders the whole app once, and while it runs Leptos
/// raises a process-wide switch that leaves any resource first polled meanwhile
/// pending for ever (leptos-rs/leptos#4773): a page rendered by another app in
/// the same process, as in the tests, never finished. Listing once, before the
/// first router exists, means no render can ever overlap it.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every page path the app routes (`/user/formations/:id`…), for the tests
/// that visit them all.
pub fn page_paths() -> Vec<String> {
    routes().iter().map(|r| r.path().to_string()).collect()
}

pub fn router(state: AppState) -> Router {
    let routes = routes();
    // What every render and server function gets: the state, and the nonce
    // the security-headers middleware made for this response.
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            edge::provide_request_nonce();
        }
    };
    let app = Router::new()
        .route(
            "/",
            axum::routing::get(|| async { axum::response::Redirect::to("/user") }),
        )
        .merge(assets::router(&state.leptos_options.site_root))
        .merge(rest::router())
        .merge(crate::server::admin_export::router())
        .merge(crate::server::language::router())
        .merge(crate::server::reminders::router())
        .merge(crate::server::calendar::router())
        .merge(crate::server::zoom::router())
        .merge(crate::server::attendance_import::router())
        .route(
            "/sw.js",
            axum::routing::get(crate::server::notifications::service_worker),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ));
    with_edge_layers(app, state)
}

/// Everything every answer goes through, around any set of routes (the
/// tests put a deliberately failing route behind the same stack).
pub fn with_edge_layers(app: Router<AppState>, state: AppState) -> Router {
    let request_id_header = axum::http::HeaderName::from_static("x-request-id");
    // The login guard runs inside the language's scope: its 403 page is
    // in the reader's language.
    app.layer(middleware::from_fn_with_state(
        state.clone(),
        auth::require_login_for_pages,
    ))
        .layer(middleware::from_fn(crate::server::language::choose))
        .layer(middleware::from_fn_with_state(state.clone(), auth::resolve_session))
        .layer(middleware::from_fn_with_state(state.clone(), auth::require_same_origin))
        .layer(middleware::from_fn(edge::limit_body))
        // Everything inward (the session, the language's scope, the handler)
        // runs in its own task, to the end even when the client hangs up.
        .layer(middleware::from_fn(edge::run_to_completion))
        .layer(CatchPanicLayer::custom({
            let stylesheet = state.assets.stylesheet().to_string();
            move |err| edge::panic_response(&stylesheet, err)
        }))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            edge::REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), edge::security_headers))
        .layer(middleware::from_fn(edge::mark_reflecting))
        .layer(edge::compression())
        .layer(PropagateRequestIdLayer::new(request_id_header.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<_>| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros)),
        )
        .layer(SetRequestIdLayer::new(request_id_header, MakeRequestUuid))
        .with_state(state)
}

impl AppState {
    /// What every request, the periodic tasks and the CLI's one-off runs
    /// share, from the configuration.
    pub fn new(
        config: &Config,
        db: Db,
        hashing: Arc<Hashing>,
        clock: crate::server::clock::Clock,
    ) -> std::io::Result<AppState> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("formations/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(std::io::Error::other)?;
        Ok(AppState(Arc::new(Shared {
            leptos_options: leptos_options(config),
            assets: assets::Assets::load(config.hash_file.as_deref(), &config.site_root)?,
            db,
            settings: Arc::new(Settings {
                cookie_secure: config.cookie_secure,
                public_url: config.public_url.clone(),
                session_idle: chrono::Duration::minutes(config.session_idle_minutes),
                org_name: config.org_name.clone(),
                zoom: config.zoom.clone(),
            }),
            limits: Arc::new(ClientLimits::new(config.trusted_proxies.clone())),
            hashing,
            mailer: crate::server::mail::Mailer::new(&config.mail)
                .map_err(std::io::Error::other)?,
            clock,
            hub: Arc::default(),
            zoom_api: config
                .zoom
                .api
                .clone()
                .map(|api| Arc::new(crate::server::zoom_api::ZoomApi::new(api, http.clone()))),
            zoom_wake: Arc::default(),
            http,
            vapid: Arc::default(),
            vapid_subject: config
                .vapid_subject
                .clone()
                .unwrap_or_else(|| format!("mailto:{}", config.mail.from.email))
                .into(),
        })))
    }

    /// The VAPID identity every push is signed with: made and stored by the
    /// first instance that needs it, read by the others.
    pub async fn vapid(&self) -> Result<&crate::server::push::Vapid, AppError> {
        self.vapid
            .get_or_try_init(|| {
                crate::server::push::Vapid::load(&self.db, self.vapid_subject.to_string())
            })
            .await
    }
}

impl Application {
    /// Binds the listener (port 0 picks a free one, for tests) and builds the
    /// router on an already migrated database.
    pub async fn build(config: &Config, db: Db) -> std::io::Result<Application> {
        Self::build_with_hashing(config, db, Hashing::global()).await
    }

    /// [`Application::build`] with a hasher of its own, for tests that need
    /// to fill it without touching other tests in the same process.
    pub async fn build_with_hashing(
        config: &Config,
        db: Db,
        hashing: Arc<Hashing>,
    ) -> std::io::Result<Application> {
        Self::build_with(config, db, hashing, crate::server::clock::Clock::real()).await
    }

    /// [`Application::build_with_hashing`] with a clock of its own (tests
    /// set the time).
    pub async fn build_with(
        config: &Config,
        db: Db,
        hashing: Arc<Hashing>,
        clock: crate::server::clock::Clock,
    ) -> std::io::Result<Application> {
        db.set_session_cache(std::time::Duration::from_secs(config.session_cache_seconds));
        let state = AppState::new(config, db, hashing, clock)?;
        tracing::info!("{}", state.mailer.describe());
        // Made at the first start, so every instance signs with one key.
        state.vapid().await.map_err(std::io::Error::other)?;
        let listener = TcpListener::bind(config.site_addr).await?;
        let port = listener.local_addr()?.port();
        Ok(Application {
            listener,
            router: router(state.clone()),
            port,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// Serves until `shutdown` completes, then lets the answers in flight
    /// finish for at most [`DRAIN_DEADLINE`].
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Without TCP_NODELAY each streamed SSR chunk waits for Nagle's delayed
        // ACK (~40 ms here); with it a minimal page went from 766 to 7,330 req/s.
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        // The peer address is what the per-address limits count.
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        let hub = self.state.hub.clone();
        let feeding = hub.start(self.state.db.clone());
        let (signalled, on_signal) = tokio::sync::oneshot::channel::<()>();
        // Live streams never end by themselves: closing them is what lets
        // graceful shutdown finish.
        let shutdown = async move {
            shutdown.await;
            hub.close();
            let _ = signalled.send(());
        };
        let serving = axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .into_future();
        // Graceful shutdown waits for every answer in flight, and an answer
        // can wait on a client that stopped sending its body (up to the
        // request timeout) or on a render that will never end; a stop asked
        // for is a stop within the drain deadline.
        let deadline = async move {
            match on_signal.await {
                Ok(()) => tokio::time::sleep(DRAIN_DEADLINE).await,
                // The server ended before any signal.
                Err(_) => std::future::pending().await,
            }
        };
        let served = tokio::select! {
            served = serving => served,
            () = deadline => {
                tracing::warn!(
                    "stopping with answers still in flight after {} s",
                    DRAIN_DEADLINE.as_secs()
                );
                Ok(())
            }
        };
        feeding.abort();
        served
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

/// Ctrl-C or SIGTERM: stop accepting, let requests in flight finish.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
    // A slow client cannot hold the process forever.
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(20)).await;
        std::process::exit(0);
    });
}
