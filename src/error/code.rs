//! What went wrong, as data: every refusal of the domain and the stores is
//! one of these codes. Words are chosen elsewhere (`super::words`), so the
//! same code reads the same in a page, a JSON answer and the CLI, and a form
//! posted without JavaScript carries only the short key through its redirect.

use serde::{Deserialize, Serialize};

use crate::domain::formation::Platform;

/// Declares the codes: those of `carried` have no data and may travel
/// through a redirect by their key (`CARRIED` lists them); those of `data`
/// name a field or a value and never travel that way.
macro_rules! error_codes {
    (
        carried { $($(#[$cm:meta])* $carried:ident,)* }
        data { $($(#[$dm:meta])* $data:ident { $($field:ident: $ty:ty),* $(,)? },)* }
    ) => {
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub enum ErrorCode {
            $($(#[$cm])* $carried,)*
            $($(#[$dm])* $data { $($field: $ty),* },)*
        }

        const CARRIED: &[ErrorCode] = &[$(ErrorCode::$carried),*];

        impl ErrorCode {
            /// One of each code, its data left empty (for the tests that
            /// check every code has words).
            #[cfg(test)]
            pub(crate) fn every() -> Vec<ErrorCode> {
                vec![
                    $(ErrorCode::$carried,)*
                    $(ErrorCode::$data { $($field: Default::default()),* },)*
                ]
            }
        }
    };
}

error_codes! {
    carried {
        // A formation's fields, as the admin form names them.
        FormationName,
        InstructorName,
        ScheduleDescription,
        DescriptionTooLong,
        MeetingIdTooLong,
        MeetingPasswordTooLong,
        MeetingLinkTooLong,
        LevelMissing,
        PlatformMissing,
        MeetingLinkNotHttps,
        /// A meeting link on another host than its platform's.
        MeetingLinkNotZoom,
        MeetingLinkNotMeet,
        MeetingLinkNotTeams,
        TimezoneUnknown,
        /// A presence threshold (Zoom, imported reports) outside 0–100.
        ZoomMinPresence,
        /// Automatic Zoom meetings on a formation of another platform.
        ZoomAutoNotZoom,
        /// "Réessayer" on a séance whose Zoom sync has not failed.
        ZoomSyncNotFailed,
        // What the catalogue announces of a formation.
        PriceAmount,
        PriceCurrency,
        OfferStart,
        OfferEnd,
        OfferEndBeforeStart,
        Seats,
        PaymentInstructionsTooLong,
        /// A learner withdraws a request that is no longer waiting.
        RequestNotPending,
        /// Publishing a formation without séances, unconfirmed.
        PublishWithoutSessions,
        /// Someone else saved the formation since the form was opened.
        StaleFormation,
        // A séance's fields and a series of séances.
        SeanceTitle,
        ScheduledAt,
        Duration,
        SeanceNumber,
        RecordingLink,
        Weekdays,
        StartTime,
        SeriesFrom,
        SeriesTo,
        SeriesToBeforeFrom,
        SeriesEmpty,
        SeriesTooLong,
        // An enrollment's fields and the admin's decisions.
        StartDate,
        EndDate,
        EndBeforeStart,
        TotalSessions,
        NoAccountWithEmail,
        // Left empty: "obligatoire", not "invalide".
        ScheduledAtMissing,
        StartTimeMissing,
        DurationMissing,
        SeriesFromMissing,
        SeriesToMissing,
        StartDateMissing,
        EndDateMissing,
        OfferStartMissing,
        OfferEndMissing,
        EmailMissing,
        UserAlreadyEnrolled,
        ConfirmUnchecked,
        RejectReason,
        RequestDecided,
        RequestPending,
        AlreadyEnrolled,
        FormationArchived,
        NotEnrolled,
        // Attendance.
        AttendanceNotStarted,
        AttendanceNotActive,
        AttendanceOutsidePeriod,
        AttendanceOutsideWindow,
        // Accounts.
        EmailInvalid,
        NameMissing,
        NameTooLong,
        PasswordTooShort,
        PasswordTooLong,
        EmailTaken,
        EmailSame,
        EmailInUse,
        CurrentPasswordWrong,
        /// A confirmation or reset link that was used, expired or never existed.
        LinkInvalid,
        // Certificates.
        CertificateMinAttendance,
        /// Not a certificate code (the public pages answer 404 for it).
        CertificateCode,
        RevokeReason,
        CertificateNotCompleted,
        CertificateNotEarned,
        /// A revoked certificate blocks a new one: reissue it instead.
        CertificateRevoked,
        CertificateAlreadyRevoked,
        CertificateReplaced,
        /// A reminder that was sent, is still pending, or whose séance started or moved.
        ReminderNotResendable,
        // Notifications.
        /// A push endpoint that is neither https nor on the loopback.
        PushEndpoint,
        /// Push keys that are not a P-256 point and a 16-byte secret.
        PushKeys,
        /// A learner holding the most live streams allowed.
        TooManyStreams,
        // Attendance sources.
        /// An attendance report confirmed already.
        ImportApplied,
        // Generic refusals without data.
        AuditCursor,
        /// What a plain form shows after a redirect for an error it has no key for.
        SomeValuesInvalid,
        NoLongerPossible,
        LoginLocked,
        AddressLocked,
        TooManySignups,
        TryLater,
    }
    data {
        // Generic checks of the command line and the REST API, naming the field.
        Required {
            field: String,
        },
        TooLong {
            field: String,
            max: usize,
        },
        NotHttps {
            field: String,
        },
        NotADate {
            field: String,
            value: String,
        },
        NotADateTime {
            field: String,
            value: String,
        },
        UnknownLevel {
            value: String,
        },
        UnknownPlatform {
            value: String,
        },
        UnknownTimezone {
            value: String,
        },
        UnknownStatus {
            value: String,
        },
        NoUserWithEmail {
            email: String,
        },
        NoFormationWithId {
            id: i64,
        },
        PageLimit {
            max: usize,
        },
        /// A request whose shape is wrong (undecodable arguments or JSON body).
        Malformed {
            detail: String,
        },
        // Throttling: the delay is the `Retry-After` of the answer.
    }
}

/// Which kind of refusal a code is, hence its HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 422, about one field.
    Invalid,
    /// 409, the state forbids it.
    Conflict,
    /// 400, the request itself is wrong.
    BadRequest,
    /// 429.
    Throttled,
}

/// A code's stable key (JSON `code`, the `?error=` of a redirect), the form
/// field it belongs to ("" for the whole form) and its kind.
pub struct Meta<'a> {
    pub key: &'static str,
    pub field: &'a str,
    pub kind: Kind,
}

impl ErrorCode {
    pub fn meta(&self) -> Meta<'_> {
        use ErrorCode::*;
        use Kind::*;
        let (key, field, kind): (&'static str, &str, Kind) = match self {
            FormationName => ("a-name", "name", Invalid),
            InstructorName => ("a-instructor", "instructor_name", Invalid),
            ScheduleDescription => ("a-schedule", "schedule_description", Invalid),
            DescriptionTooLong => ("a-description", "description", Invalid),
            MeetingIdTooLong => ("a-meeting-id", "meeting_id", Invalid),
            MeetingPasswordTooLong => ("a-meeting-password", "meeting_password", Invalid),
            MeetingLinkTooLong => ("a-link-long", "meeting_link", Invalid),
            LevelMissing => ("a-level", "level", Invalid),
            PlatformMissing => ("a-platform", "platform", Invalid),
            MeetingLinkNotHttps => ("a-link-https", "meeting_link", Invalid),
            MeetingLinkNotZoom => ("a-link-zoom", "meeting_link", Invalid),
            MeetingLinkNotMeet => ("a-link-meet", "meeting_link", Invalid),
            MeetingLinkNotTeams => ("a-link-teams", "meeting_link", Invalid),
            TimezoneUnknown => ("a-timezone", "timezone", Invalid),
            ZoomMinPresence => ("a-zoom-min", "zoom_min_presence", Invalid),
            ZoomAutoNotZoom => ("a-zoom-auto", "zoom_auto_meetings", Invalid),
            ZoomSyncNotFailed => ("a-zoom-not-failed", "", Conflict),
            PriceAmount => ("a-price", "price", Invalid),
            PriceCurrency => ("a-currency", "currency", Invalid),
            OfferStart => ("a-offer-start", "starts_on", Invalid),
            OfferEnd => ("a-offer-end", "ends_on", Invalid),
            OfferEndBeforeStart => ("a-offer-end-before", "ends_on", Invalid),
            Seats => ("a-seats", "seats", Invalid),
            PaymentInstructionsTooLong => ("a-payment-long", "payment_instructions", Invalid),
            RequestNotPending => ("request-not-pending", "", Conflict),
            PublishWithoutSessions => ("a-publish-empty", "confirm", Invalid),
            StaleFormation => ("a-stale", "", Conflict),
            SeanceTitle => ("a-title", "title", Invalid),
            ScheduledAt => ("a-at", "scheduled_at", Invalid),
            Duration => ("a-duration", "duration_minutes", Invalid),
            SeanceNumber => ("a-number", "number", Invalid),
            RecordingLink => ("a-recording", "recording_link", Invalid),
            Weekdays => ("a-weekdays", "weekdays", Invalid),
            StartTime => ("a-time", "start_time", Invalid),
            SeriesFrom => ("a-from", "from_date", Invalid),
            SeriesTo => ("a-to", "to_date", Invalid),
            SeriesToBeforeFrom => ("a-to-before", "to_date", Invalid),
            SeriesEmpty => ("a-series-empty", "to_date", Invalid),
            SeriesTooLong => ("a-series-long", "to_date", Invalid),
            StartDate => ("a-start", "start_date", Invalid),
            EndDate => ("a-end", "end_date", Invalid),
            EndBeforeStart => ("a-end-before", "end_date", Invalid),
            TotalSessions => ("a-total", "total_sessions", Invalid),
            NoAccountWithEmail => ("a-email", "email", Invalid),
            ScheduledAtMissing => ("a-at-missing", "scheduled_at", Invalid),
            StartTimeMissing => ("a-time-missing", "start_time", Invalid),
            DurationMissing => ("a-duration-missing", "duration_minutes", Invalid),
            SeriesFromMissing => ("a-from-missing", "from_date", Invalid),
            SeriesToMissing => ("a-to-missing", "to_date", Invalid),
            StartDateMissing => ("a-start-missing", "start_date", Invalid),
            EndDateMissing => ("a-end-missing", "end_date", Invalid),
            OfferStartMissing => ("a-offer-start-missing", "starts_on", Invalid),
            OfferEndMissing => ("a-offer-end-missing", "ends_on", Invalid),
            EmailMissing => ("a-email-missing", "email", Invalid),
            UserAlreadyEnrolled => ("a-enrolled", "", Conflict),
            ConfirmUnchecked => ("a-confirm", "confirm", Invalid),
            RejectReason => ("a-reason", "reason", Invalid),
            RequestDecided => ("a-decided", "", Conflict),
            RequestPending => ("a-pending", "", Conflict),
            AlreadyEnrolled => ("a-already", "", Conflict),
            FormationArchived => ("a-archived", "", Conflict),
            NotEnrolled => ("a-not-enrolled", "", Conflict),
            AttendanceNotStarted => ("a-not-started", "", Conflict),
            AttendanceNotActive => ("attend_status", "", Conflict),
            AttendanceOutsidePeriod => ("attend_period", "", Conflict),
            AttendanceOutsideWindow => ("attend_window", "", Conflict),
            EmailInvalid => ("email", "email", Invalid),
            NameMissing => ("name", "name", Invalid),
            NameTooLong => ("name_long", "name", Invalid),
            PasswordTooShort => ("password", "password", Invalid),
            PasswordTooLong => ("password_long", "password", Invalid),
            EmailTaken => ("email_taken", "email", Invalid),
            EmailSame => ("email_same", "email", Invalid),
            EmailInUse => ("email_in_use", "", Conflict),
            CurrentPasswordWrong => ("current_password", "current_password", Invalid),
            LinkInvalid => ("link", "", BadRequest),
            Required { field } => ("required", field, Invalid),
            TooLong { field, .. } => ("too_long", field, Invalid),
            NotHttps { field } => ("not_https", field, Invalid),
            NotADate { field, .. } => ("not_a_date", field, Invalid),
            NotADateTime { field, .. } => ("not_a_datetime", field, Invalid),
            UnknownLevel { .. } => ("unknown_level", "level", Invalid),
            UnknownPlatform { .. } => ("unknown_platform", "platform", Invalid),
            UnknownTimezone { .. } => ("unknown_timezone", "timezone", Invalid),
            UnknownStatus { .. } => ("unknown_status", "status", BadRequest),
            NoUserWithEmail { .. } => ("no_user", "email", Invalid),
            NoFormationWithId { .. } => ("no_formation", "formation", Invalid),
            PageLimit { .. } => ("limit", "limit", BadRequest),
            CertificateMinAttendance => ("a-cert-min", "certificate_min_attendance", Invalid),
            CertificateCode => ("certificate_code", "code", BadRequest),
            RevokeReason => ("a-revoke-reason", "reason", Invalid),
            CertificateNotCompleted => ("a-cert-not-completed", "", Conflict),
            CertificateNotEarned => ("a-cert-not-earned", "", Conflict),
            CertificateRevoked => ("a-cert-revoked", "", Conflict),
            CertificateAlreadyRevoked => ("a-cert-already-revoked", "", Conflict),
            CertificateReplaced => ("a-cert-replaced", "", Conflict),
            ReminderNotResendable => ("a-reminder-not-resendable", "", Conflict),
            PushEndpoint => ("push_endpoint", "endpoint", BadRequest),
            PushKeys => ("push_keys", "keys", BadRequest),
            TooManyStreams => ("streams", "", Throttled),
            ImportApplied => ("import_applied", "", Conflict),
            AuditCursor => ("before", "before", BadRequest),
            Malformed { .. } => ("malformed", "", BadRequest),
            SomeValuesInvalid => ("invalid", "", BadRequest),
            NoLongerPossible => ("conflict", "", Conflict),
            LoginLocked => ("login_locked", "", Throttled),
            AddressLocked => ("address_locked", "", Throttled),
            TooManySignups => ("signups", "", Throttled),
            TryLater => ("throttled", "", Throttled),
        };
        Meta { key, field, kind }
    }

    /// A meeting link on another host than its platform's.
    pub fn meeting_link_host(platform: Platform) -> ErrorCode {
        match platform {
            Platform::Zoom => ErrorCode::MeetingLinkNotZoom,
            Platform::GoogleMeet => ErrorCode::MeetingLinkNotMeet,
            Platform::Teams => ErrorCode::MeetingLinkNotTeams,
        }
    }

    pub fn key(&self) -> &'static str {
        self.meta().key
    }

    /// The form field, or `None` for the whole form.
    pub fn field(&self) -> Option<&str> {
        Some(self.meta().field).filter(|f| !f.is_empty())
    }

    /// The code of a key carried by a redirect. Only codes without data
    /// travel that way: a key is never a place to inject text.
    pub fn from_key(key: &str) -> Option<ErrorCode> {
        CARRIED.iter().find(|code| code.key() == key).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_carried_key_is_unique_and_leads_back_to_its_code() {
        let mut keys: Vec<_> = CARRIED.iter().map(ErrorCode::key).collect();
        for code in CARRIED {
            assert_eq!(ErrorCode::from_key(code.key()).as_ref(), Some(code));
        }
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "duplicate keys");
        assert_eq!(ErrorCode::from_key("<script>"), None);
    }

    #[test]
    fn a_field_code_names_its_field_and_a_form_code_none() {
        assert_eq!(ErrorCode::SeanceTitle.field(), Some("title"));
        assert_eq!(ErrorCode::StaleFormation.field(), None);
        let code = ErrorCode::TooLong {
            field: "schedule".into(),
            max: 200,
        };
        assert_eq!(code.field(), Some("schedule"));
    }
}
