//! What an admin action tells the admin once it is done ("Séance ajoutée."):
//! the action's redirect carries its key (`?flash=<key>`), so the message
//! reads the same with JavaScript (the router follows the redirect) and
//! without (the browser does), and it is gone on the next page.

/// One message per kind of admin action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    FormationCreated,
    FormationSaved,
    FormationArchived,
    FormationRestored,
    FormationPublished,
    FormationUnpublished,
    SessionAdded,
    SeriesCreated,
    SessionSaved,
    SessionDeleted,
    RecordingSaved,
    ZoomRetried,
    RequestConfirmed,
    RequestRefused,
    UserEnrolled,
    EnrollmentCancelled,
    LearnerRenamed,
    CertificateIssued,
    CertificateRevoked,
    CertificateReissued,
    ReminderResent,
    AttendanceSaved,
    ImportApplied,
}

impl Flash {
    const ALL: [Flash; 23] = [
        Flash::FormationCreated,
        Flash::FormationSaved,
        Flash::FormationArchived,
        Flash::FormationRestored,
        Flash::FormationPublished,
        Flash::FormationUnpublished,
        Flash::SessionAdded,
        Flash::SeriesCreated,
        Flash::SessionSaved,
        Flash::SessionDeleted,
        Flash::RecordingSaved,
        Flash::ZoomRetried,
        Flash::RequestConfirmed,
        Flash::RequestRefused,
        Flash::UserEnrolled,
        Flash::EnrollmentCancelled,
        Flash::LearnerRenamed,
        Flash::CertificateIssued,
        Flash::CertificateRevoked,
        Flash::CertificateReissued,
        Flash::ReminderResent,
        Flash::AttendanceSaved,
        Flash::ImportApplied,
    ];

    /// The key in the URL and, prefixed with `flash-`, the locale entry.
    pub fn key(self) -> &'static str {
        self.message_id().trim_start_matches("flash-")
    }

    /// The message's id in the locale files (`admin.ftl`).
    pub fn message_id(self) -> &'static str {
        match self {
            Flash::FormationCreated => "flash-formation-created",
            Flash::FormationSaved => "flash-formation-saved",
            Flash::FormationArchived => "flash-formation-archived",
            Flash::FormationRestored => "flash-formation-restored",
            Flash::FormationPublished => "flash-formation-published",
            Flash::FormationUnpublished => "flash-formation-unpublished",
            Flash::SessionAdded => "flash-session-added",
            Flash::SeriesCreated => "flash-series-created",
            Flash::SessionSaved => "flash-session-saved",
            Flash::SessionDeleted => "flash-session-deleted",
            Flash::RecordingSaved => "flash-recording-saved",
            Flash::ZoomRetried => "flash-zoom-retried",
            Flash::RequestConfirmed => "flash-request-confirmed",
            Flash::RequestRefused => "flash-request-refused",
            Flash::UserEnrolled => "flash-user-enrolled",
            Flash::EnrollmentCancelled => "flash-enrollment-cancelled",
            Flash::LearnerRenamed => "flash-learner-renamed",
            Flash::CertificateIssued => "flash-certificate-issued",
            Flash::CertificateRevoked => "flash-certificate-revoked",
            Flash::CertificateReissued => "flash-certificate-reissued",
            Flash::ReminderResent => "flash-reminder-resent",
            Flash::AttendanceSaved => "flash-attendance-saved",
            Flash::ImportApplied => "flash-import-applied",
        }
    }

    /// The message a URL's key names; anything else is none (a key is never
    /// echoed).
    pub fn from_key(key: &str) -> Option<Flash> {
        Flash::ALL.into_iter().find(|f| f.key() == key)
    }

    /// `path` (which may carry a query and a `#fragment`) with this message.
    /// `tag` tells two successes apart: the same action done twice must
    /// change the URL, or a router that is already there shows nothing new.
    pub fn on(self, path: &str, tag: &str) -> String {
        let (path, fragment) = match path.split_once('#') {
            Some((path, fragment)) => (path, format!("#{fragment}")),
            None => (path, String::new()),
        };
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{path}{sep}flash={}&t={tag}{fragment}", self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_reads_back() {
        let mut keys: Vec<_> = Flash::ALL.iter().map(|f| f.key()).collect();
        for flash in Flash::ALL {
            assert_eq!(Flash::from_key(flash.key()), Some(flash));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Flash::ALL.len());
        assert_eq!(Flash::from_key("<b>"), None);
    }

    #[test]
    fn the_message_goes_before_the_fragment_and_after_a_query() {
        assert_eq!(
            Flash::SessionAdded.on("/admin/formations/3/seances", "k1"),
            "/admin/formations/3/seances?flash=session-added&t=k1"
        );
        assert_eq!(
            Flash::ImportApplied.on("/admin/seances/4?import=9#presences", "x"),
            "/admin/seances/4?import=9&flash=import-applied&t=x#presences"
        );
    }
}
