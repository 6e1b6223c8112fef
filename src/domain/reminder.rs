//! The rules of reminders: which channels exist, when each is due, which
//! (learner, séance) pairs deserve one, and how a failed delivery is tried
//! again. Reminders are derived from séances and enrollments at each sweep,
//! never from a list of jobs written in advance: a moved séance simply
//! yields a reminder for its new start, and the one computed for the old
//! start can no longer be delivered.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The preferences page, where each channel is turned on or off.
pub const PREFERENCES_PATH: &str = "/compte/rappels";

/// The one-click unsubscribe route of reminder mails (no login: the token
/// is the proof).
pub const UNSUBSCRIBE_PREFIX: &str = "/rappels/desabonner/";

/// A way of reminding a learner of a séance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// The e-mail 24 hours before.
    Email,
    /// The notice in the app (bell, page, live toast) 15 minutes before.
    InApp,
    /// The Web Push notification 1 hour before, on every browser or phone
    /// the learner subscribed.
    Push,
}

impl Channel {
    /// Every channel the platform delivers, in the order the preferences
    /// page lists them.
    pub const ALL: &'static [Channel] = &[Channel::Email, Channel::Push, Channel::InApp];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::InApp => "in_app",
            Channel::Push => "push",
        }
    }

    pub fn parse(value: &str) -> Option<Channel> {
        Channel::ALL.iter().copied().find(|c| c.as_str() == value)
    }

    /// How long before the séance's start this channel reminds.
    pub fn lead(self) -> Duration {
        match self {
            Channel::Email => Duration::hours(24),
            Channel::InApp => Duration::minutes(15),
            Channel::Push => Duration::hours(1),
        }
    }

    /// The moment this channel's reminder of a séance starting at
    /// `starts_at` is due.
    pub fn due_at(self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at - self.lead()
    }

    /// The longest lead of all channels: how far ahead a sweep looks.
    pub fn horizon() -> Duration {
        Channel::ALL
            .iter()
            .map(|c| c.lead())
            .max()
            .unwrap_or_else(Duration::zero)
    }
}

/// A learner's séance as a sweep sees it: what decides whether it deserves
/// a reminder on a channel now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: i64,
    pub session_id: i64,
    pub starts_at: DateTime<Utc>,
    /// When the séance's time last changed (its creation counts).
    pub moved_at: DateTime<Utc>,
    pub enrollment_created_at: DateTime<Utc>,
    /// The enrollment's period and the séance's day, both in the
    /// formation's time zone.
    pub enrollment_start: NaiveDate,
    pub enrollment_end: NaiveDate,
    pub session_day: NaiveDate,
    /// Neither cancelled nor completed by an admin.
    pub enrollment_live: bool,
    /// The learner turned this channel off, or has nothing it can reach
    /// (no browser subscribed to pushes).
    pub opted_out: bool,
}

/// Whether `c` deserves its `channel` reminder at `now`: due and the séance
/// not started yet (a moment missed while no server ran is still worth
/// sending until then), the séance within a live enrollment's period, the
/// channel on, and the moment not before the enrollment existed nor before
/// the séance last moved (a learner enrolled 3 hours before gets no 24-hour
/// reminder; a séance moved to tomorrow morning gets none for the missed
/// moment).
pub fn deserves(channel: Channel, c: &Candidate, now: DateTime<Utc>) -> bool {
    let due = channel.due_at(c.starts_at);
    due <= now
        && now < c.starts_at
        && c.enrollment_live
        && !c.opted_out
        && (c.enrollment_start..=c.enrollment_end).contains(&c.session_day)
        && due >= c.enrollment_created_at
        && due >= c.moved_at
}

/// Attempts before a reminder is given up (an admin may still send it
/// again from the "Envois" page).
pub const MAX_ATTEMPTS: i64 = 5;

/// How long after its `attempts`-th failed attempt a reminder is tried
/// again: 1, 5, 15 then 60 minutes, so a relay that is down for a moment
/// costs little and one that is down for long is not hammered.
pub fn backoff(attempts: i64) -> Duration {
    match attempts {
        i64::MIN..=1 => Duration::minutes(1),
        2 => Duration::minutes(5),
        3 => Duration::minutes(15),
        _ => Duration::minutes(60),
    }
}

/// A worker's claim on a reminder lasts this long: one that died while
/// delivering leaves it to another instance after that.
pub fn lease() -> Duration {
    Duration::minutes(5)
}

/// Where a reminder stands in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeliveryState {
    Pending,
    Sent,
    Failed,
    Expired,
}

impl DeliveryState {
    pub const ALL: &'static [DeliveryState] = &[
        DeliveryState::Pending,
        DeliveryState::Sent,
        DeliveryState::Failed,
        DeliveryState::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
            DeliveryState::Expired => "expired",
        }
    }

    pub fn parse(value: &str) -> Option<DeliveryState> {
        DeliveryState::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == value)
    }
}

/// After a failed attempt: the state and the next try.
pub fn after_failure(attempts: i64, now: DateTime<Utc>) -> (DeliveryState, DateTime<Utc>) {
    if attempts >= MAX_ATTEMPTS {
        (DeliveryState::Failed, now)
    } else {
        (DeliveryState::Pending, now + backoff(attempts))
    }
}

/// Whether an admin may send a reminder again: it did not go (given up or
/// expired) and its séance has not started, at the time it was computed
/// for.
pub fn can_resend(state: DeliveryState, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    matches!(state, DeliveryState::Failed | DeliveryState::Expired) && now < starts_at
}

/// One delivery on the admin "Envois" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: i64,
    pub channel: Channel,
    pub state: DeliveryState,
    pub learner_name: String,
    pub learner_email: String,
    pub formation_name: String,
    pub session_number: i64,
    pub session_title: String,
    pub timezone: String,
    pub starts_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub can_resend: bool,
}

/// How many deliveries the "Envois" page shows at once.
pub const DELIVERIES_PAGE_SIZE: i64 = 50;

/// A page of the "Envois" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveriesView {
    pub deliveries: Vec<Delivery>,
    /// The cursor of the next (older) page, if any.
    pub older_than: Option<i64>,
    /// The state shown, when filtered.
    pub state: Option<DeliveryState>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn candidate() -> Candidate {
        Candidate {
            user_id: 1,
            session_id: 2,
            starts_at: at("2026-12-10T18:00:00Z"),
            moved_at: at("2026-11-01T09:00:00Z"),
            enrollment_created_at: at("2026-11-02T09:00:00Z"),
            enrollment_start: day("2026-12-01"),
            enrollment_end: day("2026-12-31"),
            session_day: day("2026-12-10"),
            enrollment_live: true,
            opted_out: false,
        }
    }

    #[test]
    fn the_email_is_due_24_hours_before_and_until_the_start() {
        let c = candidate();
        let email = Channel::Email;
        assert!(!deserves(email, &c, at("2026-12-09T17:59:59Z")));
        assert!(deserves(email, &c, at("2026-12-09T18:00:00Z")));
        // Missed while no server ran: still worth it before the start.
        assert!(deserves(email, &c, at("2026-12-10T17:59:00Z")));
        assert!(!deserves(email, &c, at("2026-12-10T18:00:00Z")));
    }

    #[test]
    fn the_push_is_due_an_hour_before_and_the_notice_15_minutes_before() {
        let c = candidate();
        assert!(!deserves(Channel::Push, &c, at("2026-12-10T16:59:59Z")));
        assert!(deserves(Channel::Push, &c, at("2026-12-10T17:00:00Z")));
        assert!(!deserves(Channel::InApp, &c, at("2026-12-10T17:44:59Z")));
        assert!(deserves(Channel::InApp, &c, at("2026-12-10T17:45:00Z")));
        assert!(!deserves(Channel::InApp, &c, at("2026-12-10T18:00:00Z")));
        // A séance moved 30 minutes before its start gets its notice, not
        // the push whose moment had passed.
        let moved = Candidate {
            moved_at: at("2026-12-10T17:30:00Z"),
            ..candidate()
        };
        let now = at("2026-12-10T17:50:00Z");
        assert!(deserves(Channel::InApp, &moved, now));
        assert!(!deserves(Channel::Push, &moved, now));
    }

    #[test]
    fn no_reminder_for_a_moment_before_the_enrollment_or_the_last_move() {
        let now = at("2026-12-10T15:00:00Z");
        let late_enrollment = Candidate {
            enrollment_created_at: at("2026-12-10T15:00:00Z"),
            ..candidate()
        };
        assert!(!deserves(Channel::Email, &late_enrollment, now));
        let just_moved = Candidate {
            moved_at: at("2026-12-10T10:00:00Z"),
            ..candidate()
        };
        assert!(!deserves(Channel::Email, &just_moved, now));
        assert!(deserves(Channel::Email, &candidate(), now));
    }

    #[test]
    fn no_reminder_outside_a_live_period_or_for_a_channel_turned_off() {
        let now = at("2026-12-10T15:00:00Z");
        for c in [
            Candidate {
                enrollment_live: false,
                ..candidate()
            },
            Candidate {
                opted_out: true,
                ..candidate()
            },
            Candidate {
                enrollment_end: day("2026-12-09"),
                ..candidate()
            },
            Candidate {
                enrollment_start: day("2026-12-11"),
                ..candidate()
            },
        ] {
            assert!(!deserves(Channel::Email, &c, now), "{c:?}");
        }
    }

    #[test]
    fn failures_back_off_then_give_up() {
        let now = at("2026-12-10T15:00:00Z");
        assert_eq!(
            after_failure(1, now),
            (DeliveryState::Pending, now + Duration::minutes(1))
        );
        assert_eq!(
            after_failure(4, now),
            (DeliveryState::Pending, now + Duration::minutes(60))
        );
        assert_eq!(after_failure(MAX_ATTEMPTS, now).0, DeliveryState::Failed);
        assert!(backoff(2) < backoff(3));
    }

    #[test]
    fn only_what_did_not_go_and_can_still_help_is_sent_again() {
        let start = at("2026-12-10T18:00:00Z");
        let before = at("2026-12-10T17:00:00Z");
        assert!(can_resend(DeliveryState::Failed, start, before));
        assert!(can_resend(DeliveryState::Expired, start, before));
        assert!(!can_resend(DeliveryState::Sent, start, before));
        assert!(!can_resend(DeliveryState::Pending, start, before));
        assert!(!can_resend(DeliveryState::Failed, start, start));
    }

    #[test]
    fn names_read_back() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(*c));
        }
        for s in DeliveryState::ALL {
            assert_eq!(DeliveryState::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Channel::parse("pigeon"), None);
        assert_eq!(Channel::horizon(), Duration::hours(24));
    }
}
