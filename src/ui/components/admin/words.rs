//! The admin pages' words for the codes the domain hands them: levels,
//! statuses, and the audit log's actions, entities, fields and values. The
//! domain keeps the codes (they are data, and the same in every language);
//! the words follow the reader, so they are looked up here, at render.

use crate::domain::catalogue::RequestStatus;
use crate::domain::format::{date, in_zone, parse_day, parse_instant, PLATFORM_ZONE};
use crate::domain::formation::{Level, Platform};
use crate::domain::status::EnrollmentStatus;
use crate::i18n::{current, t};

/// A level's name.
pub fn level_name(level: Level) -> String {
    t(level.label_id())
}

/// Every level as (code, name), for a select.
pub fn level_options() -> Vec<(&'static str, String)> {
    Level::ALL
        .iter()
        .map(|l| (l.as_str(), level_name(*l)))
        .collect()
}

/// Every platform as (code, name), for a select. Platforms are brands:
/// their names are the same in every language.
pub fn platform_options() -> Vec<(&'static str, String)> {
    Platform::ALL
        .iter()
        .map(|p| (p.as_str(), p.label().to_string()))
        .collect()
}

/// An action of the audit log in words; its code when unknown (written by
/// newer code).
pub fn action_name(action: &str) -> String {
    let id = match action {
        "formation.create" => "admin-action-formation-create",
        "formation.update" => "admin-action-formation-update",
        "formation.archive" => "admin-action-formation-archive",
        "formation.restore" => "admin-action-formation-restore",
        "formation.publish" => "admin-action-formation-publish",
        "formation.unpublish" => "admin-action-formation-unpublish",
        "session.create" => "admin-action-session-create",
        "session.generate" => "admin-action-session-generate",
        "session.update" => "admin-action-session-update",
        "session.recording" => "admin-action-session-recording",
        "session.delete" => "admin-action-session-delete",
        "enrollment.create" => "admin-action-enrollment-create",
        "enrollment.cancel" => "admin-action-enrollment-cancel",
        "attendance.mark" => "admin-action-attendance-mark",
        "attendance.unmark" => "admin-action-attendance-unmark",
        "attendance.link" => "admin-action-attendance-link",
        "attendance.import" => "admin-action-attendance-import",
        "request.confirm" => "admin-action-request-confirm",
        "request.reject" => "admin-action-request-reject",
        "user.rename" => "admin-action-user-rename",
        "certificate.issue" => "admin-action-certificate-issue",
        "certificate.revoke" => "admin-action-certificate-revoke",
        "certificate.reissue" => "admin-action-certificate-reissue",
        "reminder.resend" => "admin-action-reminder-resend",
        "session.zoom_meeting" => "admin-action-session-zoom-meeting",
        "session.zoom_retry" => "admin-action-session-zoom-retry",
        other => return other.to_string(),
    };
    t(id)
}

/// The kind of thing an audit entry touched, in words.
pub fn entity_name(entity: &str) -> String {
    let id = match entity {
        "formation" => "admin-entity-formation",
        "session" => "admin-entity-session",
        "enrollment" => "admin-entity-enrollment",
        "enrollment_request" => "admin-entity-request",
        "user" => "admin-entity-user",
        "certificate" => "admin-entity-certificate",
        "reminder" => "admin-entity-reminder",
        other => return other.to_string(),
    };
    t(id)
}

/// A stored field's name in words (its key when it has none).
pub fn field_name(field: &str) -> String {
    let id = match field {
        "name" => "admin-field-name",
        "description" => "admin-field-description",
        "level" => "admin-field-level",
        "platform" => "admin-field-platform",
        "meeting_link" => "admin-field-meeting-link",
        "meeting_id" => "admin-field-meeting-id",
        "meeting_password" => "admin-field-meeting-password",
        "instructor_name" => "admin-field-instructor-name",
        "schedule_description" => "admin-field-schedule-description",
        "timezone" => "admin-field-timezone",
        "zoom_min_presence" => "admin-field-zoom-min-presence",
        "zoom_auto_meetings" => "admin-field-zoom-auto",
        "price" => "admin-field-price",
        "currency" => "admin-field-currency",
        "starts_on" => "admin-field-starts-on",
        "ends_on" => "admin-field-ends-on",
        "seats" => "admin-field-seats",
        "payment_instructions" => "admin-field-payment-instructions",
        "zoom_meeting_id" => "admin-field-zoom-meeting-id",
        "zoom_sync" => "admin-field-zoom-sync",
        "archived" => "admin-field-archived",
        "draft" => "admin-field-draft",
        "version" => "admin-field-version",
        "number" => "admin-field-number",
        "title" => "admin-field-title",
        "scheduled_date" => "admin-field-scheduled-date",
        "duration_minutes" => "admin-field-duration-minutes",
        "recording_link" => "admin-field-recording-link",
        "formation_id" => "admin-field-formation-id",
        "user_id" => "admin-field-user-id",
        "enrollment_id" => "admin-field-enrollment-id",
        "start_date" => "admin-field-start-date",
        "end_date" => "admin-field-end-date",
        "total_sessions" => "admin-field-total-sessions",
        "status" => "admin-field-status",
        "reason" => "admin-field-reason",
        "present" => "admin-field-present",
        "source" => "admin-field-source",
        "weekdays" => "admin-field-weekdays",
        "start_time" => "admin-field-start-time",
        "from" => "admin-field-from",
        "to" => "admin-field-to",
        "created" => "admin-field-created",
        other => return other.to_string(),
    };
    t(id)
}

/// A field's value as the log shows it: the codes of levels, yes/no fields,
/// statuses and attendance sources in words, anything else as recorded.
/// Entries written before the log kept codes hold French words ("oui",
/// "Débutant"): those read as they were written.
pub fn field_value(field: &str, value: &str) -> String {
    let id = match (field, value) {
        // Stored as UTC text and ISO days: read as the pages show them.
        ("scheduled_date", at) => {
            return parse_instant(at).map_or_else(
                || at.to_string(),
                |at| in_zone(current(), at, PLATFORM_ZONE),
            );
        }
        ("start_date" | "end_date", day) => {
            return parse_day(day).map_or_else(|| day.to_string(), |d| date(current(), d));
        }
        ("level", code) => {
            return Level::parse(code).map_or_else(|_| code.to_string(), level_name);
        }
        ("platform", code) => {
            return Platform::parse(code).map_or_else(|_| code.to_string(), |p| p.label().into());
        }
        ("archived" | "present", "true" | "oui") => "admin-audit-yes",
        ("archived" | "present", "false" | "non") => "admin-audit-no",
        // The same badge words as the learners' pages (`shared.ftl`).
        ("status", code) => {
            let id = EnrollmentStatus::parse(code)
                .map(EnrollmentStatus::label_id)
                .ok()
                .or_else(|| RequestStatus::parse(code).map(RequestStatus::label_id));
            return id.map_or_else(|| code.to_string(), t);
        }
        ("source", "manual") => "admin-audit-source-manual",
        ("source", "self") => "admin-audit-source-self",
        (_, other) => return other.to_string(),
    };
    t(id)
}

#[cfg(test)]
mod tests {
    use leptos::prelude::{provide_context, Owner};

    use super::*;
    use crate::domain::audit::ACTIONS;
    use crate::i18n::Lang;

    /// Runs `words` as a page read in `lang` would.
    fn in_lang<T>(lang: Lang, words: impl FnOnce() -> T) -> T {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(lang);
            words()
        })
    }

    #[test]
    fn every_action_the_stores_record_has_words_in_every_language() {
        for &lang in Lang::ALL {
            for code in ACTIONS {
                let words = in_lang(lang, || action_name(code));
                assert_ne!(words, *code, "{code} in {}", lang.code());
            }
        }
        assert_eq!(action_name("something.new"), "something.new");
    }

    #[test]
    fn codes_read_as_words_in_the_readers_language() {
        type Words = fn(&str) -> String;
        let cases: [(Lang, Words, &str, &str); 6] = [
            (
                Lang::Fr,
                action_name,
                "formation.archive",
                "Archivage de formation",
            ),
            (
                Lang::En,
                action_name,
                "formation.archive",
                "Formation archived",
            ),
            (Lang::Fr, entity_name, "session", "séance"),
            (Lang::En, field_name, "recording_link", "Recording"),
            (
                Lang::Fr,
                field_name,
                "zoom_min_presence",
                "Présence minimale Zoom / feuille importée",
            ),
            (Lang::Fr, field_name, "unknown_field", "unknown_field"),
        ];
        for (lang, words, code, expected) in cases {
            assert_eq!(in_lang(lang, || words(code)), expected, "{code}");
        }
    }

    #[test]
    fn values_read_as_words_by_their_field_and_the_rest_as_recorded() {
        let fr = |field: &str, value: &str| in_lang(Lang::Fr, || field_value(field, value));
        let en = |field: &str, value: &str| in_lang(Lang::En, || field_value(field, value));
        assert_eq!(fr("status", "cancelled"), "Annulée");
        assert_eq!(en("status", "cancelled"), "Cancelled");
        assert_eq!(en("status", "pending"), "Awaiting payment");
        assert_eq!(fr("level", "beginner"), "Débutant");
        assert_eq!(en("level", "advanced"), "Advanced");
        assert_eq!(en("platform", "teams"), "Microsoft Teams");
        assert_eq!(en("archived", "true"), "yes");
        assert_eq!(
            en("present", "non"),
            "no",
            "entries written in French words"
        );
        assert_eq!(en("level", "Débutant"), "Débutant");
        assert_eq!(en("title", "true"), "true", "only yes/no fields");
        assert_eq!(en("source", "manual"), "manual");
        assert_eq!(
            fr("scheduled_date", "2026-11-26T18:00:00Z"),
            "jeudi 26 novembre 2026 à 19:00 (heure de Paris)"
        );
        assert_eq!(en("start_date", "2026-11-26"), "November 26, 2026");
        assert_eq!(en("end_date", "soon"), "soon");
    }
}
