//! The formation's enumerations, with the one place that maps them to their
//! stored text and to their French labels, and the checks on links.

use crate::domain::zone::Tz;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

/// The one of `all` stored as `value` (spaces around it ignored), else the
/// error `unknown` makes of the value.
fn parse_among<T: Copy>(
    all: &[T],
    as_str: fn(T) -> &'static str,
    value: &str,
    unknown: fn(String) -> ErrorCode,
) -> Result<T, ErrorCode> {
    all.iter()
        .copied()
        .find(|t| as_str(*t) == value.trim())
        .ok_or_else(|| unknown(value.to_string()))
}

/// What anyone may read about a formation — in the catalogue, on a
/// learner's enrollment, in the admin forms — and never a meeting detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormationInfo {
    pub name: String,
    pub description: String,
    pub level: Level,
    pub platform: Platform,
    pub instructor_name: String,
    pub schedule_description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
    Expert,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Beginner,
        Level::Intermediate,
        Level::Advanced,
        Level::Expert,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
            Level::Expert => "expert",
        }
    }

    /// French, for CSV exports and the CLI; pages show [`Self::label_id`].
    pub fn label(self) -> &'static str {
        match self {
            Level::Beginner => "Débutant",
            Level::Intermediate => "Intermédiaire",
            Level::Advanced => "Avancé",
            Level::Expert => "Expert",
        }
    }

    /// The id of the level's name in `locales/*/shared.ftl`.
    pub fn label_id(self) -> &'static str {
        match self {
            Level::Beginner => "level-beginner",
            Level::Intermediate => "level-intermediate",
            Level::Advanced => "level-advanced",
            Level::Expert => "level-expert",
        }
    }

    pub fn parse(value: &str) -> Result<Self, ErrorCode> {
        parse_among(&Self::ALL, Self::as_str, value, |value| {
            ErrorCode::UnknownLevel { value }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Zoom,
    GoogleMeet,
    Teams,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Zoom, Platform::GoogleMeet, Platform::Teams];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Zoom => "zoom",
            Platform::GoogleMeet => "google_meet",
            Platform::Teams => "teams",
        }
    }

    /// For CSV exports and the CLI; pages show [`Self::label_id`].
    pub fn label(self) -> &'static str {
        match self {
            Platform::Zoom => "Zoom",
            Platform::GoogleMeet => "Google Meet",
            Platform::Teams => "Microsoft Teams",
        }
    }

    /// The id of the platform's name in `locales/*/shared.ftl`.
    pub fn label_id(self) -> &'static str {
        match self {
            Platform::Zoom => "platform-zoom",
            Platform::GoogleMeet => "platform-google-meet",
            Platform::Teams => "platform-teams",
        }
    }

    pub fn parse(value: &str) -> Result<Self, ErrorCode> {
        parse_among(&Self::ALL, Self::as_str, value, |value| {
            ErrorCode::UnknownPlatform { value }
        })
    }

    fn accepts_host(self, host: &str) -> bool {
        let is_or_under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
        match self {
            Platform::Zoom => is_or_under("zoom.us"),
            Platform::GoogleMeet => host == "meet.google.com",
            Platform::Teams => host == "teams.microsoft.com" || host == "teams.live.com",
        }
    }
}

/// The longest link accepted anywhere (meeting, recording): browsers and
/// mail clients cope with far more, but no real meeting link comes close.
pub const MAX_LINK_CHARS: usize = 2_000;

/// The host of an `https://` URL, lower-cased, or `None` if it is not one.
///
/// Characters browsers rewrite or ignore (a backslash becomes `/`, tabs and
/// new lines vanish) are refused outright: `https://evil.example\.zoom.us/`
/// reads as a Zoom host to a naive split but opens evil.example. User-info
/// (`user@host`) and any port but 443 are refused as well.
fn https_host(url: &str) -> Option<String> {
    let url = url.trim();
    if url.chars().count() > MAX_LINK_CHARS
        || url
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let rest = url
        .get(..8)?
        .eq_ignore_ascii_case("https://")
        .then(|| &url[8..])?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if port.is_some_and(|p| p != "443") {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let plain = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if host.is_empty() || !host.contains('.') || !plain {
        return None;
    }
    same_host_as_a_browser(url, &host).then_some(host)
}

/// On the server the link is parsed again the way a browser does (WHATWG
/// URL, the `url` crate) and both readings must agree: the hand-written check
/// above is what the browser build can afford, this one is the authority.
#[cfg(feature = "ssr")]
fn same_host_as_a_browser(url: &str, host: &str) -> bool {
    match url::Url::parse(url) {
        Ok(parsed) => {
            parsed.scheme() == "https"
                && parsed.username().is_empty()
                && parsed.password().is_none()
                && parsed.port().is_none()
                && parsed.host_str() == Some(host)
        }
        Err(_) => false,
    }
}

#[cfg(not(feature = "ssr"))]
fn same_host_as_a_browser(_url: &str, _host: &str) -> bool {
    true
}

/// A meeting link must be an `https://` URL on the platform's own host, so a
/// typo or a phishing link never reaches a learner.
pub fn parse_meeting_link(platform: Platform, value: &str) -> Result<String, ErrorCode> {
    let value = value.trim();
    let host = https_host(value).ok_or_else(|| ErrorCode::NotHttps {
        field: "meeting_link".into(),
    })?;
    if !platform.accepts_host(&host) {
        return Err(ErrorCode::meeting_link_host(platform));
    }
    Ok(value.to_string())
}

/// A recording may live anywhere (a cloud drive, the platform), but it must be
/// an https URL.
pub fn parse_recording_link(value: &str) -> Result<String, ErrorCode> {
    https_host(value)
        .map(|_| value.trim().to_string())
        .ok_or_else(|| ErrorCode::NotHttps {
            field: "recording_link".into(),
        })
}

pub fn parse_timezone(value: &str) -> Result<Tz, ErrorCode> {
    value
        .trim()
        .parse::<Tz>()
        .map_err(|_| ErrorCode::UnknownTimezone {
            value: value.to_string(),
        })
}

/// The zones an admin picks from: the IANA names of places (`Europe/Paris`),
/// then `UTC`; the aliases (`US/Eastern`, `Etc/GMT+1`…) are still accepted
/// when typed but not offered.
pub fn timezone_choices() -> Vec<&'static str> {
    const REGIONS: [&str; 9] = [
        "Africa/",
        "America/",
        "Antarctica/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
    ];
    let mut names: Vec<&'static str> = crate::domain::zone::names()
        .into_iter()
        .filter(|name| REGIONS.iter().any(|region| name.starts_with(region)))
        .collect();
    names.sort_unstable();
    names.dedup();
    names.push("UTC");
    names
}

pub fn parse_date(field: &'static str, value: &str) -> Result<NaiveDate, ErrorCode> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| ErrorCode::NotADate {
        field: field.into(),
        value: value.to_string(),
    })
}

/// Limits on free text, so one form cannot store megabytes that every page
/// and export would then carry.
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 5_000;
/// Meeting ids and passwords: a few dozen characters on every platform.
pub const MAX_MEETING_CODE_CHARS: usize = 200;

/// An optional text field: blank is `None`, too long is an error.
pub fn parse_optional(
    field: &'static str,
    value: &str,
    max_chars: usize,
) -> Result<Option<String>, ErrorCode> {
    let value = value.trim();
    if value.chars().count() > max_chars {
        return Err(ErrorCode::TooLong {
            field: field.into(),
            max: max_chars,
        });
    }
    Ok((!value.is_empty()).then(|| value.to_string()))
}

pub fn parse_required(
    field: &'static str,
    value: &str,
    max_chars: usize,
) -> Result<String, ErrorCode> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ErrorCode::Required {
            field: field.into(),
        });
    }
    if value.chars().count() > max_chars {
        return Err(ErrorCode::TooLong {
            field: field.into(),
            max: max_chars,
        });
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_platforms_round_trip_through_their_text() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Ok(l));
        }
        for p in Platform::ALL {
            assert_eq!(Platform::parse(p.as_str()), Ok(p));
        }
        assert_eq!(Level::Intermediate.label(), "Intermédiaire");
        let err = crate::error::AppError::from(Level::parse("guru").unwrap_err());
        assert!(err.to_string().contains("beginner, intermediate"));
    }

    #[test]
    fn the_french_words_of_the_pages_are_the_labels_of_exports() {
        use crate::i18n::{lookup, Lang};
        let ids = Level::ALL
            .into_iter()
            .map(|l| (l.label_id(), l.label()))
            .chain(Platform::ALL.into_iter().map(|p| (p.label_id(), p.label())));
        for (id, label) in ids {
            assert_eq!(lookup(Lang::Fr, id, &[]).as_deref(), Some(label));
            assert!(lookup(Lang::En, id, &[]).is_some(), "{id}");
        }
    }

    #[test]
    fn a_meeting_link_must_be_https_on_the_platform_host_as_a_browser_reads_it() {
        use Platform::*;
        let long = format!("https://zoom.us/j/{}", "1".repeat(MAX_LINK_CHARS));
        for (platform, link, accepted) in [
            (Zoom, "https://zoom.us/j/123456789", true),
            (Zoom, "https://us02web.zoom.us/j/1", true),
            (GoogleMeet, "https://meet.google.com/abc-defg-hij", true),
            (Teams, "https://teams.microsoft.com/l/meetup-join/x", true),
            (Teams, "https://teams.live.com/meet/9", true),
            (Zoom, "http://zoom.us/j/1", false),
            (Zoom, "https://evilzoom.us/j/1", false),
            (Zoom, "https://zoom.us.evil.com/j/1", false),
            (Zoom, "https://user@zoom.us/j/1", false),
            (GoogleMeet, "https://zoom.us/j/1", false),
            // A browser turns the backslash into a slash and opens evil.example.
            (Zoom, "https://evil.example\\.zoom.us/j/1", false),
            (Zoom, "https://evil.example\\@zoom.us/j/1", false),
            (Zoom, "https://zoom.us:8443/j/1", false),
            (Zoom, "https://a:b@zoom.us/j/1", false),
            (Zoom, "https://zoom.us\t.evil.example/j/1", false),
            (Zoom, "https://evil.example%2f.zoom.us/j/1", false),
            (Zoom, "https://zoom.us:443/j/1", true),
            (Zoom, "HTTPS://Zoom.US/j/1", true),
            (Zoom, &long, false),
        ] {
            let result = parse_meeting_link(platform, link);
            assert_eq!(result.is_ok(), accepted, "{platform:?} {link}");
        }
        assert!(parse_recording_link("https://drive.example\\.org/x").is_err());
    }

    #[test]
    fn time_zones_and_dates_are_checked() {
        assert!(parse_timezone("Europe/Paris").is_ok());
        assert!(parse_timezone("Mars/Olympus").is_err());
        assert!(parse_date("start_date", "2024-01-15").is_ok());
        assert!(parse_date("start_date", "2024-13-01").is_err());
        assert!(parse_date("start_date", "15/01/2024").is_err());
    }
}
