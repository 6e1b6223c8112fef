//! Account values parsed once at the edge (forms, JSON, CLI).

use serde::{Deserialize, Serialize};

use super::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Learner,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Admin => "admin",
        }
    }

    pub fn from_stored(value: &str) -> Role {
        if value == "admin" {
            Role::Admin
        } else {
            Role::Learner
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim().to_lowercase();
        let invalid = || Invalid::new("email", "Adresse e-mail invalide.");
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
        {
            return Err(invalid());
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        if value.is_empty() {
            return Err(Invalid::new("name", "Le nom est obligatoire."));
        }
        if value.chars().count() > 100 {
            return Err(Invalid::new(
                "name",
                "Le nom ne doit pas dépasser 100 caractères.",
            ));
        }
        Ok(DisplayName(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password in clear, only between the form and the hasher; its Debug
/// output never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 8;

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let count = value.chars().count();
        if count < Self::MIN_CHARS {
            return Err(Invalid::new(
                "password",
                format!(
                    "Le mot de passe doit contenir au moins {} caractères.",
                    Self::MIN_CHARS
                ),
            ));
        }
        if count > 128 {
            return Err(Invalid::new(
                "password",
                "Le mot de passe ne doit pas dépasser 128 caractères.",
            ));
        }
        Ok(Password(value.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

pub const EMAIL_TAKEN: &str = "Un compte existe déjà avec cet e-mail.";

/// The signed-in person as every layer sees them; never carries the hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

impl SessionUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Test@Example.COM ").unwrap().as_str(),
            "test@example.com"
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "", "plain", "@x.fr", "a@b", "a@@b.fr", "a b@c.fr", "a@.fr", "a@fr.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn short_passwords_are_refused_and_never_printed() {
        assert!(Password::parse("short").is_err());
        let p = Password::parse("long enough secret").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
    }

    #[test]
    fn names_must_not_be_blank() {
        assert!(DisplayName::parse("   ").is_err());
        assert_eq!(DisplayName::parse(" Jane ").unwrap().as_str(), "Jane");
    }
}
