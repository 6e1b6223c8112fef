//! What a calendar shows of a séance: the event's identity, words and
//! revision, and the links that add it to a calendar. Pure: the server
//! turns these into RFC 5545 text (`server/calendar.rs`, on the
//! `icalendar` crate). Never a meeting link, id or password: a calendar is
//! cached by third parties and outlives the active period, so it points to
//! the séance's page on the platform, whose join button obeys the rule.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::language::Lang;
use crate::i18n::tr;

/// How far back the feed keeps séances, and withdrawn events.
pub fn kept() -> Duration {
    Duration::days(30)
}

/// The reminder every event carries.
pub fn alarm_before() -> Duration {
    Duration::minutes(15)
}

/// One séance as a learner's calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeanceEvent {
    pub session_id: i64,
    pub user_id: i64,
    pub enrollment_id: i64,
    pub formation_name: String,
    pub session_number: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
    /// Grows whenever what the event shows changes (its `SEQUENCE`).
    pub sequence: i64,
    /// When it last changed (its `DTSTAMP`).
    pub stamp: DateTime<Utc>,
    /// Withdrawn: the séance was deleted or the enrollment cancelled.
    pub cancelled: bool,
}

impl SeanceEvent {
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + Duration::minutes(self.duration_minutes)
    }

    /// Stable across fetches, instances and changes: the same séance for
    /// the same learner is always the same event.
    pub fn uid(&self, host: &str) -> String {
        format!("session-{}-user-{}@{host}", self.session_id, self.user_id)
    }

    /// "Formation — Séance n : titre".
    pub fn summary(&self, lang: Lang) -> String {
        tr(
            lang,
            "calendar-summary",
            &[
                ("formation", (&self.formation_name).into()),
                ("number", self.session_number.into()),
                ("title", (&self.title).into()),
            ],
        )
    }

    pub fn description(&self, lang: Lang, page: &str) -> String {
        tr(lang, "calendar-description", &[("url", page.into())])
    }
}

/// Whether a live séance belongs in the feed: within its enrollment's
/// period (days in the formation's zone) and not over for more than the
/// kept span.
pub fn in_feed(
    session_day: NaiveDate,
    (start, end): (NaiveDate, NaiveDate),
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    (start..=end).contains(&session_day) && starts_at >= now - kept()
}

/// The host part of a base URL (`https://formations.example:8443` →
/// `formations.example`), for UIDs.
pub fn host_of(base_url: &str) -> String {
    let rest = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    let authority = rest.split('/').next().unwrap_or_default();
    let host = authority.rsplit_once(':').map_or(authority, |(h, p)| {
        if p.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    if host.is_empty() {
        "localhost".into()
    } else {
        host.to_string()
    }
}

#[cfg(feature = "ssr")]
fn compact(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(feature = "ssr")]
fn encoded(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Google Calendar's "add this event" page for one séance.
#[cfg(feature = "ssr")]
pub fn google_template(e: &SeanceEvent, lang: Lang, page: &str) -> String {
    let dates = format!("{}/{}", compact(e.starts_at), compact(e.ends_at()));
    format!(
        "https://calendar.google.com/calendar/render?{}",
        encoded(&[
            ("action", "TEMPLATE"),
            ("text", &e.summary(lang)),
            ("dates", &dates),
            ("details", &e.description(lang, page)),
        ])
    )
}

/// The links of the "Mon agenda" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarLinks {
    /// The feed, `https://…/calendrier/<token>.ics`.
    pub url: String,
    /// The same as `webcal://`, which calendar apps open as a subscription.
    pub webcal: String,
    pub google: String,
    pub outlook: String,
}

#[cfg(feature = "ssr")]
impl CalendarLinks {
    pub fn new(url: &str, name: &str) -> CalendarLinks {
        let webcal = match url.split_once("://") {
            Some((_, rest)) => format!("webcal://{rest}"),
            None => url.to_string(),
        };
        CalendarLinks {
            url: url.to_string(),
            google: format!(
                "https://calendar.google.com/calendar/r?{}",
                encoded(&[("cid", &webcal)])
            ),
            outlook: format!(
                "https://outlook.live.com/calendar/0/addfromweb?{}",
                encoded(&[("url", url), ("name", name)])
            ),
            webcal,
        }
    }
}

/// The feed's path for a token.
pub fn feed_path(token: &str) -> String {
    format!("/calendrier/{token}.ics")
}

/// The download of one séance's invitation.
pub fn invitation_path(enrollment_id: i64, session_id: i64) -> String {
    format!("/user/formations/{enrollment_id}/seances/{session_id}.ics")
}

/// The séance's "add to Google Calendar" link (a redirect by the server,
/// which knows the absolute URLs).
pub fn google_path(enrollment_id: i64, session_id: i64) -> String {
    format!("/user/formations/{enrollment_id}/seances/{session_id}/google")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> SeanceEvent {
        SeanceEvent {
            session_id: 7,
            user_id: 3,
            enrollment_id: 5,
            formation_name: "Rust".into(),
            session_number: 2,
            title: "Traits".into(),
            starts_at: DateTime::parse_from_rfc3339("2026-12-10T18:00:00Z")
                .unwrap()
                .to_utc(),
            duration_minutes: 90,
            sequence: 1,
            stamp: DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
                .unwrap()
                .to_utc(),
            cancelled: false,
        }
    }

    #[test]
    fn the_uid_names_the_seance_the_learner_and_the_host() {
        let e = event();
        assert_eq!(
            e.uid("formations.example"),
            "session-7-user-3@formations.example"
        );
        assert_eq!(
            host_of("https://formations.example:8443/x"),
            "formations.example"
        );
        assert_eq!(host_of("http://127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(host_of("http://[::1]:3000"), "[::1]");
    }

    #[test]
    fn the_summary_reads_formation_seance_and_title() {
        assert_eq!(event().summary(Lang::Fr), "Rust — Séance 2 : Traits");
        assert_eq!(event().summary(Lang::En), "Rust — Session 2: Traits");
    }

    #[test]
    fn the_google_link_has_the_utc_times_and_the_platform_page_only() {
        let link = google_template(
            &event(),
            Lang::Fr,
            "https://f.example/user/formations/5#seance-7",
        );
        assert!(link.starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE"));
        assert!(
            link.contains("dates=20261210T180000Z%2F20261210T193000Z"),
            "{link}"
        );
        assert!(
            link.contains("f.example%2Fuser%2Fformations%2F5%23seance-7"),
            "{link}"
        );
    }

    #[test]
    fn the_feed_keeps_the_period_and_thirty_days_back() {
        let e = event();
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let period = (day - Duration::days(1), day);
        assert!(in_feed(
            day,
            period,
            e.starts_at,
            e.starts_at + Duration::days(29)
        ));
        assert!(!in_feed(
            day,
            period,
            e.starts_at,
            e.starts_at + Duration::days(31)
        ));
        assert!(!in_feed(
            day,
            (day + Duration::days(1), day + Duration::days(2)),
            e.starts_at,
            e.starts_at
        ));
    }

    #[test]
    fn subscribe_links_use_webcal_and_the_feed_url() {
        let links = CalendarLinks::new("https://f.example/calendrier/abc.ics", "Formations");
        assert_eq!(links.webcal, "webcal://f.example/calendrier/abc.ics");
        assert!(
            links.google.contains("cid=webcal%3A%2F%2Ff.example"),
            "{}",
            links.google
        );
        assert!(
            links.outlook.contains("url=https%3A%2F%2Ff.example"),
            "{}",
            links.outlook
        );
    }
}
