//! Configuration from the environment; every key is documented in README.md.

use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: String,
    /// The hashes a release build gave the app's files (`hash.txt` beside
    /// the binary, or `LEPTOS_HASH_FILE_NAME`); `None` keeps plain names.
    pub hash_file: Option<std::path::PathBuf>,
    /// Adds `Secure` to the session cookie; set it when served over HTTPS.
    pub cookie_secure: bool,
    /// Where people reach the site (`FORMATIONS_PUBLIC_URL`), when it is not
    /// what the request's `Host` says (behind a proxy).
    pub public_url: Option<PublicUrl>,
    /// Proxies whose `X-Forwarded-For` is believed (`FORMATIONS_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// A session unused this long is over (`FORMATIONS_SESSION_IDLE_MINUTES`).
    pub session_idle_minutes: i64,
    /// How long an instance reuses a session lookup (0: never), the longest
    /// a revocation made on another instance takes to reach this one.
    pub session_cache_seconds: u64,
    /// Where mail goes (see `server::mail`).
    pub mail: crate::server::mail::MailConfig,
    /// The organisation named on certificates (`FORMATIONS_ORG_NAME`).
    pub org_name: String,
    /// Whether `serve` runs the periodic tasks (`FORMATIONS_BACKGROUND`,
    /// `off` for benchmarks and maintenance).
    pub background: bool,
    /// Who signs the Web Push messages (`FORMATIONS_VAPID_SUBJECT`, a
    /// `mailto:` or `https:` URL push services may write to); `None` is
    /// `mailto:` the mail's sender.
    pub vapid_subject: Option<String>,
    /// Zoom: the webhook's secret token (`FORMATIONS_ZOOM_WEBHOOK_SECRET`).
    pub zoom: ZoomConfig,
}

/// What the platform needs of Zoom. The secret never prints.
#[derive(Clone, Default)]
pub struct ZoomConfig {
    /// The "Secret Token" of the Zoom app's event subscription: without it
    /// `POST /webhooks/zoom` does not exist (404).
    pub webhook_secret: Option<String>,
    /// The Server-to-Server OAuth app that creates meetings; without it
    /// automatic meetings wait (and the admin area says how to turn it on).
    pub api: Option<ZoomApiConfig>,
}
crate::debug_redacted!(ZoomConfig { api } hide { webhook_secret });

/// Zoom's meetings API: the app's credentials, the host, and where Zoom is
/// (any http(s) base, such as a loopback server in tests).
#[derive(Clone)]
pub struct ZoomApiConfig {
    pub account_id: String,
    pub client_id: String,
    pub client_secret: String,
    /// The Zoom user (id or e-mail) who hosts the meetings; `me` is the
    /// app's owner.
    pub host_user: String,
    /// `https://zoom.us`, where `/oauth/token` is.
    pub oauth_url: String,
    /// `https://api.zoom.us/v2`.
    pub api_url: String,
}
crate::debug_redacted!(ZoomApiConfig { account_id, client_id, host_user, oauth_url, api_url } hide { client_secret });

pub const DEFAULT_ZOOM_OAUTH_URL: &str = "https://zoom.us";
pub const DEFAULT_ZOOM_API_URL: &str = "https://api.zoom.us/v2";

/// A Zoom base URL as configured: http(s) with a host, no query, no
/// trailing slash (paths are appended to it).
fn zoom_base(variable: &str, value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    match url::Url::parse(trimmed) {
        Ok(url)
            if matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some()
                && url.query().is_none()
                && url.fragment().is_none() =>
        {
            Ok(trimmed.to_string())
        }
        _ => Err(words("cli-config-url-scheme", variable, value)),
    }
}

/// The Zoom API's settings from the environment: all three credentials, or
/// none (the feature is off); one or two of them is a mistake said aloud.
pub fn zoom_api_from(
    var: impl Fn(&str) -> Option<String>,
) -> Result<Option<ZoomApiConfig>, String> {
    let names = [
        "FORMATIONS_ZOOM_ACCOUNT_ID",
        "FORMATIONS_ZOOM_CLIENT_ID",
        "FORMATIONS_ZOOM_CLIENT_SECRET",
    ];
    let values: Vec<Option<String>> = names
        .iter()
        .map(|name| var(name).map(|v| v.trim().to_string()))
        .collect();
    let [Some(account_id), Some(client_id), Some(client_secret)] = values.as_slice() else {
        if let Some(missing) = names
            .iter()
            .zip(&values)
            .find(|(_, v)| v.is_none())
            .filter(|_| values.iter().any(Option::is_some))
        {
            return Err(words("cli-config-zoom-partial", missing.0, ""));
        }
        return Ok(None);
    };
    Ok(Some(ZoomApiConfig {
        account_id: account_id.clone(),
        client_id: client_id.clone(),
        client_secret: client_secret.clone(),
        host_user: var("FORMATIONS_ZOOM_HOST_USER")
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| "me".into()),
        oauth_url: zoom_base(
            "FORMATIONS_ZOOM_OAUTH_URL",
            &var("FORMATIONS_ZOOM_OAUTH_URL").unwrap_or_else(|| DEFAULT_ZOOM_OAUTH_URL.into()),
        )?,
        api_url: zoom_base(
            "FORMATIONS_ZOOM_API_URL",
            &var("FORMATIONS_ZOOM_API_URL").unwrap_or_else(|| DEFAULT_ZOOM_API_URL.into()),
        )?,
    }))
}

/// The site's public origin: scheme, host and port, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    origin: url::Origin,
    base: String,
}

impl PublicUrl {
    pub fn parse(value: &str) -> Result<PublicUrl, String> {
        let bad = |id: &str| words(id, "FORMATIONS_PUBLIC_URL", value);
        let url = url::Url::parse(value.trim()).map_err(|_| bad("cli-config-url-not-url"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(bad("cli-config-url-scheme"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("cli-config-url-credentials"));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(bad("cli-config-url-origin"));
        }
        let origin = url.origin();
        let base = origin.ascii_serialization();
        Ok(PublicUrl { origin, base })
    }

    pub fn is_https(&self) -> bool {
        self.base.starts_with("https://")
    }

    /// `https://host[:port]`, without a trailing slash: absolute links are
    /// this followed by a path.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// True when `value` (an `Origin` or `Referer` header) is this origin.
    pub fn matches(&self, value: &str) -> bool {
        url::Url::parse(value).is_ok_and(|url| url.origin() == self.origin)
    }
}

/// A setting refused at start, in the language of the command's messages.
fn words(id: &str, variable: &str, value: &str) -> String {
    crate::i18n::tr(
        crate::i18n::current(),
        id,
        &[("variable", variable.into()), ("value", value.into())],
    )
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://formations.db";
pub const DEFAULT_SESSION_IDLE_MINUTES: i64 = 120;
pub const DEFAULT_ORG_NAME: &str = "Formations";

/// `10.0.0.0/8, 192.168.1.7, ::1`: CIDR ranges or single addresses.
pub fn parse_trusted_proxies(value: &str) -> Result<Vec<ipnet::IpNet>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .parse::<ipnet::IpNet>()
                .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| words("cli-config-proxies", "FORMATIONS_TRUSTED_PROXIES", entry))
        })
        .collect()
}

/// Where cargo-leptos wrote the files' hashes: beside the binary, as Leptos
/// looks for them. A name given explicitly must exist; the default may not
/// (a build that kept plain names).
fn hash_file(name: Option<String>) -> Result<Option<std::path::PathBuf>, String> {
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf))
        .unwrap_or_default();
    match name {
        None => {
            let path = beside_binary.join("hash.txt");
            Ok(path.is_file().then_some(path))
        }
        Some(name) => {
            let path = beside_binary.join(name.trim());
            if path.is_file() {
                Ok(Some(path))
            } else {
                Err(words(
                    "cli-config-hash-file",
                    "LEPTOS_HASH_FILE_NAME",
                    &path.display().to_string(),
                ))
            }
        }
    }
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let var = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
        let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let site_addr = site_addr
            .parse()
            .map_err(|_| words("cli-config-address", "LEPTOS_SITE_ADDR", &site_addr))?;
        let cookie_secure = match var("FORMATIONS_COOKIE_SECURE").as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => {
                return Err(words(
                    "cli-config-boolean",
                    "FORMATIONS_COOKIE_SECURE",
                    other,
                ))
            }
        };
        let public_url = var("FORMATIONS_PUBLIC_URL")
            .map(|v| PublicUrl::parse(&v))
            .transpose()?;
        let trusted_proxies =
            parse_trusted_proxies(&var("FORMATIONS_TRUSTED_PROXIES").unwrap_or_default())?;
        let session_idle_minutes = match var("FORMATIONS_SESSION_IDLE_MINUTES") {
            None => DEFAULT_SESSION_IDLE_MINUTES,
            Some(text) => text
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|m| (1..=60 * 24 * 30).contains(m))
                .ok_or_else(|| {
                    words("cli-config-idle", "FORMATIONS_SESSION_IDLE_MINUTES", &text)
                })?,
        };
        let session_cache_seconds = match var("FORMATIONS_SESSION_CACHE_SECONDS") {
            None => crate::server::db::DEFAULT_SESSION_CACHE.as_secs(),
            Some(text) => text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| *s <= 60)
                .ok_or_else(|| {
                    words(
                        "cli-config-session-cache",
                        "FORMATIONS_SESSION_CACHE_SECONDS",
                        &text,
                    )
                })?,
        };
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        let mail = crate::server::mail::MailConfig::from_env(&database_url)?;
        let org_name = var("FORMATIONS_ORG_NAME")
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| DEFAULT_ORG_NAME.into());
        let background = match var("FORMATIONS_BACKGROUND").as_deref().map(str::trim) {
            None | Some("on") | Some("1") | Some("true") => true,
            Some("off") | Some("0") | Some("false") => false,
            Some(other) => return Err(words("cli-config-boolean", "FORMATIONS_BACKGROUND", other)),
        };
        let vapid_subject = var("FORMATIONS_VAPID_SUBJECT")
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .map(|v| {
                if (v.starts_with("mailto:") && v.len() > 7) || PublicUrl::parse(&v).is_ok() {
                    Ok(v)
                } else {
                    Err(words(
                        "cli-config-vapid-subject",
                        "FORMATIONS_VAPID_SUBJECT",
                        &v,
                    ))
                }
            })
            .transpose()?;
        Ok(Config {
            database_url,
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            hash_file: hash_file(var("LEPTOS_HASH_FILE_NAME"))?,
            cookie_secure,
            public_url,
            trusted_proxies,
            session_idle_minutes,
            session_cache_seconds,
            mail,
            org_name,
            background,
            vapid_subject,
            zoom: ZoomConfig {
                webhook_secret: var("FORMATIONS_ZOOM_WEBHOOK_SECRET").map(|v| v.trim().to_string()),
                api: zoom_api_from(var)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_url_is_an_origin() {
        let url = PublicUrl::parse("https://formations.example.org").unwrap();
        assert_eq!(url.base(), "https://formations.example.org");
        assert!(url.is_https());
        assert!(url.matches("https://formations.example.org"));
        assert!(url.matches("https://formations.example.org/login?next=/user"));
        assert!(!url.matches("http://formations.example.org"));
        assert!(!url.matches("https://formations.example.org:8443"));
        assert!(!url.matches("https://evil.example"));
        assert!(!url.matches("null"));
        let port = PublicUrl::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(port.base(), "http://127.0.0.1:8080");
        assert!(!port.is_https());
        assert!(PublicUrl::parse("ftp://x.example").is_err());
        assert!(PublicUrl::parse("https://x.example/app").is_err());
        assert!(PublicUrl::parse("https://u:p@x.example").is_err());
        assert!(PublicUrl::parse("formations.example.org").is_err());
    }

    #[test]
    fn zoom_api_needs_all_three_credentials_and_http_bases() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |key: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(zoom_api_from(env(&[])).unwrap().is_none());
        let err = zoom_api_from(env(&[("FORMATIONS_ZOOM_ACCOUNT_ID", "acc")])).unwrap_err();
        assert!(err.contains("FORMATIONS_ZOOM_CLIENT_ID"), "{err}");
        const ALL: &[(&str, &str)] = &[
            ("FORMATIONS_ZOOM_ACCOUNT_ID", "acc"),
            ("FORMATIONS_ZOOM_CLIENT_ID", "cid"),
            ("FORMATIONS_ZOOM_CLIENT_SECRET", "shh"),
            ("FORMATIONS_ZOOM_API_URL", "http://127.0.0.1:9/v2/"),
        ];
        let api = zoom_api_from(env(ALL)).unwrap().unwrap();
        assert_eq!(api.host_user, "me");
        assert_eq!(api.oauth_url, DEFAULT_ZOOM_OAUTH_URL);
        assert_eq!(api.api_url, "http://127.0.0.1:9/v2");
        assert!(!format!("{api:?}").contains("shh"));
        const BAD: &[(&str, &str)] = &[
            ("FORMATIONS_ZOOM_ACCOUNT_ID", "acc"),
            ("FORMATIONS_ZOOM_CLIENT_ID", "cid"),
            ("FORMATIONS_ZOOM_CLIENT_SECRET", "shh"),
            ("FORMATIONS_ZOOM_OAUTH_URL", "ftp://zoom.us"),
        ];
        assert!(zoom_api_from(env(BAD)).is_err());
    }

    #[test]
    fn trusted_proxies_are_cidr_ranges_or_addresses() {
        assert!(parse_trusted_proxies("").unwrap().is_empty());
        let nets = parse_trusted_proxies("10.0.0.0/8, 127.0.0.1,::1").unwrap();
        assert_eq!(nets.len(), 3);
        assert!(nets[1].contains(&"127.0.0.1".parse::<std::net::IpAddr>().unwrap()));
        let err = parse_trusted_proxies("10.0.0.0/8,nope").unwrap_err();
        assert!(err.contains("« nope »"), "{err}");
        assert!(parse_trusted_proxies("10.0.0.0/33").is_err());
    }
}
