//! The HTTP application: state, router, middleware and the listener.

use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::extract::FromRef;
use axum::http::Request;
use axum::middleware;
use axum::serve::ListenerExt;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler, generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::app::{shell, App};
use crate::server::auth;
use crate::server::config::Config;
use crate::server::db::Db;
use crate::server::rest;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub mailer: crate::server::mail::Mailer,
}

#[derive(Debug)]
pub struct Settings {
    pub cookie_secure: bool,
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
}

fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("formations")
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build()
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

pub fn router(state: AppState) -> Router {
    let routes = routes();
    let request_id_header = axum::http::HeaderName::from_static("x-request-id");
    Router::new()
        .route(
            "/",
            axum::routing::get(|| async { axum::response::Redirect::to("/user") }),
        )
        .merge(rest::router())
        .merge(crate::server::admin_export::router())
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(auth::require_login_for_pages))
        .layer(middleware::from_fn_with_state(state.clone(), auth::resolve_session))
        .layer(middleware::from_fn(auth::require_same_origin))
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

impl Application {
    /// Binds the listener (port 0 picks a free one, for tests) and builds the
    /// router on an already migrated database.
    pub async fn build(config: &Config, db: Db) -> std::io::Result<Application> {
        let state = AppState {
            leptos_options: leptos_options(config),
            db,
            settings: Arc::new(Settings {
                cookie_secure: config.cookie_secure,
            }),
            mailer: crate::server::mail::Mailer::new(&config.mail)
                .map_err(std::io::Error::other)?,
        };
        tracing::info!("{}", state.mailer.describe());
        let listener = TcpListener::bind(config.site_addr).await?;
        let port = listener.local_addr()?.port();
        Ok(Application {
            listener,
            router: router(state),
            port,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Without TCP_NODELAY each streamed SSR chunk waits for Nagle's delayed
        // ACK (~40 ms here); with it a minimal page went from 766 to 7,330 req/s.
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        axum::serve(listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
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
