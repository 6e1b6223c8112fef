//! Outgoing mail, once for the whole product: account mails today,
//! certificates and reminders later. SMTP when `FORMATIONS_SMTP_URL` is set
//! (lettre's URL syntax), else every mail is written as an `.eml` file into a
//! folder, so the embedded default works with no set-up at all.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderMap};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::i18n::{current, tr};
use crate::server::db::redact;

pub const DEFAULT_FROM: &str = "Formations <no-reply@localhost>";

/// A dead SMTP server must not keep a sending task alive for lettre's default
/// minute; the mail is logged as failed instead.
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Where mail goes, from the environment.
#[derive(Clone)]
pub struct MailConfig {
    pub transport: MailTransport,
    pub from: Mailbox,
}

#[derive(Clone)]
pub enum MailTransport {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://…`, or
    /// `smtp://host:port` (plain SMTP, for a relay on the same host).
    Smtp { url: String },
    /// One `.eml` file per mail in this folder.
    Folder(PathBuf),
}

/// The URL carries the SMTP password: Debug shows it redacted.
impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("transport", &self.describe())
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl MailConfig {
    /// `FORMATIONS_SMTP_URL`, `FORMATIONS_MAIL_DIR` and `FORMATIONS_MAIL_FROM`;
    /// without any of them, `mail/` next to the SQLite database file (in the
    /// working directory for PostgreSQL).
    pub fn from_env(database_url: &str) -> Result<MailConfig, String> {
        let var = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
        let from = var("FORMATIONS_MAIL_FROM").unwrap_or_else(|| DEFAULT_FROM.into());
        let transport = match var("FORMATIONS_SMTP_URL") {
            Some(url) => MailTransport::Smtp {
                url: url.trim().to_string(),
            },
            None => MailTransport::Folder(
                var("FORMATIONS_MAIL_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| default_mail_dir(database_url)),
            ),
        };
        MailConfig::new(transport, &from)
    }

    /// Checks the sender and the SMTP URL now, so a typo stops the program at
    /// start-up with one line (in the command's language) rather than
    /// failing at the first mail.
    pub fn new(transport: MailTransport, from: &str) -> Result<MailConfig, String> {
        let lang = current();
        let from: Mailbox = from
            .trim()
            .parse()
            .map_err(|_| tr(lang, "cli-mail-from-invalid", &[("from", from.into())]))?;
        if let MailTransport::Smtp { url } = &transport {
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|err| {
                tr(
                    lang,
                    "cli-smtp-url-unusable",
                    &[
                        ("url", (&redact(url)).into()),
                        ("reason", (&err.to_string()).into()),
                    ],
                )
            })?;
        }
        Ok(MailConfig { transport, from })
    }

    /// Where mail goes, without the SMTP password: for the start-up log line.
    pub fn describe(&self) -> String {
        match &self.transport {
            MailTransport::Smtp { url } => format!("mail is sent through {}", redact(url)),
            MailTransport::Folder(dir) => format!(
                "no FORMATIONS_SMTP_URL: mail is written as .eml files into {}",
                dir.display()
            ),
        }
    }
}

/// `mail/` beside the SQLite file, so the demo's mails sit next to its data.
fn default_mail_dir(database_url: &str) -> PathBuf {
    let Some(rest) = database_url.strip_prefix("sqlite:") else {
        return PathBuf::from("mail");
    };
    let path = rest.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return PathBuf::from("mail");
    }
    match Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join("mail"),
        _ => PathBuf::from("mail"),
    }
}

/// One mail: a plain-text part and its HTML twin.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// From [`Mailer::message_id`]: the same mail about the same thing has
    /// the same id, so a relay or a mailbox can drop a duplicate.
    pub message_id: String,
    /// Files sent with it (a certificate's PDF).
    pub attachments: Vec<Attachment>,
    /// The one-click unsubscribe URL of a mail the learner may stop (a
    /// reminder): sent as `List-Unsubscribe` with `List-Unsubscribe-Post`
    /// (RFC 8058), so the mailbox offers "unsubscribe" and POSTs it.
    pub list_unsubscribe: Option<String>,
}

/// A file attached to a mail.
#[derive(Clone)]
pub struct Attachment {
    pub filename: String,
    /// e.g. `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid recipient address")]
    Recipient,
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing the .eml file: {0}")]
    File(#[from] lettre::transport::file::Error),
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>),
}

/// Sends mail; cheap to clone, held in the application state.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    from: Mailbox,
    description: String,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, String> {
        let transport = match &config.transport {
            MailTransport::Smtp { url } => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|err| format!("FORMATIONS_SMTP_URL: {err}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
            MailTransport::Folder(dir) => {
                std::fs::create_dir_all(dir).map_err(|err| {
                    let lang = current();
                    tr(
                        lang,
                        "cli-mail-folder",
                        &[
                            ("dir", (&dir.display().to_string()).into()),
                            ("reason", (&err.to_string()).into()),
                        ],
                    )
                })?;
                Transport::Folder(AsyncFileTransport::new(dir))
            }
        };
        Ok(Mailer {
            inner: Arc::new(Inner {
                transport,
                from: config.from.clone(),
                description: config.describe(),
            }),
        })
    }

    /// Where mail goes (no password), for the start-up log line.
    pub fn describe(&self) -> &str {
        &self.inner.description
    }

    /// A Message-ID made of what the mail is about (e.g. `reset.<token
    /// hash prefix>`) and the sender's domain.
    pub fn message_id(&self, about: &str) -> String {
        format!("<{about}@{}>", self.inner.from.email.domain())
    }

    /// Sends one mail and waits for the SMTP server (or the disk) to take it.
    pub async fn send(&self, mail: OutgoingMail) -> Result<(), MailError> {
        let to: Mailbox = mail.to.parse().map_err(|_| MailError::Recipient)?;
        // Quoted-printable for both parts: readable raw, and lines stay short.
        let part = |kind: ContentType, content: String| {
            SinglePart::builder().header(kind).body(
                Body::new_with_encoding(content, ContentTransferEncoding::QuotedPrintable)
                    .unwrap_or_else(Body::new),
            )
        };
        let alternative = MultiPart::alternative()
            .singlepart(part(ContentType::TEXT_PLAIN, mail.text))
            .singlepart(part(ContentType::TEXT_HTML, mail.html));
        let body = if mail.attachments.is_empty() {
            alternative
        } else {
            let mut mixed = MultiPart::mixed().multipart(alternative);
            for file in mail.attachments {
                let kind = ContentType::parse(&file.content_type)
                    .map_err(|err| MailError::Build(err.to_string()))?;
                mixed = mixed.singlepart(
                    lettre::message::Attachment::new(file.filename).body(file.bytes, kind),
                );
            }
            mixed
        };
        let mut builder = Message::builder()
            .from(self.inner.from.clone())
            .to(to)
            .subject(mail.subject)
            .message_id(Some(mail.message_id));
        if let Some(url) = mail.list_unsubscribe {
            use lettre::message::header::{HeaderName, HeaderValue};
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        let message = builder
            .multipart(body)
            .map_err(|err| MailError::Build(err.to_string()))?;
        match &self.inner.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Folder(folder) => {
                folder.send(message).await?;
            }
        }
        Ok(())
    }

    /// Sends in a task of its own: the request that caused the mail answers
    /// at once, the same way whether the mail went, failed or was never due
    /// (so timing says nothing about an address), and a failing SMTP server
    /// is logged, never turned into an error page.
    pub fn send_in_background(&self, mail: OutgoingMail) {
        let mailer = self.clone();
        tokio::spawn(async move {
            let message_id = mail.message_id.clone();
            match mailer.send(mail).await {
                Ok(()) => tracing::info!(%message_id, "mail sent"),
                Err(err) => tracing::error!(%message_id, error = %err, "mail not sent"),
            }
        });
    }
}

/// The scheme and host links start with when `FORMATIONS_PUBLIC_URL` is not
/// set (see `Settings::base_url`, the one entry point): the request's `Host`,
/// refused when it could carry anything but an authority.
pub fn site_base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && !h.contains(['/', ' ', '\r', '\n']))
        .unwrap_or("localhost");
    format!("http://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_folder_sits_next_to_the_sqlite_file() {
        assert_eq!(
            default_mail_dir("sqlite://data/formations.db?mode=rwc"),
            PathBuf::from("data/mail")
        );
        assert_eq!(
            default_mail_dir("sqlite:///var/lib/f/x.db"),
            PathBuf::from("/var/lib/f/mail")
        );
        assert_eq!(
            default_mail_dir("sqlite://formations.db"),
            PathBuf::from("mail")
        );
        assert_eq!(default_mail_dir("sqlite::memory:"), PathBuf::from("mail"));
        assert_eq!(default_mail_dir("postgres://u@h/db"), PathBuf::from("mail"));
    }

    #[test]
    fn the_smtp_password_is_never_shown() {
        let config = MailConfig::new(
            MailTransport::Smtp {
                url: "smtp://bob:hunter2@mail.example.com:587?tls=required".into(),
            },
            DEFAULT_FROM,
        )
        .unwrap();
        let shown = format!("{config:?} {}", config.describe());
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("mail.example.com"), "{shown}");
    }

    #[test]
    fn a_bad_smtp_url_or_sender_is_refused_at_start_up() {
        let bad_url = MailConfig::new(
            MailTransport::Smtp {
                url: "smtp://host:25?tls=sometimes".into(),
            },
            DEFAULT_FROM,
        );
        assert!(bad_url.unwrap_err().contains("FORMATIONS_SMTP_URL"));
        let bad_from = MailConfig::new(MailTransport::Folder("mail".into()), "not an address");
        assert!(bad_from.unwrap_err().contains("FORMATIONS_MAIL_FROM"));
    }

    #[test]
    fn plain_smtp_needs_no_tls() {
        assert!(MailConfig::new(
            MailTransport::Smtp {
                url: "smtp://127.0.0.1:2525".into()
            },
            DEFAULT_FROM
        )
        .is_ok());
    }

    #[test]
    fn mail_links_start_with_the_host_of_the_request() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "formations.example:3000".parse().unwrap());
        assert_eq!(site_base_url(&headers), "http://formations.example:3000");
    }
}
