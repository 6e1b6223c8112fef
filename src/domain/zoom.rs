//! Zoom's webhooks as pure rules: the signature that proves a request came
//! from Zoom, the answer to its URL challenge, the events a training cares
//! about (who joined, who left, when the meeting ended, where its recording
//! is), and the arithmetic that turns joins and leaves into attendance.
//! The route reads headers and body and writes the database; everything it
//! decides is here, so every rule is tested without a network or a clock.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub const SIGNATURE_HEADER: &str = "x-zm-signature";
pub const TIMESTAMP_HEADER: &str = "x-zm-request-timestamp";
/// Bodies over this are refused before anything is read.
pub const MAX_BODY: usize = 1024 * 1024;
/// How far a request's timestamp may be from now.
pub const MAX_SKEW_SECONDS: i64 = 300;

/// The event types this module reads; any other is [`ZoomEvent::Other`].
pub const URL_VALIDATION: &str = "endpoint.url_validation";
pub const PARTICIPANT_JOINED: &str = "meeting.participant_joined";
pub const PARTICIPANT_LEFT: &str = "meeting.participant_left";
pub const MEETING_ENDED: &str = "meeting.ended";
pub const RECORDING_COMPLETED: &str = "recording.completed";

/// How far from a séance's scheduled start a meeting may begin and still be
/// taken for it: a trainer opening the room early or a séance running late
/// is common, but the next day's séance of the same meeting is not it.
const SESSION_WINDOW_HOURS: i64 = 2;

/// The length of an HMAC-SHA256, in bytes.
const MAC_LEN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureError {
    /// A header is absent.
    Missing,
    /// A header is not of Zoom's form (digits; `v0=` and 64 hex digits).
    Malformed,
    /// The timestamp is more than [`MAX_SKEW_SECONDS`] from now: a replay.
    Stale,
    /// Not signed with our secret (or no secret is configured).
    Mismatch,
}

fn mac(secret: &str) -> HmacSha256 {
    HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length")
}

/// Zoom's scheme: `x-zm-signature` = "v0=" + hex(HMAC-SHA256(secret,
/// "v0:{timestamp}:{raw body}")), compared in constant time; the timestamp
/// (seconds since the epoch, a string) within [`MAX_SKEW_SECONDS`] of `now`,
/// either way. The body must be the bytes as received: a re-serialised JSON
/// would not hash the same.
///
/// An empty secret verifies nothing: a server whose secret was left unset
/// must not accept requests anyone can sign.
pub fn verify(
    secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<(), SignatureError> {
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return Err(SignatureError::Missing);
    };
    let seconds = epoch_seconds(timestamp).ok_or(SignatureError::Malformed)?;
    let claimed = signature
        .strip_prefix("v0=")
        .and_then(|h| hex::decode(h).ok())
        .filter(|bytes| bytes.len() == MAC_LEN)
        .ok_or(SignatureError::Malformed)?;
    // Checked before the MAC so a replayed request costs no hashing; the
    // timestamp is signed too, so it cannot be refreshed by a replayer.
    if now.timestamp().abs_diff(seconds) > MAX_SKEW_SECONDS.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    if secret.is_empty() {
        return Err(SignatureError::Mismatch);
    }
    let mut mac = mac(secret);
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    // verify_slice compares in constant time: a byte-by-byte comparison
    // would let an attacker find the signature one byte at a time.
    mac.verify_slice(&claimed)
        .map_err(|_| SignatureError::Mismatch)
}

/// Digits only, as Zoom sends them: `str::parse` alone would also take
/// "+12", a form no genuine request has.
fn epoch_seconds(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The `encryptedToken` answering `endpoint.url_validation`:
/// hex(HMAC-SHA256(secret, plainToken)).
pub fn url_validation_token(secret: &str, plain_token: &str) -> String {
    let mut mac = mac(secret);
    mac.update(plain_token.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRef {
    /// `payload.object.id` as digits only (Zoom sends a number or a string).
    pub id: String,
    /// `payload.object.uuid` (one occurrence of a recurring meeting).
    pub uuid: String,
    /// `payload.object.start_time`, when given.
    pub start_time: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// What identifies this participant in the meeting: `participant_uuid`,
    /// else `user_id`, else `id`, else the name.
    pub key: String,
    pub name: String,
    /// Lower-cased, trimmed; None when empty or absent (guests).
    pub email: Option<String>,
}

#[derive(Clone, PartialEq, Eq)]
pub enum ZoomEvent {
    UrlValidation {
        plain_token: String,
    },
    /// `at` is `participant.join_time`.
    ParticipantJoined {
        meeting: MeetingRef,
        participant: Participant,
        at: DateTime<Utc>,
    },
    /// `at` is `participant.leave_time`.
    ParticipantLeft {
        meeting: MeetingRef,
        participant: Participant,
        at: DateTime<Utc>,
    },
    /// `at` is `object.end_time`, else the event's `event_ts`.
    MeetingEnded {
        meeting: MeetingRef,
        at: DateTime<Utc>,
    },
    /// `link` is [`recording_link`] of the share URL and its passcode.
    RecordingCompleted {
        meeting: MeetingRef,
        link: String,
    },
    /// Any other event type: acknowledged, kept, nothing else.
    Other {
        event: String,
    },
}

// By hand rather than derived: the recording link opens the recording
// without a passcode, so like a meeting link it must not reach logs.
impl std::fmt::Debug for ZoomEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZoomEvent::UrlValidation { plain_token } => f
                .debug_struct("UrlValidation")
                .field("plain_token", plain_token)
                .finish(),
            ZoomEvent::ParticipantJoined {
                meeting,
                participant,
                at,
            } => f
                .debug_struct("ParticipantJoined")
                .field("meeting", meeting)
                .field("participant", participant)
                .field("at", at)
                .finish(),
            ZoomEvent::ParticipantLeft {
                meeting,
                participant,
                at,
            } => f
                .debug_struct("ParticipantLeft")
                .field("meeting", meeting)
                .field("participant", participant)
                .field("at", at)
                .finish(),
            ZoomEvent::MeetingEnded { meeting, at } => f
                .debug_struct("MeetingEnded")
                .field("meeting", meeting)
                .field("at", at)
                .finish(),
            ZoomEvent::RecordingCompleted { meeting, link: _ } => f
                .debug_struct("RecordingCompleted")
                .field("meeting", meeting)
                .field("link", &super::Redacted)
                .finish(),
            ZoomEvent::Other { event } => f.debug_struct("Other").field("event", event).finish(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    NotJson,
    /// The field (a dotted path in the body) is absent, empty or unusable.
    MissingField(&'static str),
    /// The field (a dotted path) is present but not an RFC 3339 time (or,
    /// for `event_ts`, not milliseconds since the epoch).
    BadTime(&'static str),
}

/// Parses Zoom's webhook body: `{"event": "...", "event_ts": <ms>,
/// "payload": {"account_id": ..., "object": {...}}}`, or for the URL
/// challenge `{"event": "endpoint.url_validation", "payload": {"plainToken":
/// "..."}, "event_ts": ...}`. Returns the event type as sent, and the event.
///
/// Field names are those of Zoom's event reference (checked against the
/// published types of Zoom's own SDK, `MeetingParticipantJoinedEvent`,
/// `MeetingParticipantLeftEvent`, `MeetingEndedEvent`,
/// `RecordingCompletedEvent`): the participant's `participant_uuid`,
/// `user_id`, `id`, `user_name`, `email`, `join_time` / `leave_time`; the
/// object's `id` (a string in meeting events, a number in
/// `recording.completed`), `uuid`, `start_time`, `end_time`, `share_url`,
/// `recording_play_passcode`.
pub fn parse_event(body: &[u8]) -> Result<(String, ZoomEvent), ParseError> {
    let root: Value = serde_json::from_slice(body).map_err(|_| ParseError::NotJson)?;
    let event = root
        .get("event")
        .and_then(Value::as_str)
        .filter(|e| !e.is_empty())
        .ok_or(ParseError::MissingField("event"))?;
    let parsed = match event {
        URL_VALIDATION => ZoomEvent::UrlValidation {
            plain_token: text(root.pointer("/payload/plainToken"))
                .ok_or(ParseError::MissingField("payload.plainToken"))?,
        },
        PARTICIPANT_JOINED => ZoomEvent::ParticipantJoined {
            meeting: meeting(&root)?,
            participant: participant(&root)?,
            at: time(
                root.pointer("/payload/object/participant/join_time"),
                "payload.object.participant.join_time",
            )?,
        },
        PARTICIPANT_LEFT => ZoomEvent::ParticipantLeft {
            meeting: meeting(&root)?,
            participant: participant(&root)?,
            at: time(
                root.pointer("/payload/object/participant/leave_time"),
                "payload.object.participant.leave_time",
            )?,
        },
        MEETING_ENDED => ZoomEvent::MeetingEnded {
            meeting: meeting(&root)?,
            at: ended_at(&root)?,
        },
        RECORDING_COMPLETED => {
            let share_url = text(root.pointer("/payload/object/share_url"))
                .ok_or(ParseError::MissingField("payload.object.share_url"))?;
            let passcode = text(root.pointer("/payload/object/recording_play_passcode"));
            ZoomEvent::RecordingCompleted {
                meeting: meeting(&root)?,
                link: recording_link(&share_url, passcode.as_deref()),
            }
        }
        other => ZoomEvent::Other {
            event: other.to_owned(),
        },
    };
    Ok((event.to_owned(), parsed))
}

/// A string or a number as text, trimmed; None when absent, blank or of
/// another JSON type. Zoom has sent some identifiers (`user_id`) as numbers
/// in some payload versions and as strings in others.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn meeting(root: &Value) -> Result<MeetingRef, ParseError> {
    let id = match root.pointer("/payload/object/id") {
        // Integers only: a float would print as "123.0", another number.
        Some(Value::Number(n)) => n.as_u64().map(|n| n.to_string()),
        Some(Value::String(s)) => Some(digits(s)),
        _ => None,
    }
    .filter(|id| !id.is_empty())
    .ok_or(ParseError::MissingField("payload.object.id"))?;
    let uuid = text(root.pointer("/payload/object/uuid"))
        .ok_or(ParseError::MissingField("payload.object.uuid"))?;
    // Zoom sends "" for a meeting with no scheduled time (instant meetings).
    let start_time = match root.pointer("/payload/object/start_time") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        given => Some(time(given, "payload.object.start_time")?),
    };
    Ok(MeetingRef {
        id,
        uuid,
        start_time,
    })
}

fn participant(root: &Value) -> Result<Participant, ParseError> {
    let p = root
        .pointer("/payload/object/participant")
        .filter(|p| p.is_object())
        .ok_or(ParseError::MissingField("payload.object.participant"))?;
    let name = text(p.get("user_name")).unwrap_or_default();
    let key = ["participant_uuid", "user_id", "id"]
        .iter()
        .find_map(|field| text(p.get(*field)))
        .or_else(|| Some(name.clone()).filter(|n| !n.is_empty()))
        .ok_or(ParseError::MissingField(
            "payload.object.participant.participant_uuid",
        ))?;
    let email = p
        .get("email")
        .and_then(Value::as_str)
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty());
    Ok(Participant { key, name, email })
}

fn time(value: Option<&Value>, field: &'static str) -> Result<DateTime<Utc>, ParseError> {
    match value {
        None | Some(Value::Null) => Err(ParseError::MissingField(field)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(ParseError::MissingField(field)),
        Some(Value::String(s)) => DateTime::parse_from_rfc3339(s.trim())
            .map(|t| t.to_utc())
            .map_err(|_| ParseError::BadTime(field)),
        Some(_) => Err(ParseError::BadTime(field)),
    }
}

/// `end_time` is documented for `meeting.ended`; `event_ts` (when Zoom
/// emitted the event, in milliseconds) is a close second if it is missing.
fn ended_at(root: &Value) -> Result<DateTime<Utc>, ParseError> {
    let end_time = root.pointer("/payload/object/end_time");
    let blank = match end_time {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    };
    if !blank {
        return time(end_time, "payload.object.end_time");
    }
    let millis = match root.get("event_ts") {
        None | Some(Value::Null) => {
            return Err(ParseError::MissingField("payload.object.end_time"))
        }
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(_) => None,
    };
    millis
        .and_then(DateTime::from_timestamp_millis)
        .ok_or(ParseError::BadTime("event_ts"))
}

impl ZoomEvent {
    /// Zoom sends no event id and retries: the key that makes a redelivery
    /// a duplicate: event type + `object.uuid` + participant key + the
    /// join/leave/end time (RFC 3339). A recording has one per occurrence,
    /// so its key is the type and the uuid. None for UrlValidation and
    /// Other. The parts are written as a JSON array so that no uuid, key or
    /// name, whatever it contains, can make two keys collide.
    pub fn dedupe_key(&self) -> Option<String> {
        let parts = match self {
            ZoomEvent::ParticipantJoined {
                meeting,
                participant,
                at,
            } => vec![
                PARTICIPANT_JOINED.to_owned(),
                meeting.uuid.clone(),
                participant.key.clone(),
                rfc3339(*at),
            ],
            ZoomEvent::ParticipantLeft {
                meeting,
                participant,
                at,
            } => vec![
                PARTICIPANT_LEFT.to_owned(),
                meeting.uuid.clone(),
                participant.key.clone(),
                rfc3339(*at),
            ],
            ZoomEvent::MeetingEnded { meeting, at } => {
                vec![MEETING_ENDED.to_owned(), meeting.uuid.clone(), rfc3339(*at)]
            }
            ZoomEvent::RecordingCompleted { meeting, .. } => {
                vec![RECORDING_COMPLETED.to_owned(), meeting.uuid.clone()]
            }
            ZoomEvent::UrlValidation { .. } | ZoomEvent::Other { .. } => return None,
        };
        serde_json::to_string(&parts).ok()
    }
}

/// Seconds unless Zoom gave a fraction: the same instant always writes the
/// same text, whatever offset it was sent with.
fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// "852 9631 7740", "852-9631-7740", 85296317740 → "85296317740".
pub fn digits(meeting_id: &str) -> String {
    meeting_id.chars().filter(char::is_ascii_digit).collect()
}

/// Of sessions (id, scheduled start), the one whose start is nearest
/// `start`, within 2 hours (inclusive); ties: the earlier session (then the
/// smaller id, so the answer does not depend on the order given).
pub fn nearest_session(sessions: &[(i64, DateTime<Utc>)], start: DateTime<Utc>) -> Option<i64> {
    let window = Duration::hours(SESSION_WINDOW_HOURS);
    sessions
        .iter()
        .filter_map(|&(id, at)| {
            let gap = (at - start).abs();
            (gap <= window).then_some((gap, at, id))
        })
        .min()
        .map(|(_, _, id)| id)
}

/// One stretch of presence; `leave` None while still in the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub join: DateTime<Utc>,
    pub leave: Option<DateTime<Utc>>,
}

/// Whole minutes present: the union of the intervals (overlapping or
/// duplicated stretches counted once, reconnections summed), an open
/// interval closed at `ended` (the meeting's end) or ignored if `ended` is
/// None; a leave before its join counts nothing. Rounded down, after the
/// union: three stretches of 40 seconds make 2 minutes, not 0.
pub fn minutes_present(intervals: &[Interval], ended: Option<DateTime<Utc>>) -> i64 {
    let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = intervals
        .iter()
        .filter_map(|i| {
            let leave = i.leave.or(ended)?;
            (leave > i.join).then_some((i.join, leave))
        })
        .collect();
    spans.sort_unstable();
    // The merged spans are disjoint and lie between two representable
    // instants, so their sum never exceeds what a Duration holds.
    let mut total = Duration::zero();
    let mut current: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for (join, leave) in spans {
        match current.as_mut() {
            Some((_, end)) if join <= *end => *end = (*end).max(leave),
            _ => {
                if let Some((from, to)) = current.replace((join, leave)) {
                    total += to - from;
                }
            }
        }
    }
    if let Some((from, to)) = current {
        total += to - from;
    }
    total.num_minutes()
}

/// The recording link learners get: the share_url, with the passcode when
/// there is one and the URL does not carry it already.
///
/// What the documentation says: `recording.completed` (like the recordings
/// API) carries two secrets. `password` is the passcode a viewer types
/// (e.g. "W3t!$00v"); `recording_play_passcode` is "the cloud recording's
/// password to be used in the URL", which "can be directly spliced in
/// `play_url` or `share_url` with `?pwd=` to access and play", e.g.
/// `https://zoom.us/rec/share/…?pwd=yNYIS408EJygs7rE5vVsJwXIz4-VW7MH`. So
/// the passcode given here must be `recording_play_passcode`, never the
/// typed `password`. When the host's account embeds the passcode in share
/// links already, the URL carries `pwd` and is left alone.
pub fn recording_link(share_url: &str, passcode: Option<&str>) -> String {
    let Some(passcode) = passcode.map(str::trim).filter(|p| !p.is_empty()) else {
        return share_url.to_owned();
    };
    // A share URL that does not parse is given as it is: learners are asked
    // for the passcode, which beats a link built by hand and broken.
    let Ok(mut url) = url::Url::parse(share_url) else {
        return share_url.to_owned();
    };
    if url.query_pairs().any(|(name, _)| name == "pwd") {
        return share_url.to_owned();
    }
    url.query_pairs_mut().append_pair("pwd", passcode);
    url.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn unix(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    /// Zoom's signature, computed the way its documentation shows, apart
    /// from the code under test.
    fn zoom_sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
        let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        m.update(format!("v0:{timestamp}:").as_bytes());
        m.update(body);
        format!("v0={}", hex::encode(m.finalize().into_bytes()))
    }

    const SECRET: &str = "wh-secret";
    const TS: i64 = 1_760_000_000;
    const ENDED_BODY: &[u8] = br#"{"event":"meeting.ended","event_ts":1760000000000}"#;

    #[test]
    fn a_body_signed_as_zoom_documents_verifies() {
        let ts = TS.to_string();
        let sig = zoom_sign(SECRET, &ts, ENDED_BODY);
        assert_eq!(
            verify(SECRET, Some(&ts), Some(&sig), ENDED_BODY, unix(TS)),
            Ok(())
        );
        // Computed with Python's hmac module, independently of Rust:
        // hmac.new(b"wh-secret", b"v0:1760000000:" + body, sha256).
        let python = "v0=f61f08d12d01d7393cdd8ca9d09550f0dd06b981c203a4afbb9ea88bff40e310";
        assert_eq!(sig, python);
        assert_eq!(
            verify(SECRET, Some(&ts), Some(python), ENDED_BODY, unix(TS)),
            Ok(())
        );
        // Zoom's hex is lower-case; upper-case is the same bytes.
        let upper = format!("v0={}", python[3..].to_uppercase());
        assert_eq!(
            verify(SECRET, Some(&ts), Some(&upper), ENDED_BODY, unix(TS)),
            Ok(())
        );
    }

    #[test]
    fn a_changed_body_or_another_secret_is_a_mismatch() {
        let ts = TS.to_string();
        let sig = zoom_sign(SECRET, &ts, ENDED_BODY);
        let changed = br#"{"event":"meeting.ended","event_ts":1760000000001}"#;
        assert_eq!(
            verify(SECRET, Some(&ts), Some(&sig), changed, unix(TS)),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("other", Some(&ts), Some(&sig), ENDED_BODY, unix(TS)),
            Err(SignatureError::Mismatch)
        );
        // Signed for another timestamp: the timestamp is part of the MAC.
        let next = (TS + 1).to_string();
        assert_eq!(
            verify(SECRET, Some(&next), Some(&sig), ENDED_BODY, unix(TS)),
            Err(SignatureError::Mismatch)
        );
        // No secret configured: nothing verifies, not even a body signed
        // with the empty key.
        let empty = zoom_sign("", &ts, ENDED_BODY);
        assert_eq!(
            verify("", Some(&ts), Some(&empty), ENDED_BODY, unix(TS)),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn missing_or_malformed_headers_are_refused() {
        let ts = TS.to_string();
        let sig = zoom_sign(SECRET, &ts, ENDED_BODY);
        let now = unix(TS);
        assert_eq!(
            verify(SECRET, None, Some(&sig), ENDED_BODY, now),
            Err(SignatureError::Missing)
        );
        assert_eq!(
            verify(SECRET, Some(&ts), None, ENDED_BODY, now),
            Err(SignatureError::Missing)
        );
        assert_eq!(
            verify(SECRET, None, None, ENDED_BODY, now),
            Err(SignatureError::Missing)
        );
        let non_hex = format!("v0={}", "zz".repeat(32));
        let short = format!("v0={}", &sig[3..60]);
        let unprefixed = sig[3..].to_owned();
        for bad in [&non_hex, &short, &unprefixed, "", "v0="] {
            assert_eq!(
                verify(SECRET, Some(&ts), Some(bad), ENDED_BODY, now),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
        for bad in [
            "",
            "+1760000000",
            "1760000000.0",
            " 1760000000",
            "-5",
            "1e9",
        ] {
            assert_eq!(
                verify(SECRET, Some(bad), Some(&sig), ENDED_BODY, now),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
        // Beyond i64: malformed, not a panic.
        assert_eq!(
            verify(
                SECRET,
                Some("99999999999999999999"),
                Some(&sig),
                ENDED_BODY,
                now
            ),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn a_timestamp_more_than_five_minutes_away_is_stale() {
        for skew in [-301, 301] {
            let ts = (TS + skew).to_string();
            let sig = zoom_sign(SECRET, &ts, ENDED_BODY);
            assert_eq!(
                verify(SECRET, Some(&ts), Some(&sig), ENDED_BODY, unix(TS)),
                Err(SignatureError::Stale),
                "{skew}"
            );
        }
        for skew in [-300, 300] {
            let ts = (TS + skew).to_string();
            let sig = zoom_sign(SECRET, &ts, ENDED_BODY);
            assert_eq!(
                verify(SECRET, Some(&ts), Some(&sig), ENDED_BODY, unix(TS)),
                Ok(()),
                "{skew}"
            );
        }
    }

    #[test]
    fn the_url_challenge_is_answered_with_the_keyed_hash_of_the_token() {
        // python3 -c "import hmac,hashlib;print(hmac.new(b'secret',b'token',
        // hashlib.sha256).hexdigest())"
        assert_eq!(
            url_validation_token("secret", "token"),
            "e941110e3d2bfe82621f0e3e1434730d7305d106c5f68c87165d0b27a4611a4a"
        );
    }

    // Sample bodies after Zoom's event reference; values are invented.
    const JOINED: &str = r#"{
      "event": "meeting.participant_joined",
      "event_ts": 1765385112345,
      "payload": {
        "account_id": "AAAAAABBBB",
        "object": {
          "id": "85296317740",
          "uuid": "4444AAAiAAAAAiAiAiiAii==",
          "host_id": "x1yCzABCDEfg23HiJKl4mN",
          "topic": "Rust avancé, séance 3",
          "type": 8,
          "start_time": "2025-12-10T17:00:00Z",
          "timezone": "Europe/Paris",
          "duration": 120,
          "participant": {
            "user_id": "16778240",
            "user_name": "Camille Durand",
            "id": "iFxeBPYun6SAiWUzBcEkX",
            "participant_uuid": "55555AAAiAAAAAiAiAiiAii",
            "join_time": "2025-12-10T17:02:13Z",
            "email": " Camille.Durand@Example.FR ",
            "registrant_id": "abcdefghij0-klmnopq23456",
            "participant_user_id": "rstuvwxyza789-cde",
            "customer_key": "349589LkJyeW",
            "phone_number": ""
          }
        }
      }
    }"#;

    const LEFT: &str = r#"{
      "event": "meeting.participant_left",
      "event_ts": 1765390000000,
      "payload": {
        "account_id": "AAAAAABBBB",
        "object": {
          "id": 85296317740,
          "uuid": "4444AAAiAAAAAiAiAiiAii==",
          "host_id": "x1yCzABCDEfg23HiJKl4mN",
          "topic": "Rust avancé, séance 3",
          "type": 8,
          "start_time": "2025-12-10T17:00:00Z",
          "timezone": "Europe/Paris",
          "duration": 120,
          "participant": {
            "user_id": "16778240",
            "user_name": "Invité",
            "id": "",
            "leave_time": "2025-12-10T18:22:13Z",
            "leave_reason": "left the meeting.<br>Reason : left the meeting",
            "email": ""
          }
        }
      }
    }"#;

    const ENDED: &str = r#"{
      "event": "meeting.ended",
      "event_ts": 1765393300000,
      "payload": {
        "account_id": "AAAAAABBBB",
        "object": {
          "id": "852 9631 7740",
          "uuid": "4444AAAiAAAAAiAiAiiAii==",
          "host_id": "x1yCzABCDEfg23HiJKl4mN",
          "topic": "Rust avancé, séance 3",
          "type": 8,
          "start_time": "2025-12-10T17:00:00Z",
          "end_time": "2025-12-10T19:01:40Z",
          "timezone": "Europe/Paris",
          "duration": 120
        }
      }
    }"#;

    const RECORDING: &str = r#"{
      "event": "recording.completed",
      "event_ts": 1765394000000,
      "download_token": "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl",
      "payload": {
        "account_id": "AAAAAABBBB",
        "object": {
          "uuid": "4444AAAiAAAAAiAiAiiAii==",
          "id": 85296317740,
          "account_id": "AAAAAABBBB",
          "host_id": "x1yCzABCDEfg23HiJKl4mN",
          "topic": "Rust avancé, séance 3",
          "type": 8,
          "start_time": "2025-12-10T17:00:00Z",
          "timezone": "Europe/Paris",
          "host_email": "formatrice@example.fr",
          "duration": 121,
          "total_size": 580216,
          "recording_count": 1,
          "share_url": "https://us06web.zoom.us/rec/share/D2Ge18UEXSj88aMed-g92uB8jl4.CHzVCPLdQ9sgABjL",
          "recording_files": [
            {
              "id": "6606c8c8-9ab6-4700-8562-4685827be2ef",
              "meeting_id": "4444AAAiAAAAAiAiAiiAii==",
              "recording_start": "2025-12-10T17:01:22Z",
              "recording_end": "2025-12-10T19:01:39Z",
              "file_type": "MP4",
              "file_extension": "MP4",
              "file_size": 308098,
              "play_url": "https://us06web.zoom.us/rec/play/L21e_1yuMexp6X9eZV2Reyl.nTUKh5GAAyjXRDcA",
              "download_url": "https://us06web.zoom.us/rec/webhook_download/L21e_1yuMexp6X9eZV2Reyl.nTUKh5GAAyjXRDcA/eiIS",
              "status": "completed",
              "recording_type": "shared_screen_with_speaker_view"
            }
          ],
          "password": "W3t!$00v",
          "recording_play_passcode": "oBGMTtJl0ZIZWO5x6CN3xH0X5LDGUlY3",
          "on_prem": false
        }
      }
    }"#;

    fn rust_meeting(start_time: Option<&str>) -> MeetingRef {
        MeetingRef {
            id: "85296317740".into(),
            uuid: "4444AAAiAAAAAiAiAiiAii==".into(),
            start_time: start_time.map(at),
        }
    }

    #[test]
    fn a_join_is_read_with_the_participant_uuid_and_a_clean_email() {
        let (kind, event) = parse_event(JOINED.as_bytes()).unwrap();
        assert_eq!(kind, "meeting.participant_joined");
        assert_eq!(
            event,
            ZoomEvent::ParticipantJoined {
                meeting: rust_meeting(Some("2025-12-10T17:00:00Z")),
                participant: Participant {
                    key: "55555AAAiAAAAAiAiAiiAii".into(),
                    name: "Camille Durand".into(),
                    email: Some("camille.durand@example.fr".into()),
                },
                at: at("2025-12-10T17:02:13Z"),
            }
        );
    }

    #[test]
    fn a_leave_with_a_numeric_id_and_a_guest_without_email_is_read() {
        let (kind, event) = parse_event(LEFT.as_bytes()).unwrap();
        assert_eq!(kind, "meeting.participant_left");
        assert_eq!(
            event,
            ZoomEvent::ParticipantLeft {
                meeting: rust_meeting(Some("2025-12-10T17:00:00Z")),
                // No participant_uuid: the user_id identifies them.
                participant: Participant {
                    key: "16778240".into(),
                    name: "Invité".into(),
                    email: None,
                },
                at: at("2025-12-10T18:22:13Z"),
            }
        );
    }

    #[test]
    fn the_participant_key_falls_back_to_the_id_then_the_name() {
        let body = |participant: Value| {
            json!({
                "event": "meeting.participant_joined",
                "event_ts": 1,
                "payload": {"object": {"id": 1, "uuid": "u", "participant": participant}}
            })
            .to_string()
        };
        let key = |participant: Value| match parse_event(body(participant).as_bytes()) {
            Ok((_, ZoomEvent::ParticipantJoined { participant, .. })) => Ok(participant.key),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        };
        let t = "2025-12-10T17:02:13Z";
        assert_eq!(
            key(json!({"user_id": 16778240, "id": "p", "join_time": t})),
            Ok("16778240".into())
        );
        assert_eq!(
            key(json!({"user_id": "", "id": "iFxe", "join_time": t})),
            Ok("iFxe".into())
        );
        assert_eq!(
            key(json!({"user_name": " Léa ", "join_time": t})),
            Ok("Léa".into())
        );
        assert_eq!(
            key(json!({"join_time": t})),
            Err(ParseError::MissingField(
                "payload.object.participant.participant_uuid"
            ))
        );
        assert_eq!(
            key(json!({"user_id": "1"})),
            Err(ParseError::MissingField(
                "payload.object.participant.join_time"
            ))
        );
        assert_eq!(
            key(json!({"user_id": "1", "join_time": "hier soir"})),
            Err(ParseError::BadTime("payload.object.participant.join_time"))
        );
        assert_eq!(
            key(json!("not an object")),
            Err(ParseError::MissingField("payload.object.participant"))
        );
    }

    #[test]
    fn a_meeting_end_is_read_from_end_time_else_event_ts() {
        let (kind, event) = parse_event(ENDED.as_bytes()).unwrap();
        assert_eq!(kind, "meeting.ended");
        assert_eq!(
            event,
            ZoomEvent::MeetingEnded {
                meeting: rust_meeting(Some("2025-12-10T17:00:00Z")),
                at: at("2025-12-10T19:01:40Z"),
            }
        );
        let without_end = json!({
            "event": "meeting.ended",
            "event_ts": 1765393300000_i64,
            "payload": {"object": {"id": "85296317740", "uuid": "4444AAAiAAAAAiAiAiiAii==", "start_time": ""}}
        });
        assert_eq!(
            parse_event(without_end.to_string().as_bytes()).unwrap().1,
            ZoomEvent::MeetingEnded {
                meeting: rust_meeting(None),
                at: at("2025-12-10T19:01:40Z"),
            }
        );
        let neither = json!({
            "event": "meeting.ended",
            "payload": {"object": {"id": "1", "uuid": "u"}}
        });
        assert_eq!(
            parse_event(neither.to_string().as_bytes()),
            Err(ParseError::MissingField("payload.object.end_time"))
        );
    }

    #[test]
    fn a_recording_gives_the_share_link_with_its_url_passcode() {
        let (kind, event) = parse_event(RECORDING.as_bytes()).unwrap();
        assert_eq!(kind, "recording.completed");
        assert_eq!(
            event,
            ZoomEvent::RecordingCompleted {
                meeting: rust_meeting(Some("2025-12-10T17:00:00Z")),
                link: "https://us06web.zoom.us/rec/share/D2Ge18UEXSj88aMed-g92uB8jl4.CHzVCPLdQ9sgABjL?pwd=oBGMTtJl0ZIZWO5x6CN3xH0X5LDGUlY3".into(),
            }
        );
        // The link opens the recording: it never shows in Debug.
        let printed = format!("{event:?}");
        assert!(!printed.contains("rec/share"), "{printed}");
        assert!(printed.contains("link: ***"), "{printed}");
    }

    #[test]
    fn the_url_challenge_and_other_events_are_read() {
        let challenge = br#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"#;
        assert_eq!(
            parse_event(challenge),
            Ok((
                "endpoint.url_validation".into(),
                ZoomEvent::UrlValidation {
                    plain_token: "qgg8vlvZRS6UYooatFL8Aw".into()
                }
            ))
        );
        let started = br#"{"event":"meeting.started","event_ts":1,"payload":{"object":{}}}"#;
        assert_eq!(
            parse_event(started),
            Ok((
                "meeting.started".into(),
                ZoomEvent::Other {
                    event: "meeting.started".into()
                }
            ))
        );
    }

    #[test]
    fn broken_bodies_say_what_is_wrong() {
        assert_eq!(parse_event(b""), Err(ParseError::NotJson));
        assert_eq!(parse_event(b"{\"event\":"), Err(ParseError::NotJson));
        assert_eq!(
            parse_event(b"[1,2]"),
            Err(ParseError::MissingField("event"))
        );
        assert_eq!(
            parse_event(br#"{"event":""}"#),
            Err(ParseError::MissingField("event"))
        );
        assert_eq!(
            parse_event(br#"{"event":"endpoint.url_validation","payload":{}}"#),
            Err(ParseError::MissingField("payload.plainToken"))
        );
        let no_id = JOINED.replace("\"id\": \"85296317740\"", "\"id\": \"abc\"");
        assert_eq!(
            parse_event(no_id.as_bytes()),
            Err(ParseError::MissingField("payload.object.id"))
        );
        let float_id = LEFT.replace("\"id\": 85296317740", "\"id\": 85296317740.5");
        assert_eq!(
            parse_event(float_id.as_bytes()),
            Err(ParseError::MissingField("payload.object.id"))
        );
        let no_uuid = ENDED.replace("\"uuid\": \"4444AAAiAAAAAiAiAiiAii==\",", "");
        assert_eq!(
            parse_event(no_uuid.as_bytes()),
            Err(ParseError::MissingField("payload.object.uuid"))
        );
        let bad_start = ENDED.replace("2025-12-10T17:00:00Z", "10/12/2025 18:00");
        assert_eq!(
            parse_event(bad_start.as_bytes()),
            Err(ParseError::BadTime("payload.object.start_time"))
        );
        let no_share = RECORDING.replace("\"share_url\"", "\"shared\"");
        assert_eq!(
            parse_event(no_share.as_bytes()),
            Err(ParseError::MissingField("payload.object.share_url"))
        );
        let huge_ts = json!({
            "event": "meeting.ended",
            "event_ts": i64::MAX,
            "payload": {"object": {"id": "1", "uuid": "u"}}
        });
        assert_eq!(
            parse_event(huge_ts.to_string().as_bytes()),
            Err(ParseError::BadTime("event_ts"))
        );
    }

    #[test]
    fn a_redelivery_has_the_same_key_and_another_join_another() {
        let first = parse_event(JOINED.as_bytes()).unwrap().1;
        let again = parse_event(JOINED.as_bytes()).unwrap().1;
        let key = first.dedupe_key().unwrap();
        assert_eq!(again.dedupe_key(), Some(key.clone()));
        assert_eq!(
            key,
            r#"["meeting.participant_joined","4444AAAiAAAAAiAiAiiAii==","55555AAAiAAAAAiAiAiiAii","2025-12-10T17:02:13Z"]"#
        );
        // The same instant written with an offset is the same delivery.
        let offset = JOINED.replace("2025-12-10T17:02:13Z", "2025-12-10T18:02:13+01:00");
        let offset = parse_event(offset.as_bytes()).unwrap().1;
        assert_eq!(offset.dedupe_key(), Some(key.clone()));
        // The same learner reconnecting is another join.
        let rejoin = JOINED.replace("2025-12-10T17:02:13Z", "2025-12-10T17:40:00Z");
        let rejoin = parse_event(rejoin.as_bytes()).unwrap().1;
        assert_ne!(rejoin.dedupe_key(), Some(key.clone()));
        // Another learner joining at the same second too.
        let other = JOINED.replace("55555AAAiAAAAAiAiAiiAii", "66666BBBiBBBBBiBiBiiBii");
        let other = parse_event(other.as_bytes()).unwrap().1;
        assert_ne!(other.dedupe_key(), Some(key.clone()));
        // The next occurrence of the recurring meeting too.
        let next = JOINED.replace("4444AAAiAAAAAiAiAiiAii==", "7777CCCiCCCCCiCiCiiCii==");
        let next = parse_event(next.as_bytes()).unwrap().1;
        assert_ne!(next.dedupe_key(), Some(key));

        let left = parse_event(LEFT.as_bytes()).unwrap().1;
        let ended = parse_event(ENDED.as_bytes()).unwrap().1;
        let recording = parse_event(RECORDING.as_bytes()).unwrap().1;
        let keys = [&first, &left, &ended, &recording].map(|e| e.dedupe_key().unwrap());
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        let challenge = ZoomEvent::UrlValidation {
            plain_token: "t".into(),
        };
        let other = ZoomEvent::Other {
            event: "meeting.started".into(),
        };
        assert_eq!(challenge.dedupe_key(), None);
        assert_eq!(other.dedupe_key(), None);
    }

    #[test]
    fn meeting_ids_keep_their_digits_only() {
        assert_eq!(digits("852 9631 7740"), "85296317740");
        assert_eq!(digits("852-9631-7740"), "85296317740");
        assert_eq!(digits("85296317740"), "85296317740");
        assert_eq!(digits("https://zoom.us/j/85296317740?pwd=x"), "85296317740");
        assert_eq!(digits(""), "");
    }

    #[test]
    fn the_nearest_session_within_two_hours_is_chosen() {
        let sessions = [
            (1, at("2025-12-10T17:00:00Z")),
            (2, at("2025-12-11T17:00:00Z")),
        ];
        assert_eq!(
            nearest_session(&sessions, at("2025-12-10T17:05:00Z")),
            Some(1)
        );
        assert_eq!(
            nearest_session(&sessions, at("2025-12-11T16:10:00Z")),
            Some(2)
        );
        // Two hours exactly is still it; one second more is none.
        assert_eq!(
            nearest_session(&sessions, at("2025-12-10T19:00:00Z")),
            Some(1)
        );
        assert_eq!(nearest_session(&sessions, at("2025-12-10T19:00:01Z")), None);
        assert_eq!(nearest_session(&sessions, at("2025-12-10T14:59:59Z")), None);
        assert_eq!(nearest_session(&[], at("2025-12-10T17:00:00Z")), None);
    }

    #[test]
    fn a_tie_goes_to_the_earlier_session_whatever_the_order() {
        let start = at("2025-12-10T18:00:00Z");
        let late = (3, at("2025-12-10T19:00:00Z"));
        let early = (7, at("2025-12-10T17:00:00Z"));
        assert_eq!(nearest_session(&[late, early], start), Some(7));
        assert_eq!(nearest_session(&[early, late], start), Some(7));
        let twin = (5, early.1);
        assert_eq!(nearest_session(&[early, twin, late], start), Some(5));
    }

    fn stretch(join: &str, leave: Option<&str>) -> Interval {
        Interval {
            join: at(join),
            leave: leave.map(at),
        }
    }

    #[test]
    fn two_joins_make_eighty_minutes() {
        let intervals = [
            stretch("2025-12-10T17:00:00Z", Some("2025-12-10T17:50:00Z")),
            stretch("2025-12-10T18:00:00Z", Some("2025-12-10T18:30:00Z")),
        ];
        assert_eq!(minutes_present(&intervals, None), 80);
        assert_eq!(
            minutes_present(&intervals, Some(at("2025-12-10T19:00:00Z"))),
            80
        );
    }

    #[test]
    fn overlapping_and_duplicated_stretches_count_once() {
        let a = stretch("2025-12-10T17:00:00Z", Some("2025-12-10T17:50:00Z"));
        // Two devices at once, and a redelivered stretch.
        let overlapping = stretch("2025-12-10T17:30:00Z", Some("2025-12-10T18:10:00Z"));
        assert_eq!(minutes_present(&[a, a, overlapping, a], None), 70);
        let inside = stretch("2025-12-10T17:10:00Z", Some("2025-12-10T17:20:00Z"));
        assert_eq!(minutes_present(&[inside, a], None), 50);
        let touching = stretch("2025-12-10T17:50:00Z", Some("2025-12-10T18:00:00Z"));
        assert_eq!(minutes_present(&[touching, a], None), 60);
    }

    #[test]
    fn an_open_stretch_is_closed_at_the_end_or_ignored() {
        let open = stretch("2025-12-10T17:00:00Z", None);
        assert_eq!(
            minutes_present(&[open], Some(at("2025-12-10T18:30:00Z"))),
            90
        );
        assert_eq!(minutes_present(&[open], None), 0);
        let closed = stretch("2025-12-10T18:40:00Z", Some("2025-12-10T18:50:00Z"));
        assert_eq!(minutes_present(&[open, closed], None), 10);
        // Joined after the end: nothing.
        assert_eq!(
            minutes_present(&[open], Some(at("2025-12-10T16:00:00Z"))),
            0
        );
    }

    #[test]
    fn a_leave_before_its_join_counts_nothing_and_seconds_round_down() {
        let backwards = stretch("2025-12-10T18:00:00Z", Some("2025-12-10T17:00:00Z"));
        assert_eq!(minutes_present(&[backwards], None), 0);
        let ok = stretch("2025-12-10T17:00:00Z", Some("2025-12-10T17:10:59Z"));
        assert_eq!(minutes_present(&[backwards, ok], None), 10);
        // Rounded after the union: three 40-second stretches are 2 minutes.
        let bits = [
            stretch("2025-12-10T17:00:00Z", Some("2025-12-10T17:00:40Z")),
            stretch("2025-12-10T17:05:00Z", Some("2025-12-10T17:05:40Z")),
            stretch("2025-12-10T17:10:00Z", Some("2025-12-10T17:10:40Z")),
        ];
        assert_eq!(minutes_present(&bits, None), 2);
        assert_eq!(minutes_present(&[], None), 0);
    }

    #[test]
    fn the_recording_link_carries_the_passcode_once() {
        let share = "https://us06web.zoom.us/rec/share/D2Ge18UEXSj88aMed.CHzVCPLdQ9sgABjL";
        assert_eq!(
            recording_link(share, Some("oBGMTtJl0ZIZWO5x")),
            format!("{share}?pwd=oBGMTtJl0ZIZWO5x")
        );
        assert_eq!(recording_link(share, None), share);
        assert_eq!(recording_link(share, Some("  ")), share);
        let embedded = format!("{share}?pwd=already");
        assert_eq!(recording_link(&embedded, Some("oBGM")), embedded);
        let with_query = format!("{share}?startTime=1765386082000");
        assert_eq!(
            recording_link(&with_query, Some("oBGM")),
            format!("{with_query}&pwd=oBGM")
        );
        // Whatever a passcode holds, it stays one query value.
        assert_eq!(
            recording_link(share, Some("a&b=c d")),
            format!("{share}?pwd=a%26b%3Dc+d")
        );
        assert_eq!(recording_link("not a url", Some("x")), "not a url");
    }

    fn json_leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::from),
            "[0-9 -]{0,14}".prop_map(Value::from),
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?"
                .prop_map(Value::from),
            // Valid times too, or the events would rarely get past them.
            (0_i64..4_000_000_000).prop_map(|s| Value::from(unix(s).to_rfc3339())),
        ]
    }

    fn json_any() -> impl Strategy<Value = Value> {
        json_leaf().prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// An object holding each field five times out of six, mostly with a
    /// value of the kind Zoom sends, sometimes with anything.
    fn fields(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> impl Strategy<Value = Value> {
        fields
            .into_iter()
            .map(|(name, plausible)| {
                let value = prop_oneof![6 => plausible, 1 => json_leaf(), 1 => json_any()];
                prop::option::weighted(0.85, value).prop_map(move |v| (name, v))
            })
            .collect::<Vec<_>>()
            .prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .filter_map(|(name, v)| Some((name.to_owned(), v?)))
                        .collect(),
                )
            })
    }

    fn text_like(pattern: &'static str) -> BoxedStrategy<Value> {
        pattern.prop_map(Value::from).boxed()
    }

    fn time_like() -> BoxedStrategy<Value> {
        (0_i64..4_000_000_000)
            .prop_map(|s| Value::from(unix(s).to_rfc3339()))
            .boxed()
    }

    /// Bodies of Zoom's shape with anything in its fields: random bytes
    /// alone would almost never get past the JSON parser, nor random
    /// fields past the first required one.
    fn zoom_like() -> impl Strategy<Value = Value> {
        let event = prop::sample::select(vec![
            URL_VALIDATION,
            PARTICIPANT_JOINED,
            PARTICIPANT_LEFT,
            MEETING_ENDED,
            RECORDING_COMPLETED,
            "meeting.started",
        ]);
        let id = prop_oneof![
            any::<u64>().prop_map(Value::from),
            "[0-9 -]{1,14}".prop_map(Value::from),
        ]
        .boxed();
        let object = fields(vec![
            ("id", id),
            ("uuid", text_like("[A-Za-z0-9+/=]{1,24}")),
            ("start_time", time_like()),
            ("end_time", time_like()),
            (
                "share_url",
                text_like("https://zoom\\.us/rec/share/[A-Za-z0-9._-]{1,20}(\\?pwd=[a-z]{1,4})?"),
            ),
            ("recording_play_passcode", text_like("[A-Za-z0-9]{0,32}")),
        ]);
        let participant = prop_oneof![
            4 => fields(vec![
                ("participant_uuid", text_like("[A-Za-z0-9]{0,12}")),
                ("user_id", text_like("[0-9]{0,10}")),
                ("id", text_like("[A-Za-z0-9]{0,12}")),
                ("user_name", text_like(".{0,12}")),
                ("email", text_like(".{0,16}")),
                ("join_time", time_like()),
                ("leave_time", time_like()),
            ]),
            1 => json_any(),
        ];
        (event, json_leaf(), json_leaf(), object, participant).prop_map(
            |(event, event_ts, plain_token, mut object, participant)| {
                if let Value::Object(o) = &mut object {
                    o.insert("participant".into(), participant);
                }
                json!({
                    "event": event,
                    "event_ts": event_ts,
                    "payload": {"plainToken": plain_token, "object": object},
                })
            },
        )
    }

    proptest! {
        #[test]
        fn verify_never_panics(
            secret in ".{0,16}",
            timestamp in prop::option::of(prop_oneof![".{0,24}", "[0-9]{0,22}"]),
            signature in prop::option::of(prop_oneof![".{0,80}", "v0=[0-9a-fA-F]{0,70}"]),
            body in prop::collection::vec(any::<u8>(), 0..256),
            now in -8_000_000_000_000_i64..8_000_000_000_000,
        ) {
            let _ = verify(
                &secret,
                timestamp.as_deref(),
                signature.as_deref(),
                &body,
                unix(now),
            );
        }

        #[test]
        fn what_zoom_signs_verifies(
            secret in ".{1,16}",
            body in prop::collection::vec(any::<u8>(), 0..256),
            ts in 0_i64..4_000_000_000,
            skew in -MAX_SKEW_SECONDS..=MAX_SKEW_SECONDS,
        ) {
            let timestamp = ts.to_string();
            let signature = zoom_sign(&secret, &timestamp, &body);
            prop_assert_eq!(
                verify(&secret, Some(&timestamp), Some(&signature), &body, unix(ts + skew)),
                Ok(())
            );
        }

        #[test]
        fn parse_event_never_panics_on_bytes(body in prop::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_event(&body);
        }

        #[test]
        fn parse_event_never_panics_on_text(body in ".{0,256}") {
            let _ = parse_event(body.as_bytes());
        }

        #[test]
        fn parse_event_never_panics_on_zoom_shaped_bodies(body in zoom_like()) {
            let bytes = serde_json::to_vec(&body).unwrap();
            if let Ok((kind, event)) = parse_event(&bytes) {
                prop_assert_eq!(Some(kind.as_str()), body["event"].as_str());
                let key = event.dedupe_key();
                let _ = format!("{event:?}");
                match event {
                    ZoomEvent::ParticipantJoined { meeting, participant, .. }
                    | ZoomEvent::ParticipantLeft { meeting, participant, .. } => {
                        prop_assert!(!participant.key.is_empty());
                        prop_assert!(!meeting.id.is_empty());
                        prop_assert!(meeting.id.bytes().all(|b| b.is_ascii_digit()));
                        prop_assert!(key.is_some());
                    }
                    ZoomEvent::UrlValidation { .. } | ZoomEvent::Other { .. } => {
                        prop_assert!(key.is_none());
                    }
                    _ => prop_assert!(key.is_some()),
                }
            }
        }

        #[test]
        fn minutes_present_stays_within_the_span(
            stretches in prop::collection::vec(
                (0_i64..20_000, prop::option::of(-2_000_i64..22_000)),
                0..8,
            ),
            ended in prop::option::of(-2_000_i64..22_000),
        ) {
            let base = at("2025-12-10T17:00:00Z");
            let t = |s: i64| base + Duration::seconds(s);
            let intervals: Vec<Interval> = stretches
                .iter()
                .map(|&(join, leave)| Interval { join: t(join), leave: leave.map(t) })
                .collect();
            let ended = ended.map(t);
            let minutes = minutes_present(&intervals, ended);
            prop_assert!(minutes >= 0);
            let first = intervals.iter().map(|i| i.join).min();
            let last = intervals.iter().filter_map(|i| i.leave).chain(ended).max();
            let span = match (first, last) {
                (Some(first), Some(last)) if last > first => (last - first).num_minutes(),
                _ => 0,
            };
            prop_assert!(minutes <= span, "{} > {}", minutes, span);
            // A union: the order given and redeliveries change nothing.
            let mut shuffled = intervals.clone();
            shuffled.reverse();
            shuffled.extend_from_slice(&intervals);
            prop_assert_eq!(minutes_present(&shuffled, ended), minutes);
        }
    }
}
