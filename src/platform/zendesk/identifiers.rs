//! Identifiers as Zendesk stores them: lower-casing, duplicate detection,
//! numbers kept as strings, and the name a profile gets when it has none.

use super::Warning;
use crate::json::object;
use crate::json::{Map, Value};

/// Identifier types whose values Zendesk lower-cases when they are added or
/// modified (Profiles API reference, "Standard identifiers").
const LOWER_CASED: [&str; 2] = ["email", "twitter"];

/// Identifier types whose values compare without regard to case: the
/// lower-cased ones, and `external_id` ("External ID values are not case
/// sensitive", Using external ID with profiles).
const CASE_INSENSITIVE: [&str; 3] = ["email", "twitter", "external_id"];

/// Zendesk's naming rules for a profile without a name (Profiles API
/// reference, "Standard identifiers"), in priority order: the first type
/// present names the profile, as `prefix + value`.
const NAMING: [(&str, &str); 6] = [
    ("email", ""),
    ("external_id", "User "),
    ("phone_number", "User "),
    ("twitter", "Twitter user "),
    ("facebook", "Facebook user "),
    ("sdk", "SDK user "),
];

/// One identifier of a request: its type, the value as sent and the value
/// Zendesk stores.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// Identifier type.
    pub kind: String,
    /// The value as the request sent it (numbers as their JSON text).
    pub sent: String,
    /// The value Zendesk stores (lower-cased for email and twitter).
    pub stored: String,
}

impl Ident {
    /// An identifier from its type and sent value.
    pub fn new(kind: &str, sent: &str) -> Self {
        let stored = if LOWER_CASED.contains(&kind) { crate::host::lowercase(sent) } else { sent.to_string() };
        Ident { kind: kind.to_string(), sent: sent.to_string(), stored }
    }

    /// `{type, value}` as stored.
    pub fn to_json(&self) -> Value {
        object([("type", self.kind.clone().into()), ("value", self.stored.clone().into())])
    }
}

/// The text of a string, or of a number (Zendesk keeps every profile
/// property as a string, "including number values"); `None` otherwise.
pub fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Same type and value; values of [`CASE_INSENSITIVE`] types compare
/// without regard to case.
pub fn same(kind_a: &str, value_a: &str, kind_b: &str, value_b: &str) -> bool {
    if kind_a != kind_b {
        return false;
    }
    if CASE_INSENSITIVE.contains(&kind_a) {
        crate::host::lowercase(value_a) == crate::host::lowercase(value_b)
    } else {
        value_a == value_b
    }
}

/// The `(type, value)` of a stored identifier object.
pub fn parts(v: &Value) -> (String, String) {
    let kind = v.get("type").and_then(Value::as_str).unwrap_or_default().to_string();
    let value = v.get("value").and_then(as_text).unwrap_or_default();
    (kind, value)
}

/// Identifiers of the request profile, normalised; duplicates of each
/// other or of `existing` are skipped with a warning, number values are
/// kept as strings with a warning.
pub fn from_request(profile: &Map, existing: &[Value], warnings: &mut Vec<Warning>) -> Vec<Ident> {
    let mut out: Vec<Ident> = Vec::new();
    for (i, id) in profile.get("identifiers").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let kind = id.get("type").and_then(Value::as_str).unwrap_or_default();
        let Some(raw) = id.get("value") else { continue };
        let Some(sent) = as_text(raw) else { continue };
        let at = format!("/profile/identifiers/{i}");
        if raw.is_number() {
            warnings.push(Warning::at("number_as_string", format!("{at}/value"), format!(
                "identifier value {sent} is a number; Zendesk keeps every profile property as a string (\"{sent}\")"
            )));
        }
        let ident = Ident::new(kind, &sent);
        let seen = existing.iter().map(parts).any(|(k, v)| same(&k, &v, kind, &ident.stored))
            || out.iter().any(|o| same(&o.kind, &o.stored, kind, &ident.stored));
        if seen {
            let msg = format!("identifier {kind}:{} is already on the profile; it is skipped", ident.stored);
            warnings.push(Warning::at("duplicate_skipped", at, msg));
            continue;
        }
        out.push(ident);
    }
    out
}

/// The name Zendesk gives a profile without one: the first identifier of
/// the highest-priority type in [`NAMING`], else `"<type> user <value>"`
/// of the first identifier. The value is the one sent: the reference's
/// examples keep its case ("Twitter user FooBar").
pub fn default_name(ids: &[Ident]) -> Value {
    for (kind, prefix) in NAMING {
        if let Some(id) = ids.iter().find(|i| i.kind == kind) {
            return format!("{prefix}{}", id.sent).into();
        }
    }
    ids.first().map_or(Value::Null, |id| format!("{} user {}", id.kind, id.sent).into())
}
