//! The one place where an error becomes words (French; the locale files of
//! the next step replace this table). Nothing else in the crate writes an
//! error sentence.

use std::borrow::Cow;

use super::code::ErrorCode;
use super::AppError;

/// What a person reads for an error.
pub fn describe(err: &AppError) -> Cow<'static, str> {
    match err {
        AppError::Unauthorized => "Vous devez être connecté.".into(),
        AppError::InvalidCredentials => "E-mail ou mot de passe incorrect.".into(),
        AppError::Forbidden => "Accès réservé aux administrateurs.".into(),
        AppError::Unconfirmed => "Votre adresse e-mail n'est pas encore confirmée : suivez le lien reçu par mail, ou demandez un nouveau lien.".into(),
        AppError::NotFound => "Page introuvable.".into(),
        AppError::MethodNotAllowed => "Méthode non autorisée pour cette adresse.".into(),
        AppError::Internal => "Une erreur interne est survenue. Réessayez dans un instant.".into(),
        AppError::Busy => "Le serveur est très sollicité. Réessayez dans quelques secondes.".into(),
        AppError::Transport(detail) => format!("Le serveur est injoignable : {detail}").into(),
        AppError::TooManyRequests {
            code,
            retry_after_secs,
        } => throttled(code, *retry_after_secs),
        AppError::BadRequest(code) | AppError::Invalid(code) | AppError::Conflict(code) => {
            code_words(code)
        }
    }
}

fn throttled(code: &ErrorCode, secs: u64) -> Cow<'static, str> {
    let from = match code {
        ErrorCode::LoginLocked => "Trop de tentatives de connexion pour ce compte",
        ErrorCode::AddressLocked => "Trop de tentatives de connexion depuis votre adresse réseau",
        ErrorCode::TooManySignups => "Trop d'inscriptions depuis votre adresse réseau",
        other => return code_words(other),
    };
    format!("{from}. Réessayez {}.", delay(secs)).into()
}

/// "dans 45 secondes", "dans 1 minute", "dans 15 minutes".
fn delay(secs: u64) -> String {
    let plural = |n: u64, unit: &str| {
        if n > 1 {
            format!("{n} {unit}s")
        } else {
            format!("{n} {unit}")
        }
    };
    if secs < 60 {
        format!("dans {}", plural(secs.max(1), "seconde"))
    } else {
        format!("dans {}", plural(secs.div_ceil(60), "minute"))
    }
}

fn code_words(code: &ErrorCode) -> Cow<'static, str> {
    use ErrorCode::*;
    let fixed: &'static str = match code {
        FormationName => "Le nom est obligatoire (200 caractères au plus).",
        InstructorName => "Le nom du formateur est obligatoire (200 caractères au plus).",
        ScheduleDescription => "Le planning est obligatoire (ex. : Mar-Jeu, 19h-21h).",
        DescriptionTooLong => "La description ne doit pas dépasser 5 000 caractères.",
        MeetingIdTooLong => "L'identifiant de réunion ne doit pas dépasser 200 caractères.",
        MeetingPasswordTooLong => "Le mot de passe de réunion ne doit pas dépasser 200 caractères.",
        MeetingLinkTooLong => "Le lien de session ne doit pas dépasser 2 000 caractères.",
        LevelMissing => "Choisissez un niveau.",
        PlatformMissing => "Choisissez une plateforme.",
        MeetingLinkNotHttps => "Le lien de session doit être une URL commençant par https://.",
        MeetingLinkNotZoom => "Un lien Zoom doit être sur zoom.us (ou l'un de ses sous-domaines).",
        MeetingLinkNotMeet => "Un lien Google Meet doit être sur meet.google.com.",
        MeetingLinkNotTeams => "Un lien Teams doit être sur teams.microsoft.com ou teams.live.com.",
        TimezoneUnknown => "Fuseau horaire inconnu (nom IANA, ex. : Europe/Paris).",
        StaleFormation => "Cette formation a été modifiée entre-temps par un autre administrateur. Rechargez la page pour voir la version actuelle, puis refaites votre modification.",
        SeanceTitle => "Le titre est obligatoire (200 caractères au plus).",
        ScheduledAt => "Date et heure invalides (AAAA-MM-JJ HH:MM).",
        Duration => "La durée doit être un nombre de minutes entre 1 et 1440.",
        SeanceNumber => "Le numéro de séance doit être 1 ou plus.",
        RecordingLink => "Le lien d'enregistrement doit être une URL commençant par https://.",
        Weekdays => "Indiquez au moins un jour de la semaine (ex. : mar, jeu).",
        StartTime => "Heure invalide (ex. : 19:00 ou 19h).",
        SeriesFrom => "Date de début de la série invalide (AAAA-MM-JJ).",
        SeriesTo => "Date de fin de la série invalide (AAAA-MM-JJ).",
        SeriesToBeforeFrom => "La fin de la série doit être postérieure ou égale à son début.",
        SeriesEmpty => "Aucune nouvelle séance sur cette période pour ces jours.",
        SeriesTooLong => "Une série compte au plus 200 séances.",
        StartDate => "Date de début invalide (AAAA-MM-JJ).",
        EndDate => "Date de fin invalide (AAAA-MM-JJ).",
        EndBeforeStart => "La date de fin doit être postérieure ou égale à la date de début.",
        TotalSessions => "Le nombre de séances doit être un entier positif ou nul.",
        NoAccountWithEmail => "Aucun compte n'a cet e-mail.",
        UserAlreadyEnrolled => "Cet utilisateur est déjà inscrit à cette formation.",
        ConfirmUnchecked => "Cochez « Je confirme » pour valider cette action.",
        RejectReason => "Indiquez le motif du refus (500 caractères au plus).",
        RequestDecided => "Cette demande a déjà été traitée.",
        RequestPending => "Vous avez déjà une demande en attente pour cette formation.",
        AlreadyEnrolled => "Vous êtes déjà inscrit à cette formation.",
        FormationArchived => "Cette formation est archivée.",
        NotEnrolled => "Cet apprenant n'est pas inscrit à cette formation.",
        AttendanceNotStarted => "Cette séance n'a pas encore eu lieu : la présence se marque au plus tôt 15 minutes avant son début.",
        AttendanceNotActive => "La présence ne peut être marquée que pendant la formation.",
        AttendanceOutsidePeriod => "Cette séance ne fait pas partie de votre période d'inscription.",
        AttendanceOutsideWindow => "La présence se marque de 15 minutes avant le début jusqu'à 24 heures après la fin de la séance.",
        EmailInvalid => "Adresse e-mail invalide.",
        NameMissing => "Le nom est obligatoire.",
        NameTooLong => "Le nom ne doit pas dépasser 100 caractères.",
        PasswordTooShort => {
            return format!(
                "Le mot de passe doit contenir au moins {} caractères.",
                crate::domain::account::Password::MIN_CHARS
            )
            .into()
        }
        PasswordTooLong => "Le mot de passe ne doit pas dépasser 128 caractères.",
        EmailTaken => "Un compte existe déjà avec cet e-mail.",
        EmailSame => "C'est déjà l'adresse de votre compte.",
        EmailInUse => "Cette adresse est déjà celle d'un autre compte.",
        CurrentPasswordWrong => "Le mot de passe actuel est incorrect.",
        LinkInvalid => "Ce lien n'est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.",
        AuditCursor => "`before` doit être l'identifiant positif d'une entrée du journal.",
        SomeValuesInvalid => "Certaines valeurs sont invalides.",
        NoLongerPossible => "Cette action n'est plus possible.",
        TryLater => "Trop de tentatives. Réessayez dans quelques minutes.",
        LoginLocked | AddressLocked | TooManySignups => {
            "Trop de tentatives. Réessayez dans quelques minutes."
        }
        Required { .. } => "Ce champ est obligatoire.",
        TooLong { max, .. } => {
            return format!("Ce champ ne doit pas dépasser {max} caractères.").into()
        }
        NotHttps { .. } => "Ce lien doit être une URL commençant par https://.",
        NotADate { value, .. } => {
            return format!("« {value} » n'est pas une date de la forme AAAA-MM-JJ.")
                .into()
        }
        NotADateTime { value, .. } => {
            return format!(
                "« {value} » n'est pas une date et heure RFC 3339 avec décalage, ex. 2024-01-22T19:00:00+01:00."
            )
            .into()
        }
        UnknownLevel { value } => return unknown("Niveau inconnu", value, LEVELS),
        UnknownPlatform { value } => return unknown("Plateforme inconnue", value, PLATFORMS),
        UnknownTimezone { value } => return unknown("Fuseau horaire inconnu", value, TIMEZONES),
        UnknownStatus { value } => return unknown("Statut inconnu", value, STATUSES),
        NoUserWithEmail { email } => return format!("Aucun compte n'a l'e-mail {email}.").into(),
        NoFormationWithId { id } => {
            return format!("Aucune formation n'a l'identifiant {id}.").into()
        }
        PageLimit { max } => return format!("limit doit être un entier entre 1 et {max}.").into(),
        Malformed { detail } => return format!("Requête invalide : {detail}").into(),
    };
    fixed.into()
}

const LEVELS: &str = "beginner, intermediate, advanced ou expert";
const PLATFORMS: &str = "zoom, google_meet ou teams";
const TIMEZONES: &str = "un nom IANA comme Europe/Paris";
const STATUSES: &str = "upcoming, active, completed ou cancelled";

/// A value outside a closed list, with the list.
fn unknown(what: &str, value: &str, expected: &str) -> Cow<'static, str> {
    format!("{what} « {value} » (attendu : {expected}).").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_read_in_seconds_then_minutes() {
        assert_eq!(delay(1), "dans 1 seconde");
        assert_eq!(delay(45), "dans 45 secondes");
        assert_eq!(delay(60), "dans 1 minute");
        assert_eq!(delay(61), "dans 2 minutes");
    }

    #[test]
    fn a_throttled_answer_says_how_long_to_wait() {
        let err = |code, secs| AppError::TooManyRequests {
            code,
            retry_after_secs: secs,
        };
        assert_eq!(
            describe(&err(ErrorCode::LoginLocked, 120)),
            "Trop de tentatives de connexion pour ce compte. Réessayez dans 2 minutes."
        );
        assert!(describe(&err(ErrorCode::TooManySignups, 3600)).contains("60 minutes"));
        assert!(describe(&err(ErrorCode::AddressLocked, 30)).contains("30 secondes"));
    }

    #[test]
    fn a_code_with_data_names_it() {
        let err = AppError::Invalid(ErrorCode::UnknownLevel {
            value: "guru".into(),
        });
        assert!(describe(&err).contains("« guru »"));
    }
}
