//! Zoom meetings made, moved and deleted with the séances, without the
//! network: what to ask Zoom for a séance, what its answers mean, and when
//! to ask again. The server's Zoom client and outbox worker only carry
//! these decisions over HTTP and into the database.

use crate::domain::zone::Tz;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

/// Zoom's limit on a meeting's topic, in characters.
pub const MAX_TOPIC_CHARS: usize = 200;

/// A token is used until this long before Zoom says it expires, so a call
/// never leaves with a token that expires on the way.
pub fn token_margin() -> Duration {
    Duration::minutes(1)
}

/// The meeting a séance should have, as Zoom is told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingPlan {
    pub topic: String,
    /// Local wall time in `timezone`, `yyyy-MM-ddTHH:mm:ss`, the form Zoom
    /// reads together with `timezone`.
    pub start_time: String,
    pub duration_minutes: i64,
    pub timezone: String,
}

/// "Formation — titre de la séance", cut to Zoom's limit. The séance's
/// number is left out on purpose: renumbering then changes nothing Zoom
/// knows, so a regenerated series does not spend the host's daily quota of
/// meeting updates.
pub fn topic(formation: &str, title: &str) -> String {
    let full = format!("{} — {}", formation.trim(), title.trim());
    full.chars().take(MAX_TOPIC_CHARS).collect()
}

impl MeetingPlan {
    pub fn new(
        formation: &str,
        title: &str,
        starts_at: DateTime<Utc>,
        duration_minutes: i64,
        tz: Tz,
    ) -> MeetingPlan {
        MeetingPlan {
            topic: topic(formation, title),
            start_time: starts_at
                .with_timezone(&tz)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            duration_minutes,
            timezone: tz.name().to_string(),
        }
    }

    /// What Zoom was told, as one comparable text: a séance whose plan has
    /// the same fingerprint as the one last sent needs no call.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.start_time, self.duration_minutes, self.timezone, self.topic
        )
    }

    /// The body of `POST /users/{host}/meetings`: a scheduled meeting
    /// (type 2) that only signed-in Zoom users may join, so the webhooks
    /// of issue 15 carry e-mails that match learners.
    pub fn create_body(&self) -> Value {
        json!({
            "topic": self.topic,
            "type": 2,
            "start_time": self.start_time,
            "duration": self.duration_minutes,
            "timezone": self.timezone,
            "settings": {
                "meeting_authentication": true,
                "join_before_host": false,
                "waiting_room": false,
                "approval_type": 2,
            },
        })
    }

    /// The body of `PATCH /meetings/{id}`: only what the platform owns, so
    /// settings a host changed in Zoom stay as they are.
    pub fn update_body(&self) -> Value {
        json!({
            "topic": self.topic,
            "start_time": self.start_time,
            "duration": self.duration_minutes,
            "timezone": self.timezone,
        })
    }
}

/// A meeting Zoom created: what learners may get of it. The host-only
/// `start_url` is deliberately not read.
#[derive(Clone, PartialEq, Eq)]
pub struct CreatedMeeting {
    pub id: String,
    pub join_url: String,
    pub password: Option<String>,
}
crate::debug_redacted!(CreatedMeeting { id } hide { join_url, password });

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads the answer to a create: Zoom's id (a 64-bit number), `join_url`
/// (which must be https) and `password`.
pub fn parse_created(body: &[u8]) -> Result<CreatedMeeting, String> {
    let root: Value = serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = text_of(&root["id"]).ok_or("no meeting id in Zoom's answer")?;
    if !id.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("unexpected meeting id {id:?}"));
    }
    let join_url = text_of(&root["join_url"]).ok_or("no join_url in Zoom's answer")?;
    match url::Url::parse(&join_url) {
        Ok(url) if url.scheme() == "https" => {}
        _ => return Err("join_url is not an https URL".into()),
    }
    Ok(CreatedMeeting {
        id,
        join_url,
        password: text_of(&root["password"]),
    })
}

/// The replay link of `GET /meetings/{id}/recordings`: its `share_url`,
/// with `recording_play_passcode` as `?pwd=` (the same rule as the
/// `recording.completed` webhook). `None` while nothing was recorded.
pub fn parse_recordings(body: &[u8]) -> Result<Option<String>, String> {
    let root: Value = serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let Some(share_url) = text_of(&root["share_url"]) else {
        return Ok(None);
    };
    if !matches!(url::Url::parse(&share_url), Ok(u) if u.scheme() == "https") {
        return Err("share_url is not an https URL".into());
    }
    let passcode = text_of(&root["recording_play_passcode"]);
    Ok(Some(crate::domain::zoom::recording_link(
        &share_url,
        passcode.as_deref(),
    )))
}

/// An access token and when to stop using it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    pub value: String,
    pub use_until: DateTime<Utc>,
}
crate::debug_redacted!(Token { use_until } hide { value });

impl Token {
    pub fn fresh(&self, now: DateTime<Utc>) -> bool {
        now < self.use_until
    }
}

/// Reads `POST /oauth/token`'s answer: `access_token` and `expires_in`
/// (seconds; an hour by default), kept until a minute before it ends.
pub fn parse_token(body: &[u8], now: DateTime<Utc>) -> Result<Token, String> {
    let root: Value = serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let value = root["access_token"]
        .as_str()
        .filter(|t| !t.is_empty())
        .ok_or("no access_token in Zoom's answer")?
        .to_string();
    let expires_in = root["expires_in"].as_i64().unwrap_or(3600).max(0);
    Ok(Token {
        value,
        use_until: now + Duration::seconds(expires_in) - token_margin(),
    })
}

/// `Retry-After` as Zoom (and HTTP) sends it: seconds, or an HTTP date.
/// Bounded to a day, so a wrong header cannot park a séance for ever.
pub fn retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    let wait = if let Ok(seconds) = value.parse::<i64>() {
        Duration::seconds(seconds)
    } else {
        DateTime::parse_from_rfc2822(value)
            .ok()
            .map(|at| at.with_timezone(&Utc) - now)?
    };
    Some(wait.clamp(Duration::zero(), Duration::days(1)))
}

/// Why a call to Zoom did not do what was asked, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Try again later: after `after` when Zoom said so (429), else after
    /// the outbox's backoff (Zoom down, 5xx, network).
    Retry {
        reason: String,
        after: Option<Duration>,
    },
    /// Zoom refused what was asked (4xx): trying again changes nothing
    /// until an admin does something.
    Refused(String),
    /// The meeting is not (or no longer) in Zoom.
    NotFound,
}

impl Failure {
    pub fn reason(&self) -> String {
        match self {
            Failure::Retry { reason, .. } | Failure::Refused(reason) => reason.clone(),
            Failure::NotFound => "meeting not found in Zoom".into(),
        }
    }
}

/// Zoom's error body (`{"code": 300, "message": "…"}`) as one line, with
/// the HTTP status: what the admin reads after "échouée".
pub fn error_reason(status: u16, body: &[u8]) -> String {
    let detail = serde_json::from_slice::<Value>(body).ok().and_then(|v| {
        let message = v["message"].as_str()?.trim().to_string();
        Some(match v["code"].as_i64() {
            Some(code) => format!("{message} (code {code})"),
            None => message,
        })
    });
    let mut reason = match detail {
        Some(detail) if !detail.is_empty() => format!("HTTP {status}: {detail}"),
        _ => format!("HTTP {status}"),
    };
    reason.truncate(reason.floor_char_boundary(300));
    reason
}

/// What a non-success answer from the meetings API means.
pub fn classify(status: u16, body: &[u8], retry_after: Option<Duration>) -> Failure {
    let reason = error_reason(status, body);
    match status {
        404 => Failure::NotFound,
        429 => Failure::Retry {
            reason,
            after: retry_after,
        },
        408 | 500..=599 => Failure::Retry {
            reason,
            after: None,
        },
        _ => Failure::Refused(reason),
    }
}

/// A séance's outbox row with what the séance is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncJob {
    pub session_id: i64,
    pub generation: i64,
    pub attempts: i64,
    /// The meeting Zoom has for it (the séance's, or remembered by the
    /// outbox once the séance is deleted).
    pub meeting: Option<String>,
    /// What Zoom was last told.
    pub synced: Option<String>,
    /// `None` once the séance is deleted.
    pub seance: Option<SeanceNow>,
}

/// A séance as it stands, for its meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeanceNow {
    pub auto_meetings: bool,
    pub plan: MeetingPlan,
    pub ends_at: DateTime<Utc>,
}

/// What to ask Zoom for one outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Create(MeetingPlan),
    Update(String, MeetingPlan),
    Delete(String),
    /// Zoom already has it right, or there is nothing to do.
    Nothing,
}

/// The decision for one row at `now`: a deleted séance's meeting is
/// deleted; a séance of a formation with automatic meetings gets one
/// (unless it is over: a meeting in the past helps nobody) and keeps it in
/// step; a formation that stopped automatic meetings keeps what it has.
pub fn next_step(job: &SyncJob, now: DateTime<Utc>) -> Step {
    match (&job.seance, &job.meeting) {
        (None, Some(meeting)) => Step::Delete(meeting.clone()),
        (None, None) => Step::Nothing,
        (Some(s), _) if !s.auto_meetings => Step::Nothing,
        (Some(s), None) if s.ends_at <= now => Step::Nothing,
        (Some(s), None) => Step::Create(s.plan.clone()),
        (Some(s), Some(meeting)) => {
            if job.synced.as_deref() == Some(s.plan.fingerprint().as_str()) {
                Step::Nothing
            } else {
                Step::Update(meeting.clone(), s.plan.clone())
            }
        }
    }
}

/// When a failed call is tried again (`attempts` counts this one), or
/// `None` when the outbox gives up and the admin is shown "échouée".
pub fn retry_at(
    attempts: i64,
    after: Option<Duration>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    // Zoom's own "come back at" is honoured whatever the count: a daily
    // quota ends, it is not a fault.
    if let Some(after) = after {
        return Some(now + after);
    }
    (attempts < crate::domain::reminder::MAX_ATTEMPTS)
        .then(|| now + crate::domain::reminder::backoff(attempts))
}

/// Sessions ended longer ago than this without a replay are asked for one.
pub fn recording_delay() -> Duration {
    Duration::hours(2)
}

/// After this long nobody waits for a replay any more.
pub fn recording_give_up() -> Duration {
    Duration::days(7)
}

/// Between two asks for the same séance's replay.
pub fn recording_interval() -> Duration {
    Duration::hours(6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn plan() -> MeetingPlan {
        MeetingPlan::new(
            "Rust",
            "Séance",
            at("2026-12-10T18:00:00Z"),
            120,
            crate::domain::zone::PARIS,
        )
    }

    #[test]
    fn a_plan_is_local_time_with_its_zone_and_a_topic_without_number() {
        let p = plan();
        assert_eq!(p.start_time, "2026-12-10T19:00:00");
        assert_eq!(p.timezone, "Europe/Paris");
        assert_eq!(p.topic, "Rust — Séance");
        let body = p.create_body();
        assert_eq!(body["type"], 2);
        assert_eq!(body["duration"], 120);
        assert_eq!(body["settings"]["meeting_authentication"], true);
        assert!(p.update_body().get("settings").is_none());
        let long = topic(&"x".repeat(300), "y");
        assert_eq!(long.chars().count(), MAX_TOPIC_CHARS);
    }

    #[test]
    fn answers_are_read_and_checked() {
        let created = parse_created(
            br#"{"id": 85746065432, "join_url": "https://us05web.zoom.us/j/85746065432?pwd=abc",
                 "start_url": "https://zoom.us/s/85746065432?zak=host", "password": "Xy12"}"#,
        )
        .unwrap();
        assert_eq!(created.id, "85746065432");
        assert_eq!(created.password.as_deref(), Some("Xy12"));
        assert!(!format!("{created:?}").contains("zoom.us"));
        assert!(parse_created(br#"{"id": 1, "join_url": "http://zoom.us/j/1"}"#).is_err());
        assert!(parse_created(br#"{"join_url": "https://zoom.us/j/1"}"#).is_err());
        assert!(parse_created(b"nope").is_err());
        assert_eq!(
            parse_recordings(
                br#"{"share_url": "https://zoom.us/rec/share/A", "recording_play_passcode": "p1"}"#
            )
            .unwrap()
            .as_deref(),
            Some("https://zoom.us/rec/share/A?pwd=p1")
        );
        assert_eq!(
            parse_recordings(br#"{"recording_files": []}"#).unwrap(),
            None
        );
    }

    #[test]
    fn tokens_are_kept_until_a_minute_before_they_end() {
        let now = at("2026-12-01T10:00:00Z");
        let token = parse_token(br#"{"access_token": "t1", "expires_in": 3599}"#, now).unwrap();
        assert!(token.fresh(now + Duration::minutes(57)));
        assert!(!token.fresh(now + Duration::seconds(3599 - 60)));
        assert!(parse_token(br#"{"error": "invalid_client"}"#, now).is_err());
        assert!(!format!("{token:?}").contains("t1"));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates_within_a_day() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        assert_eq!(retry_after("7", now), Some(Duration::seconds(7)));
        assert_eq!(
            retry_after("Tue, 01 Dec 2026 10:02:00 GMT", now),
            Some(Duration::minutes(2))
        );
        assert_eq!(retry_after("999999", now), Some(Duration::days(1)));
        assert_eq!(retry_after("-5", now), Some(Duration::zero()));
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn failures_are_classified() {
        assert_eq!(classify(404, b"", None), Failure::NotFound);
        assert_eq!(
            classify(
                429,
                br#"{"code": 429, "message": "Too many requests"}"#,
                Some(Duration::seconds(3))
            ),
            Failure::Retry {
                reason: "HTTP 429: Too many requests (code 429)".into(),
                after: Some(Duration::seconds(3))
            }
        );
        assert!(matches!(
            classify(503, b"down", None),
            Failure::Retry { after: None, .. }
        ));
        assert_eq!(
            classify(
                400,
                br#"{"code": 300, "message": "Invalid start_time"}"#,
                None
            ),
            Failure::Refused("HTTP 400: Invalid start_time (code 300)".into())
        );
    }

    #[test]
    fn the_next_step_follows_the_seance() {
        let now = at("2026-12-01T10:00:00Z");
        let seance = SeanceNow {
            auto_meetings: true,
            plan: plan(),
            ends_at: at("2026-12-10T20:00:00Z"),
        };
        let mut job = SyncJob {
            session_id: 1,
            generation: 1,
            attempts: 1,
            meeting: None,
            synced: None,
            seance: Some(seance.clone()),
        };
        assert_eq!(next_step(&job, now), Step::Create(plan()));
        job.meeting = Some("9".into());
        assert_eq!(next_step(&job, now), Step::Update("9".into(), plan()));
        job.synced = Some(plan().fingerprint());
        assert_eq!(next_step(&job, now), Step::Nothing);
        job.seance = None;
        assert_eq!(next_step(&job, now), Step::Delete("9".into()));
        job.meeting = None;
        assert_eq!(next_step(&job, now), Step::Nothing);
        // Over, or a formation that stopped automatic meetings: nothing.
        job.seance = Some(seance.clone());
        assert_eq!(next_step(&job, at("2026-12-11T00:00:00Z")), Step::Nothing);
        job.seance = Some(SeanceNow {
            auto_meetings: false,
            ..seance
        });
        assert_eq!(next_step(&job, now), Step::Nothing);
    }

    #[test]
    fn retries_back_off_then_give_up_unless_zoom_said_when() {
        let now = at("2026-12-01T10:00:00Z");
        assert_eq!(retry_at(1, None, now), Some(now + Duration::minutes(1)));
        assert_eq!(retry_at(5, None, now), None);
        assert_eq!(
            retry_at(9, Some(Duration::seconds(2)), now),
            Some(now + Duration::seconds(2))
        );
    }
}
