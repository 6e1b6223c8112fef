//! Account values parsed once at the edge (forms, JSON, CLI).

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Learner,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Admin => "admin",
        }
    }

    pub fn from_stored(value: &str) -> Role {
        if value == "admin" {
            Role::Admin
        } else {
            Role::Learner
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Self, ErrorCode> {
        let value = value.trim().to_lowercase();
        let invalid = || ErrorCode::EmailInvalid;
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
        {
            return Err(invalid());
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(value: &str) -> Result<Self, ErrorCode> {
        let value = value.trim();
        if value.is_empty() {
            return Err(ErrorCode::NameMissing);
        }
        if value.chars().count() > 100 {
            return Err(ErrorCode::NameTooLong);
        }
        Ok(DisplayName(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password in clear, only between the form and the hasher; its Debug
/// output never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 8;

    pub fn parse(value: &str) -> Result<Self, ErrorCode> {
        let count = value.chars().count();
        if count < Self::MIN_CHARS {
            return Err(ErrorCode::PasswordTooShort);
        }
        if count > 128 {
            return Err(ErrorCode::PasswordTooLong);
        }
        Ok(Password(value.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// How long the links sent by mail stay valid.
pub const CONFIRM_LINK_HOURS: i64 = 24;
pub const RESET_LINK_MINUTES: i64 = 30;
pub const EMAIL_CHANGE_LINK_HOURS: i64 = 24;

/// What a single-use link sent by mail is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Confirms the address given at sign-up.
    Confirm,
    /// Sets a new password.
    Reset,
    /// Moves the account to a new address, confirmed by this link.
    EmailChange,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Confirm => "confirm",
            LinkPurpose::Reset => "reset",
            LinkPurpose::EmailChange => "email_change",
        }
    }

    pub fn from_stored(value: &str) -> Option<LinkPurpose> {
        match value {
            "confirm" => Some(LinkPurpose::Confirm),
            "reset" => Some(LinkPurpose::Reset),
            "email_change" => Some(LinkPurpose::EmailChange),
            _ => None,
        }
    }

    /// How long a link of this purpose stays valid.
    pub fn lifetime(self) -> chrono::Duration {
        match self {
            LinkPurpose::Confirm => chrono::Duration::hours(CONFIRM_LINK_HOURS),
            LinkPurpose::Reset => chrono::Duration::minutes(RESET_LINK_MINUTES),
            LinkPurpose::EmailChange => chrono::Duration::hours(EMAIL_CHANGE_LINK_HOURS),
        }
    }
}

/// One open login session of the user, as `/compte` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginSessionView {
    /// Names the session in the "déconnecter" form: a prefix of the stored
    /// token hash, which opens nothing.
    pub key: String,
    /// "Navigateur" or "Application (jeton d'API)", in the reader's language.
    pub kind: String,
    pub device: String,
    /// UTC, RFC 3339.
    pub created_at: String,
    /// The session making this request.
    pub current: bool,
}

/// What `/compte` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub name: String,
    pub email: String,
    pub sessions: Vec<LoginSessionView>,
}

/// A short, readable name for the client that opened a session, from its
/// User-Agent ("Firefox sur Linux" in French); never the raw header.
pub fn device_label(lang: crate::domain::language::Lang, user_agent: Option<&str>) -> String {
    use crate::i18n::tr;
    let Some(ua) = user_agent.map(str::trim).filter(|ua| !ua.is_empty()) else {
        return tr(lang, "auth-device-unknown", &[]);
    };
    let browser = if ua.contains("Edg/") {
        Some("Edge")
    } else if ua.contains("OPR/") {
        Some("Opera")
    } else if ua.contains("Firefox/") {
        Some("Firefox")
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        Some("Chrome")
    } else if ua.contains("Safari/") {
        Some("Safari")
    } else {
        None
    };
    let system = if ua.contains("Android") {
        Some("Android")
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        Some("iOS")
    } else if ua.contains("Windows") {
        Some("Windows")
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        Some("macOS")
    } else if ua.contains("Linux") || ua.contains("X11") {
        Some("Linux")
    } else {
        None
    };
    match (browser, system) {
        (Some(b), Some(s)) => tr(
            lang,
            "auth-device-on",
            &[("browser", b.into()), ("system", s.into())],
        ),
        (Some(b), None) => b.to_string(),
        (None, _) => {
            // A script or an app: its product name ("curl/8.5" gives "curl").
            let product: String = ua
                .split(['/', ' '])
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .take(40)
                .collect();
            if product.is_empty() {
                tr(lang, "auth-device-unknown", &[])
            } else {
                product
            }
        }
    }
}

/// The signed-in person as every layer sees them; never carries the hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The language chosen with the switch; `None` if never chosen.
    pub language: Option<crate::domain::language::Lang>,
    /// Notices not read yet: the header's bell, read with the session
    /// itself so it costs a page no query of its own.
    #[serde(default)]
    pub unread_notices: i64,
}

impl SessionUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Test@Example.COM ").unwrap().as_str(),
            "test@example.com"
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "", "plain", "@x.fr", "a@b", "a@@b.fr", "a b@c.fr", "a@.fr", "a@fr.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn short_passwords_are_refused_and_never_printed() {
        assert!(Password::parse("short").is_err());
        let p = Password::parse("long enough secret").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
    }

    #[test]
    fn devices_are_named_from_the_user_agent() {
        use crate::domain::language::Lang::{En, Fr};
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(device_label(Fr, Some(firefox)), "Firefox sur Linux");
        assert_eq!(device_label(En, Some(firefox)), "Firefox on Linux");
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
        assert_eq!(device_label(Fr, Some(chrome)), "Chrome sur Windows");
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(Fr, Some(safari)), "Safari sur iOS");
        assert_eq!(device_label(Fr, Some("curl/8.5.0")), "curl");
        assert_eq!(device_label(Fr, None), "Appareil inconnu");
        assert_eq!(device_label(En, None), "Unknown device");
        assert_eq!(device_label(Fr, Some("<script>")), "script");
    }

    #[test]
    fn links_live_24_hours_and_reset_links_30_minutes() {
        assert_eq!(LinkPurpose::Confirm.lifetime(), chrono::Duration::hours(24));
        assert_eq!(LinkPurpose::Reset.lifetime(), chrono::Duration::minutes(30));
        for p in [
            LinkPurpose::Confirm,
            LinkPurpose::Reset,
            LinkPurpose::EmailChange,
        ] {
            assert_eq!(LinkPurpose::from_stored(p.as_str()), Some(p));
        }
    }

    #[test]
    fn names_must_not_be_blank() {
        assert!(DisplayName::parse("   ").is_err());
        assert_eq!(DisplayName::parse(" Jane ").unwrap().as_str(), "Jane");
    }
}
