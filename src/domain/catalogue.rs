//! The learners' catalogue: the formations open to requests, with the
//! caller's own requests and enrollments, and a request's status.

use serde::{Deserialize, Serialize};

use super::formation::FormationInfo;
use super::status::EnrollmentStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Pending,
    Confirmed,
    Rejected,
    /// Taken back by the learner before the payment was confirmed.
    Withdrawn,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Confirmed => "confirmed",
            RequestStatus::Rejected => "rejected",
            RequestStatus::Withdrawn => "withdrawn",
        }
    }

    /// The status of a stored value; `None` for a value no code writes.
    pub fn parse(value: &str) -> Option<RequestStatus> {
        match value {
            "pending" => Some(RequestStatus::Pending),
            "confirmed" => Some(RequestStatus::Confirmed),
            "rejected" => Some(RequestStatus::Rejected),
            "withdrawn" => Some(RequestStatus::Withdrawn),
            _ => None,
        }
    }

    /// French, for CSV exports and the CLI; pages show [`Self::label_id`].
    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Pending => "En attente de paiement",
            RequestStatus::Confirmed => "Paiement confirmé",
            RequestStatus::Rejected => "Refusée",
            RequestStatus::Withdrawn => "Retirée",
        }
    }

    /// The id of the badge text in `locales/*/shared.ftl`.
    pub fn label_id(self) -> &'static str {
        match self {
            RequestStatus::Pending => "status-request-pending",
            RequestStatus::Confirmed => "status-request-confirmed",
            RequestStatus::Rejected => "status-request-rejected",
            RequestStatus::Withdrawn => "status-request-withdrawn",
        }
    }
}

/// A formation of the learners' catalogue: never any meeting detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    pub id: i64,
    #[serde(flatten)]
    pub info: FormationInfo,
    /// The IANA zone its schedule's hours are in.
    pub timezone: String,
    /// The caller's latest request for it, if any.
    pub request: Option<RequestStatus>,
    /// The caller's live (not cancelled) enrollment, effective status.
    pub enrollment: Option<EnrollmentStatus>,
    /// Price, announced period and places (the payment instructions are
    /// left empty here: see [`CatalogueDetail::payment_instructions`]).
    pub offer: super::admin::Offer,
    /// Places taken: enrollments not cancelled.
    pub seats_taken: i64,
}

impl CatalogueEntry {
    /// Places left, when they are limited.
    pub fn seats_left(&self) -> Option<i64> {
        self.offer.seats.map(|n| (n - self.seats_taken).max(0))
    }
}

impl CatalogueEntry {
    /// A learner may ask when nothing is pending and no live enrollment is
    /// running or ahead.
    pub fn can_request(&self) -> bool {
        self.request != Some(RequestStatus::Pending)
            && !matches!(
                self.enrollment,
                Some(EnrollmentStatus::Upcoming | EnrollmentStatus::Active)
            )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyRequest {
    pub id: i64,
    pub formation_id: i64,
    pub formation_name: String,
    pub status: RequestStatus,
    pub reason: Option<String>,
    pub created_at: String,
    /// For a confirmed request: the enrollment's effective status now.
    pub enrollment: Option<EnrollmentStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueView {
    pub formations: Vec<CatalogueEntry>,
    pub requests: Vec<MyRequest>,
    /// Read by a signed-in visitor (who may ask), or anonymously.
    pub signed_in: bool,
}

/// The catalogue's search, as its GET form sends it; every part may be
/// empty (no filter).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueQuery {
    /// Words of the name, description or instructor.
    pub q: String,
    pub level: String,
    pub platform: String,
    /// `YYYY-MM`: formations with a séance that month (UTC).
    pub month: String,
}

/// A checked [`CatalogueQuery`]: unknown values are no filter rather than
/// an error (a stale link still shows the catalogue).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueFilter {
    /// Lower-cased, trimmed.
    pub words: String,
    pub level: Option<super::formation::Level>,
    pub platform: Option<super::formation::Platform>,
    /// The month's first day and the next month's, `YYYY-MM-DD`.
    pub month: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

impl CatalogueQuery {
    pub fn filter(&self) -> CatalogueFilter {
        use chrono::{Datelike, NaiveDate};
        let month = NaiveDate::parse_from_str(&format!("{}-01", self.month.trim()), "%Y-%m-%d")
            .ok()
            .and_then(|first| {
                let next = if first.month() == 12 {
                    NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
                }?;
                Some((first, next))
            });
        CatalogueFilter {
            words: self.q.trim().to_lowercase().chars().take(100).collect(),
            level: super::formation::Level::parse(self.level.trim()).ok(),
            platform: super::formation::Platform::parse(self.platform.trim()).ok(),
            month,
        }
    }

    /// Whether any filter is set (the page then offers to clear them).
    pub fn is_filtered(&self) -> bool {
        self.filter() != CatalogueFilter::default()
    }
}

/// A séance as the public sees it: when and what, never how to join.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSeance {
    pub number: i64,
    pub title: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub duration_minutes: i64,
}

/// One formation's public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueDetail {
    pub entry: CatalogueEntry,
    /// Its séances not yet ended, soonest first.
    pub sessions: Vec<PublicSeance>,
    pub signed_in: bool,
    /// How to pay: for a caller whose request waits for the payment.
    pub payment_instructions: Option<String>,
    /// The caller's latest request for it (to withdraw a pending one).
    pub request_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formation::{Level, Platform};

    #[test]
    fn the_search_reads_what_it_understands_and_ignores_the_rest() {
        let q = CatalogueQuery {
            q: "  RUST Avancé ".into(),
            level: "advanced".into(),
            platform: "nope".into(),
            month: "2026-12".into(),
        };
        let f = q.filter();
        assert_eq!(f.words, "rust avancé");
        assert_eq!(f.level, Some(Level::Advanced));
        assert_eq!(f.platform, None);
        let (from, to) = f.month.unwrap();
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2026-12-01".into(), "2027-01-01".into())
        );
        assert!(q.is_filtered());
        assert!(!CatalogueQuery::default().is_filtered());
        let bad = CatalogueQuery {
            month: "2026-13".into(),
            ..Default::default()
        };
        assert_eq!(bad.filter().month, None);
    }

    #[test]
    fn a_learner_may_ask_again_after_a_refusal_but_not_while_waiting() {
        let mut e = CatalogueEntry {
            info: FormationInfo {
                name: "F".into(),
                description: String::new(),
                level: Level::Beginner,
                platform: Platform::Zoom,
                instructor_name: "I".into(),
                schedule_description: "S".into(),
            },
            timezone: "Europe/Paris".into(),
            id: 1,
            request: Some(RequestStatus::Pending),
            enrollment: None,
            offer: Default::default(),
            seats_taken: 0,
        };
        assert!(!e.can_request());
        e.request = Some(RequestStatus::Rejected);
        assert!(e.can_request());
        e.enrollment = Some(EnrollmentStatus::Active);
        assert!(!e.can_request());
        e.enrollment = Some(EnrollmentStatus::Cancelled);
        assert!(e.can_request());
    }

    #[test]
    fn the_french_words_of_the_pages_are_the_labels_of_exports() {
        use crate::i18n::{lookup, Lang};
        for s in [
            RequestStatus::Pending,
            RequestStatus::Confirmed,
            RequestStatus::Rejected,
            RequestStatus::Withdrawn,
        ] {
            assert_eq!(
                lookup(Lang::Fr, s.label_id(), &[]).as_deref(),
                Some(s.label())
            );
            assert!(lookup(Lang::En, s.label_id(), &[]).is_some(), "{s:?}");
        }
    }
}
