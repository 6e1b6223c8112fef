//! Completion certificates: when one is earned, its public code, and what a
//! learner, an employer checking it, and the PDF may show. A certificate is
//! a frozen row: the names, dates and counts as they were at issue, so later
//! edits of the learner or the formation never change what it says.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::formation::Level;
use super::status::EnrollmentStatus;
use crate::error::ErrorCode;

/// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or
/// typed from paper is not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of a code: 16 × 5 = 80 bits.
pub const CODE_CHARS: usize = 16;

/// The random bytes a code is made of (80 bits).
pub const CODE_BYTES: usize = 10;

/// A certificate's public code: 16 Crockford base32 characters, stored
/// without dashes, shown as `FMT-XXXX-XXXX-XXXX-XXXX`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CertificateCode(String);

impl CertificateCode {
    /// The code of 80 random bits (the server draws them).
    pub fn from_bytes(bytes: [u8; CODE_BYTES]) -> CertificateCode {
        let mut bits: u128 = 0;
        for b in bytes {
            bits = (bits << 8) | u128::from(b);
        }
        let text = (0..CODE_CHARS)
            .rev()
            .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
            .collect();
        CertificateCode(text)
    }

    /// A code as a person may type it: any case, with or without the
    /// `FMT` prefix and the dashes, spaces around; Crockford's look-alikes
    /// (O for 0, I and L for 1) read as what they look like. Anything else
    /// is no code.
    pub fn parse(text: &str) -> Result<CertificateCode, ErrorCode> {
        let upper = text.trim().to_ascii_uppercase();
        let rest = upper.strip_prefix("FMT").unwrap_or(&upper);
        let mut code = String::with_capacity(CODE_CHARS);
        for c in rest.chars() {
            let c = match c {
                '-' | ' ' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(ErrorCode::CertificateCode);
            }
            code.push(c);
        }
        if code.len() != CODE_CHARS {
            return Err(ErrorCode::CertificateCode);
        }
        Ok(CertificateCode(code))
    }

    /// The stored form: 16 characters, no dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `FMT-XXXX-XXXX-XXXX-XXXX`, as printed and shown.
    pub fn display(&self) -> String {
        let groups: Vec<&str> = (0..CODE_CHARS / 4)
            .map(|i| &self.0[i * 4..i * 4 + 4])
            .collect();
        format!("FMT-{}", groups.join("-"))
    }
}

/// The lowest attendance a formation may ask for, and the highest.
pub const MIN_ATTENDANCE_RANGE: std::ops::RangeInclusive<i64> = 0..=100;

/// A formation's `certificate_min_attendance` as typed (empty is 0).
pub fn parse_min_attendance(text: &str) -> Result<i64, ErrorCode> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.parse::<i64>()
        .ok()
        .filter(|p| MIN_ATTENDANCE_RANGE.contains(p))
        .ok_or(ErrorCode::CertificateMinAttendance)
}

/// Whether an enrollment has earned its certificate, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Eligibility {
    /// Not (or no longer, when cancelled) a finished formation.
    NotCompleted,
    /// Finished, but the attendance is below what the formation asks.
    BelowThreshold {
        rate_percent: i64,
        required: i64,
    },
    Earned,
}

/// The rule: the effective status is completed and attended ÷ total, the
/// figure the learner sees, is at least the formation's minimum (in
/// percent). Integer arithmetic, so 4 of 5 meets 80 % exactly.
pub fn eligibility(
    status: EnrollmentStatus,
    attended: i64,
    total: i64,
    min_percent: i64,
) -> Eligibility {
    if status != EnrollmentStatus::Completed {
        return Eligibility::NotCompleted;
    }
    let meets = if total <= 0 {
        min_percent <= 0
    } else {
        attended * 100 >= min_percent * total
    };
    if meets {
        Eligibility::Earned
    } else {
        Eligibility::BelowThreshold {
            rate_percent: rate_percent(attended, total),
            required: min_percent,
        }
    }
}

/// attended ÷ total in whole percent, rounded down (so a rate shown as
/// below the minimum never reads as equal to it).
pub fn rate_percent(attended: i64, total: i64) -> i64 {
    if total <= 0 {
        0
    } else {
        (attended * 100 / total).clamp(0, 100)
    }
}

/// Hours and minutes of `minutes`, for the words "6 h 30".
pub fn hours_and_minutes(minutes: i64) -> (i64, i64) {
    (minutes / 60, minutes % 60)
}

/// A certificate as stored: the frozen facts and its state.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateRecord {
    pub id: i64,
    pub code: CertificateCode,
    pub enrollment_id: i64,
    pub user_id: i64,
    pub formation_id: i64,
    pub learner_name: String,
    pub formation_name: String,
    pub level: Level,
    pub instructor_name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub attended_sessions: i64,
    pub total_sessions: i64,
    pub attended_minutes: i64,
    pub issued_at: DateTime<Utc>,
    /// Issued by an admin below the formation's minimum attendance.
    pub by_exception: bool,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
    /// The code of the certificate that replaced this one.
    pub replaced_by: Option<CertificateCode>,
}

/// What a certificate is worth now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificateState {
    Valid,
    Revoked {
        at: DateTime<Utc>,
        reason: String,
    },
    /// Replaced by another (a corrected name…): the new code.
    Replaced {
        by: String,
    },
}

impl CertificateState {
    pub fn as_str(&self) -> &'static str {
        match self {
            CertificateState::Valid => "valid",
            CertificateState::Revoked { .. } => "revoked",
            CertificateState::Replaced { .. } => "replaced",
        }
    }

    /// The French word of the CSV export (headers and values stay French).
    pub fn label(&self) -> &'static str {
        match self {
            CertificateState::Valid => "Valide",
            CertificateState::Revoked { .. } => "Révoqué",
            CertificateState::Replaced { .. } => "Remplacé",
        }
    }
}

impl CertificateRecord {
    /// Replaced wins over revoked: the current certificate is the other one.
    pub fn state(&self) -> CertificateState {
        if let Some(by) = &self.replaced_by {
            CertificateState::Replaced { by: by.display() }
        } else if let Some(at) = self.revoked_at {
            CertificateState::Revoked {
                at,
                reason: self.revoked_reason.clone().unwrap_or_default(),
            }
        } else {
            CertificateState::Valid
        }
    }

    pub fn is_valid(&self) -> bool {
        self.state() == CertificateState::Valid
    }

    /// What anyone holding the code may read: no e-mail, no meeting
    /// detail, no id.
    pub fn verification(&self) -> Verification {
        Verification {
            code: self.code.display(),
            state: self.state(),
            learner_name: self.learner_name.clone(),
            formation_name: self.formation_name.clone(),
            level: self.level,
            start_date: self.start_date,
            end_date: self.end_date,
            issued_on: self.issued_at.date_naive(),
        }
    }
}

/// The public verification of a code (page and JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub code: String,
    pub state: CertificateState,
    pub learner_name: String,
    pub formation_name: String,
    pub level: Level,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub issued_on: NaiveDate,
}

/// One line of "Mes certificats" on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateLine {
    pub enrollment_id: i64,
    pub formation_name: String,
    pub end_date: NaiveDate,
    /// The display code.
    pub code: String,
}

/// One line of a formation's certificate list in the admin area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminCertificateLine {
    pub code: String,
    pub learner_name: String,
    pub issued_on: NaiveDate,
    pub state: CertificateState,
    pub by_exception: bool,
}

impl From<&CertificateRecord> for AdminCertificateLine {
    fn from(c: &CertificateRecord) -> Self {
        AdminCertificateLine {
            code: c.code.display(),
            learner_name: c.learner_name.clone(),
            issued_on: c.issued_at.date_naive(),
            state: c.state(),
            by_exception: c.by_exception,
        }
    }
}

/// A finished enrollment without a current certificate (below the
/// minimum, or not swept yet): the admin may issue one by exception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithoutCertificate {
    pub enrollment_id: i64,
    pub learner_name: String,
    pub rate_percent: i64,
    pub required: i64,
}

/// The admin page of a formation's certificates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertificatesView {
    pub formation_id: i64,
    pub formation_name: String,
    pub certificates: Vec<AdminCertificateLine>,
    /// The cursor of the next (older) page, if any.
    pub older_than: Option<i64>,
    /// A page of the finished enrollments without one, newest first.
    pub without: Vec<WithoutCertificate>,
    /// The cursor of the next page of those.
    pub without_older_than: Option<i64>,
}

/// What a learner's card says about the certificate of an enrollment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificateStanding {
    /// Not a finished formation: nothing to say.
    None,
    /// The current certificate, valid: download and verification links.
    Available { code: String },
    /// Revoked by an admin.
    Revoked,
    /// Finished below the formation's minimum attendance.
    BelowThreshold { rate_percent: i64, required: i64 },
}

impl CertificateStanding {
    /// From the current certificate (if any) and the rule.
    pub fn of(current: Option<&CertificateBrief>, eligibility: Eligibility) -> CertificateStanding {
        match (current, eligibility) {
            (Some(c), _) if c.revoked => CertificateStanding::Revoked,
            (Some(c), _) => CertificateStanding::Available {
                code: c.code.display(),
            },
            (
                None,
                Eligibility::BelowThreshold {
                    rate_percent,
                    required,
                },
            ) => CertificateStanding::BelowThreshold {
                rate_percent,
                required,
            },
            (None, _) => CertificateStanding::None,
        }
    }

    /// The display code of a downloadable certificate.
    pub fn code(&self) -> Option<&str> {
        match self {
            CertificateStanding::Available { code } => Some(code),
            _ => None,
        }
    }
}

/// The current certificate of an enrollment as a learner read sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateBrief {
    pub code: CertificateCode,
    pub revoked: bool,
}

/// The longest revocation reason.
pub const MAX_REASON_CHARS: usize = 500;

/// A revocation's reason, required.
pub fn parse_reason(text: &str) -> Result<String, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ErrorCode::RevokeReason);
    }
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(ErrorCode::RevokeReason);
    }
    Ok(text.to_string())
}

/// `/certificats/FMT-…`: the verification page of a code.
pub fn verification_path(code: &CertificateCode) -> String {
    format!("/certificats/{}", code.display())
}

/// The PDF of an enrollment's certificate, for the learner (bearer or
/// cookie).
pub fn pdf_path(enrollment_id: i64) -> String {
    format!("/api/auth/user/formations/{enrollment_id}/certificate.pdf")
}

#[cfg(test)]
mod tests {
    use super::*;
    use EnrollmentStatus::*;

    #[test]
    fn a_code_is_80_bits_in_16_crockford_characters_shown_in_groups() {
        let code = CertificateCode::from_bytes([0; 10]);
        assert_eq!(code.as_str(), "0000000000000000");
        let code = CertificateCode::from_bytes([0xFF; 10]);
        assert_eq!(code.as_str(), "ZZZZZZZZZZZZZZZZ");
        let code = CertificateCode::from_bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(code.as_str().len(), CODE_CHARS);
        assert!(code.as_str().bytes().all(|b| ALPHABET.contains(&b)));
        let shown = code.display();
        assert_eq!(shown.len(), "FMT-XXXX-XXXX-XXXX-XXXX".len());
        assert!(shown.starts_with("FMT-"));
        assert_eq!(CertificateCode::parse(&shown).unwrap(), code);
        // Distinct bytes give distinct codes: the mapping loses no bit.
        let other = CertificateCode::from_bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
        assert_ne!(other, code);
    }

    #[test]
    fn codes_are_read_whatever_the_case_dashes_and_look_alikes() {
        let code = CertificateCode::parse("FMT-7K3M-9QXA-2B4C-D5E6").unwrap();
        for typed in [
            "fmt-7k3m-9qxa-2b4c-d5e6",
            "7K3M9QXA2B4CD5E6",
            " 7k3m-9qxa-2b4c-d5e6 ",
            "FMT7K3M9QXA2B4CD5E6",
        ] {
            assert_eq!(CertificateCode::parse(typed).unwrap(), code, "{typed}");
        }
        assert_eq!(
            CertificateCode::parse("OIL0000000000000").unwrap().as_str(),
            "0110000000000000"
        );
    }

    #[test]
    fn anything_else_is_no_code() {
        for typed in [
            "",
            "FMT-",
            "7K3M-9QXA-2B4C-D5E",
            "7K3M-9QXA-2B4C-D5E67",
            "7K3M-9QXA-2B4C-D5EU",
            "7K3M-9QXA-2B4C-D5É6",
            "../../etc/passwd",
            "<script>alert(1)</script>",
        ] {
            assert_eq!(
                CertificateCode::parse(typed),
                Err(ErrorCode::CertificateCode),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_certificate_is_earned_once_completed_with_enough_attendance() {
        assert_eq!(eligibility(Completed, 4, 5, 80), Eligibility::Earned);
        assert_eq!(eligibility(Completed, 0, 10, 0), Eligibility::Earned);
        assert_eq!(eligibility(Completed, 10, 10, 100), Eligibility::Earned);
        assert_eq!(
            eligibility(Completed, 6, 10, 80),
            Eligibility::BelowThreshold {
                rate_percent: 60,
                required: 80
            }
        );
        // 79.9 % is below 80 %, and reads as 79.
        assert_eq!(
            eligibility(Completed, 799, 1000, 80),
            Eligibility::BelowThreshold {
                rate_percent: 79,
                required: 80
            }
        );
        // Nothing planned: only a formation asking nothing gives one.
        assert_eq!(eligibility(Completed, 0, 0, 0), Eligibility::Earned);
        assert!(matches!(
            eligibility(Completed, 0, 0, 50),
            Eligibility::BelowThreshold { .. }
        ));
    }

    #[test]
    fn running_upcoming_and_cancelled_enrollments_earn_nothing() {
        for status in [Active, Upcoming, Cancelled] {
            assert_eq!(
                eligibility(status, 10, 10, 0),
                Eligibility::NotCompleted,
                "{status:?}"
            );
        }
    }

    #[test]
    fn the_minimum_attendance_is_a_percentage() {
        assert_eq!(parse_min_attendance(""), Ok(0));
        assert_eq!(parse_min_attendance(" 80 "), Ok(80));
        assert_eq!(parse_min_attendance("75 %"), Ok(75));
        assert_eq!(parse_min_attendance("100"), Ok(100));
        for bad in ["-1", "101", "abc", "50.5"] {
            assert_eq!(
                parse_min_attendance(bad),
                Err(ErrorCode::CertificateMinAttendance),
                "{bad}"
            );
        }
    }

    fn record() -> CertificateRecord {
        CertificateRecord {
            id: 1,
            code: CertificateCode::from_bytes([7; 10]),
            enrollment_id: 3,
            user_id: 4,
            formation_id: 5,
            learner_name: "Zoé Lefèvre".into(),
            formation_name: "Rust avancé".into(),
            level: Level::Advanced,
            instructor_name: "Jane".into(),
            start_date: NaiveDate::from_ymd_opt(2024, 1, 15).unwrap(),
            end_date: NaiveDate::from_ymd_opt(2024, 2, 15).unwrap(),
            attended_sessions: 8,
            total_sessions: 10,
            attended_minutes: 960,
            issued_at: DateTime::parse_from_rfc3339("2024-02-16T08:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            by_exception: false,
            revoked_at: None,
            revoked_reason: None,
            replaced_by: None,
        }
    }

    #[test]
    fn a_certificate_is_valid_revoked_or_replaced() {
        let mut c = record();
        assert_eq!(c.state(), CertificateState::Valid);
        let at = c.issued_at;
        c.revoked_at = Some(at);
        c.revoked_reason = Some("Fraude".into());
        assert_eq!(
            c.state(),
            CertificateState::Revoked {
                at,
                reason: "Fraude".into()
            }
        );
        let new = CertificateCode::from_bytes([9; 10]);
        c.replaced_by = Some(new.clone());
        assert_eq!(c.state(), CertificateState::Replaced { by: new.display() });
    }

    #[test]
    fn the_verification_says_nothing_but_the_certificate() {
        let v = record().verification();
        let json = serde_json::to_string(&v).unwrap();
        assert!(json.contains("Zoé Lefèvre"), "{json}");
        for private in ["user_id", "enrollment_id", "email", "meeting", "\"id\""] {
            assert!(!json.contains(private), "{private} in {json}");
        }
    }

    #[test]
    fn a_learner_card_shows_the_certificate_or_why_not() {
        let brief = CertificateBrief {
            code: CertificateCode::from_bytes([7; 10]),
            revoked: false,
        };
        assert_eq!(
            CertificateStanding::of(Some(&brief), Eligibility::Earned),
            CertificateStanding::Available {
                code: brief.code.display()
            }
        );
        let revoked = CertificateBrief {
            revoked: true,
            ..brief.clone()
        };
        assert_eq!(
            CertificateStanding::of(Some(&revoked), Eligibility::Earned),
            CertificateStanding::Revoked
        );
        let below = Eligibility::BelowThreshold {
            rate_percent: 60,
            required: 80,
        };
        assert_eq!(
            CertificateStanding::of(None, below),
            CertificateStanding::BelowThreshold {
                rate_percent: 60,
                required: 80
            }
        );
        // Issued by exception below the minimum: it is shown all the same.
        assert!(CertificateStanding::of(Some(&brief), below)
            .code()
            .is_some());
        assert_eq!(
            CertificateStanding::of(None, Eligibility::NotCompleted),
            CertificateStanding::None
        );
    }

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(parse_reason("  "), Err(ErrorCode::RevokeReason));
        assert_eq!(parse_reason(" Fraude "), Ok("Fraude".into()));
        assert!(parse_reason(&"x".repeat(501)).is_err());
    }

    #[test]
    fn hours_attended_read_as_hours_and_minutes() {
        assert_eq!(hours_and_minutes(390), (6, 30));
        assert_eq!(hours_and_minutes(0), (0, 0));
    }
}
