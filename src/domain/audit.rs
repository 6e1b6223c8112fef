//! The audit log as people read it: which fields a change changed (before →
//! after, only those), with secrets named but never valued; the actions the
//! stores record; and the filters of the log page. Codes and values only:
//! the admin pages put them in the reader's words (`ui::components::admin::words`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One field a change changed. `before`/`after` are the values as text
/// (`None`: empty or absent): codes stay codes (`beginner`, `true`,
/// `cancelled`), since the words depend on the reader. A secret field has
/// neither, only its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
    #[serde(default)]
    pub hidden: bool,
}

/// Fields whose values never leave the server through the log: meeting
/// details (served only to a learner with an active enrollment), passwords,
/// tokens and their hashes.
pub fn is_secret(field: &str) -> bool {
    matches!(field, "meeting_link" | "meeting_id")
        || field.contains("password")
        || field.contains("token")
}

/// What a change changed, field by field. `after` names what the change
/// wrote: a field only `before` names is context the change did not touch
/// (a séance's number before its dates moved), not a change. Without
/// `after` (a deletion) every field of `before` goes; without `before` (a
/// creation) every field of `after` comes. Empty text and null are the same
/// nothing. Secrets are compared on their real values and shown as changed,
/// never with them.
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let empty = Map::new();
    let old = before.and_then(Value::as_object).unwrap_or(&empty);
    let new = after.and_then(Value::as_object).unwrap_or(&empty);
    let keys: Vec<&String> = if after.is_some() {
        new.keys().collect()
    } else {
        old.keys().collect()
    };
    keys.into_iter()
        .filter_map(|key| {
            let (b, a) = (shown(old.get(key)), shown(new.get(key)));
            if b == a {
                return None;
            }
            let hidden = is_secret(key);
            Some(FieldChange {
                field: key.clone(),
                before: if hidden { None } else { b },
                after: if hidden { None } else { a },
                hidden,
            })
        })
        .collect()
}

/// A change that changes nothing: both states known and not one field apart.
pub fn changes_nothing(before: Option<&Value>, after: Option<&Value>) -> bool {
    before.is_some() && after.is_some() && diff(before, after).is_empty()
}

/// A state as it may be stored: password and token values become `***`
/// (present) or stay null (absent); everything else is kept.
pub fn mask_passwords(value: &Value) -> Value {
    mask(value, |key| {
        key.contains("password") || key.contains("token")
    })
}

/// A state as it may be sent to a browser: every secret value is `***`.
pub fn mask_secrets(value: &Value) -> Value {
    mask(value, is_secret)
}

fn mask(value: &Value, secret: impl Fn(&str) -> bool) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if secret(k) && shown(Some(v)).is_some() {
                        Value::String("***".into())
                    } else if secret(k) {
                        Value::Null
                    } else {
                        v.clone()
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A stored value as text; `None` for nothing (null, empty text, no key).
fn shown(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) if items.is_empty() => None,
        Value::Array(items) => Some(
            items
                .iter()
                .map(|v| shown(Some(v)).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        object => Some(object.to_string()),
    }
}

/// Every action the stores record: the log's action filter offers these.
pub const ACTIONS: &[&str] = &[
    "formation.create",
    "formation.update",
    "formation.archive",
    "formation.restore",
    "formation.publish",
    "formation.unpublish",
    "session.create",
    "session.generate",
    "session.update",
    "session.recording",
    "session.delete",
    "session.zoom_meeting",
    "session.zoom_retry",
    "enrollment.create",
    "enrollment.cancel",
    "attendance.mark",
    "attendance.unmark",
    "attendance.link",
    "attendance.import",
    "request.confirm",
    "request.reject",
    "user.rename",
    "certificate.issue",
    "certificate.revoke",
    "certificate.reissue",
];

/// The log page's filters as they travel in its query string; an empty
/// value is no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub formation: String,
    pub actor: String,
    pub action: String,
    pub from: String,
    pub to: String,
}

impl AuditQuery {
    /// The filters as a query string (`&`-joined, empty ones left out), to
    /// which the page cursor is added: paging keeps the filters.
    pub fn query_string(&self) -> String {
        [
            ("formation", &self.formation),
            ("actor", &self.actor),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// An entry of the log as the admin page shows it: who, when, what was
/// touched (ids and, since the names were recorded, the names of the
/// moment), and the fields that changed. No secret value is in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor_email: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub formation_id: Option<i64>,
    pub formation_name: Option<String>,
    pub learner_name: Option<String>,
    pub learner_email: Option<String>,
    pub seance_number: Option<i64>,
    pub seance_title: Option<String>,
    pub changes: Vec<FieldChange>,
    /// The states before and after, secrets masked (`***`): for API
    /// clients that read the log as data.
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// One page of the audit log, newest first. `older_than` is the cursor of the
/// next page (the last entry's id) when older entries exist. `formations`
/// and `actors` are the choices of the page's filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub older_than: Option<i64>,
    pub formations: Vec<(i64, String)>,
    pub actors: Vec<String>,
}

/// How many audit entries a page shows.
pub const AUDIT_PAGE_SIZE: i64 = 100;

/// Percent-encoding of a query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn change(field: &str, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange {
            field: field.into(),
            before: before.map(Into::into),
            after: after.map(Into::into),
            hidden: false,
        }
    }

    #[test]
    fn only_the_fields_that_changed_are_listed() {
        let before = json!({ "name": "Rust", "level": "beginner", "version": 1 });
        let after = json!({ "name": "Rust avancé", "level": "beginner", "version": 2 });
        assert_eq!(
            diff(Some(&before), Some(&after)),
            vec![
                change("name", Some("Rust"), Some("Rust avancé")),
                change("version", Some("1"), Some("2")),
            ]
        );
    }

    #[test]
    fn a_field_only_before_names_is_context_not_a_change() {
        let before = json!({ "number": 3, "title": "A" });
        let after = json!({ "title": "B" });
        assert_eq!(
            diff(Some(&before), Some(&after)),
            vec![change("title", Some("A"), Some("B"))]
        );
    }

    #[test]
    fn a_creation_lists_what_it_set_and_a_deletion_what_it_removed() {
        let state = json!({ "title": "Intro", "meeting_link": null, "duration_minutes": 90 });
        assert_eq!(
            diff(None, Some(&state)),
            vec![
                change("duration_minutes", None, Some("90")),
                change("title", None, Some("Intro")),
            ]
        );
        assert_eq!(
            diff(Some(&state), None),
            vec![
                change("duration_minutes", Some("90"), None),
                change("title", Some("Intro"), None),
            ]
        );
    }

    #[test]
    fn values_stay_codes_the_pages_put_in_words() {
        let before = json!({
            "level": "beginner", "platform": "zoom", "archived": false,
            "weekdays": ["Tue"], "meeting_id": "",
        });
        let after = json!({
            "level": "advanced", "platform": "zoom", "archived": true,
            "weekdays": ["Tue", "Thu"], "meeting_id": null,
        });
        assert_eq!(
            diff(Some(&before), Some(&after)),
            vec![
                change("archived", Some("false"), Some("true")),
                change("level", Some("beginner"), Some("advanced")),
                change("weekdays", Some("Tue"), Some("Tue, Thu")),
            ],
            "empty text and null are the same nothing"
        );
    }

    #[test]
    fn a_secret_is_compared_on_its_value_and_shown_without_it() {
        let before = json!({ "meeting_link": "https://zoom.us/j/1", "meeting_password": "a" });
        let after = json!({ "meeting_link": "https://zoom.us/j/2", "meeting_password": "a" });
        let changes = diff(Some(&before), Some(&after));
        assert_eq!(
            changes,
            vec![FieldChange {
                field: "meeting_link".into(),
                before: None,
                after: None,
                hidden: true,
            }]
        );
    }

    #[test]
    fn a_change_that_changes_nothing_is_told_apart() {
        let state = json!({ "archived": false });
        assert!(changes_nothing(Some(&state), Some(&state)));
        assert!(changes_nothing(
            Some(&json!({ "name": "A", "extra": 1 })),
            Some(&json!({ "name": "A" }))
        ));
        assert!(!changes_nothing(
            Some(&state),
            Some(&json!({ "archived": true }))
        ));
        assert!(
            !changes_nothing(None, Some(&state)),
            "a creation is a change"
        );
        assert!(
            !changes_nothing(Some(&state), None),
            "a deletion is a change"
        );
    }

    #[test]
    fn masking_keeps_the_shape_and_drops_the_values() {
        let state = json!({
            "name": "Rust", "meeting_link": "https://zoom.us/j/1", "meeting_id": "",
            "meeting_password": "pw", "token_hash": null,
        });
        assert_eq!(
            mask_passwords(&state),
            json!({
                "name": "Rust", "meeting_link": "https://zoom.us/j/1", "meeting_id": "",
                "meeting_password": "***", "token_hash": null,
            })
        );
        assert_eq!(
            mask_secrets(&state),
            json!({
                "name": "Rust", "meeting_link": "***", "meeting_id": null,
                "meeting_password": "***", "token_hash": null,
            })
        );
    }

    #[test]
    fn the_filters_travel_in_the_query_string_without_the_empty_ones() {
        let q = AuditQuery {
            actor: "a+b@example.com".into(),
            action: "formation.update".into(),
            from: "2026-01-01".into(),
            ..AuditQuery::default()
        };
        assert_eq!(
            q.query_string(),
            "actor=a%2Bb%40example.com&action=formation.update&from=2026-01-01"
        );
        assert_eq!(AuditQuery::default().query_string(), "");
    }
}
