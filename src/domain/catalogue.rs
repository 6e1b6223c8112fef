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
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Confirmed => "confirmed",
            RequestStatus::Rejected => "rejected",
        }
    }

    /// The status of a stored value; `None` for a value no code writes.
    pub fn parse(value: &str) -> Option<RequestStatus> {
        match value {
            "pending" => Some(RequestStatus::Pending),
            "confirmed" => Some(RequestStatus::Confirmed),
            "rejected" => Some(RequestStatus::Rejected),
            _ => None,
        }
    }

    /// French, for CSV exports and the CLI; pages show [`Self::label_id`].
    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Pending => "En attente de paiement",
            RequestStatus::Confirmed => "Paiement confirmé",
            RequestStatus::Rejected => "Refusée",
        }
    }

    /// The id of the badge text in `locales/*/shared.ftl`.
    pub fn label_id(self) -> &'static str {
        match self {
            RequestStatus::Pending => "status-request-pending",
            RequestStatus::Confirmed => "status-request-confirmed",
            RequestStatus::Rejected => "status-request-rejected",
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formation::{Level, Platform};

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
        ] {
            assert_eq!(
                lookup(Lang::Fr, s.label_id(), &[]).as_deref(),
                Some(s.label())
            );
            assert!(lookup(Lang::En, s.label_id(), &[]).is_some(), "{s:?}");
        }
    }
}
