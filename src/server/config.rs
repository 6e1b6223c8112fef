//! Configuration from the environment; every key is documented in README.md.

use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: String,
    /// Adds `Secure` to the session cookie; set it when served over HTTPS.
    pub cookie_secure: bool,
    /// Where mail goes (see `server::mail`).
    pub mail: crate::server::mail::MailConfig,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://formations.db";

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let var = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
        let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let site_addr = site_addr.parse().map_err(|_| {
            format!("LEPTOS_SITE_ADDR '{site_addr}' is not an address like 127.0.0.1:3000")
        })?;
        let cookie_secure = match var("FORMATIONS_COOKIE_SECURE").as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => {
                return Err(format!(
                    "FORMATIONS_COOKIE_SECURE '{other}' must be true or false"
                ))
            }
        };
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        let mail = crate::server::mail::MailConfig::from_env(&database_url)?;
        Ok(Config {
            database_url,
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            cookie_secure,
            mail,
        })
    }
}
