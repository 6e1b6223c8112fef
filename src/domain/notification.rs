//! The learner's notices (the bell, the notifications page, the live toast)
//! and the rules of Web Push subscriptions. A notice names a séance and
//! links to its page on the platform, whose join button obeys the active
//! rule: no notice, push or event ever carries the meeting itself.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The notifications page.
pub const NOTIFICATIONS_PATH: &str = "/user/notifications";

/// The live stream of a learner's new notices (Server-Sent Events).
pub const STREAM_PATH: &str = "/api/auth/user/notifications/stream";

/// Notices a page (the page, the REST list) shows at once.
pub const PAGE_SIZE: i64 = 20;

/// Live streams one learner may hold open at once (tabs, devices); one
/// more is refused with 429 rather than letting one account hold the
/// server's connections.
pub const MAX_STREAMS_PER_USER: usize = 5;

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoticeKind {
    /// A séance starts soon (the in-app reminder).
    SeanceSoon,
}

impl NoticeKind {
    pub const ALL: &'static [NoticeKind] = &[NoticeKind::SeanceSoon];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::SeanceSoon => "seance_soon",
        }
    }

    pub fn parse(value: &str) -> Option<NoticeKind> {
        NoticeKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == value)
    }
}

/// A notice as its reader sees it, words in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    /// The séance's page on the platform (a path).
    pub url: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A page of the notifications page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticesView {
    pub notices: Vec<Notice>,
    /// Unread notices in all (not only on this page).
    pub unread: i64,
    /// The cursor of the next (older) page, if any.
    pub older_than: Option<i64>,
}

/// What a push message carries: what the notification says and the page
/// it opens. Serialised as the JSON the service worker reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushPayload {
    pub title: String,
    pub body: String,
    /// The séance's page, absolute.
    pub url: String,
    /// Notifications with one tag replace each other (a retry shows once).
    pub tag: String,
}

/// The longest endpoint URL accepted; push services' are far shorter.
pub const MAX_ENDPOINT_LEN: usize = 2048;

/// Whether a browser's push endpoint may be stored: https anywhere, or
/// plain http on the loopback only (`http://127.0.0.1:port/…`,
/// `http://localhost:port/…`), so tests and local development can run
/// their own push service while nothing ever posts in clear elsewhere.
pub fn endpoint_allowed(endpoint: &str) -> bool {
    if endpoint.len() > MAX_ENDPOINT_LEN || endpoint.chars().any(char::is_whitespace) {
        return false;
    }
    if let Some(rest) = endpoint.strip_prefix("https://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return !host.is_empty() && !host.contains('@');
    }
    ["http://127.0.0.1:", "http://localhost:"]
        .iter()
        .filter_map(|prefix| endpoint.strip_prefix(prefix))
        .any(|rest| {
            let (port, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            !port.is_empty()
                && port.len() <= 5
                && port.bytes().all(|b| b.is_ascii_digit())
                && (path.is_empty() || path.starts_with('/'))
        })
}

/// How a push service answered a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// Taken (201 and the other 2xx).
    Delivered,
    /// The subscription no longer exists (404, 410): forget it.
    Gone,
    /// Busy or failing (429, 5xx, no answer): try again later.
    Retry(String),
    /// Refused for good (another 4xx: a bad key, a payload too large).
    Refused(String),
}

/// The outcome of a push service's status code.
pub fn push_outcome(status: u16) -> PushOutcome {
    match status {
        200..=299 => PushOutcome::Delivered,
        404 | 410 => PushOutcome::Gone,
        429 | 500..=599 => PushOutcome::Retry(format!("push service answered {status}")),
        _ => PushOutcome::Refused(format!("push service answered {status}")),
    }
}

/// What one push reminder came to over all the learner's subscriptions:
/// delivered if any device took it (the others are not worth a duplicate
/// on the one that did), else retried if any may take it later, else
/// nothing is left to reach.
pub fn push_result(outcomes: &[PushOutcome]) -> PushOutcome {
    if outcomes.contains(&PushOutcome::Delivered) {
        return PushOutcome::Delivered;
    }
    if let Some(retry) = outcomes.iter().find(|o| matches!(o, PushOutcome::Retry(_))) {
        return retry.clone();
    }
    outcomes
        .iter()
        .find(|o| matches!(o, PushOutcome::Refused(_)))
        .cloned()
        .unwrap_or(PushOutcome::Gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_https_or_the_loopback() {
        for ok in [
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://updates.push.services.mozilla.com/wpush/v2/x",
            "http://127.0.0.1:8123/push/1",
            "http://localhost:9000",
        ] {
            assert!(endpoint_allowed(ok), "{ok}");
        }
        for bad in [
            "http://push.example.com/x",
            "http://127.0.0.1.example.com:80/x",
            "http://localhost:abc/x",
            "http://127.0.0.1/x",
            "https://",
            "https://user@evil.example/x",
            "ftp://127.0.0.1:21/x",
            "javascript:alert(1)",
            "https://a.example/x y",
        ] {
            assert!(!endpoint_allowed(bad), "{bad}");
        }
        let long = format!("https://a.example/{}", "x".repeat(MAX_ENDPOINT_LEN));
        assert!(!endpoint_allowed(&long));
    }

    #[test]
    fn statuses_decide_what_happens_to_a_subscription() {
        assert_eq!(push_outcome(201), PushOutcome::Delivered);
        assert_eq!(push_outcome(410), PushOutcome::Gone);
        assert_eq!(push_outcome(404), PushOutcome::Gone);
        assert!(matches!(push_outcome(429), PushOutcome::Retry(_)));
        assert!(matches!(push_outcome(503), PushOutcome::Retry(_)));
        assert!(matches!(push_outcome(413), PushOutcome::Refused(_)));
    }

    #[test]
    fn one_device_that_took_it_is_enough() {
        let retry = PushOutcome::Retry("503".into());
        let refused = PushOutcome::Refused("400".into());
        assert_eq!(
            push_result(&[retry.clone(), PushOutcome::Delivered]),
            PushOutcome::Delivered
        );
        assert_eq!(push_result(&[PushOutcome::Gone, retry.clone()]), retry);
        assert_eq!(push_result(&[refused.clone(), PushOutcome::Gone]), refused);
        assert_eq!(push_result(&[PushOutcome::Gone]), PushOutcome::Gone);
        assert_eq!(push_result(&[]), PushOutcome::Gone);
    }

    #[test]
    fn kinds_read_back() {
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(NoticeKind::parse("other"), None);
    }
}
