//! What Zendesk refuses in a profile request body. Every refusal is a 400
//! `ClientError`, the error the Profiles API reference documents for a bad
//! request (it documents no 405 or 422 for these endpoints).

use super::identifiers::as_text;
use super::{Issue, Method};
use crate::json::type_name;
use crate::json::{Map, Value};

/// Most identifiers one profile may hold.
pub const MAX_IDENTIFIERS: usize = 20;
/// Longest profile `source` / `type`, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// Longest identifier `type`, in characters.
pub const MAX_IDENTIFIER_TYPE_CHARS: usize = 60;
/// The source Zendesk reserves ("cannot be used to create a profile").
pub const RESERVED_SOURCE: &str = "zendesk";

/// Problems Zendesk would reject the body for (`[]` = accepted).
pub fn problems(method: Method, body: Option<&Value>) -> Vec<Issue> {
    let mut out = Vec::new();
    match method {
        Method::Delete => return out,
        Method::Post => {
            out.push(Issue::new(
                "",
                "Zendesk's Profiles API has no POST: PUT creates or replaces a profile, PATCH updates one \
                 (POST /api/v2/user_profiles/events is the Events API)",
            ));
            return out;
        }
        Method::Put | Method::Patch => {}
    }
    let profile = match body {
        Some(Value::Object(map)) => match map.get("profile") {
            Some(Value::Object(p)) => p,
            None => {
                out.push(Issue::new("/profile", "\"profile\" is required"));
                return out;
            }
            Some(other) => {
                out.push(Issue::new("/profile", format!("\"profile\" must be an object, got {}", type_name(other))));
                return out;
            }
        },
        other => {
            out.push(Issue::new("", format!("request body must be an object with \"profile\", got {}", other.map_or("nothing", type_name))));
            return out;
        }
    };
    let put = method == Method::Put;
    // PATCH ignores source, type and user_id, so only PUT checks them. They
    // are optional in the body: the identifier query gives source and type.
    if put {
        for key in ["source", "type"] {
            if let Some(v) = profile.get(key) {
                check_name(key, v, &format!("/profile/{key}"), &mut out);
            }
        }
        match profile.get("user_id") {
            None | Some(Value::Null | Value::String(_)) => {}
            Some(Value::Number(n)) if n.is_u64() => {}
            Some(other) => out.push(Issue::new("/profile/user_id", format!("user_id must be a string, got {}", type_name(other)))),
        }
    }
    check_identifiers(profile, put, &mut out);
    match profile.get("name") {
        None | Some(Value::String(_)) => {}
        // PUT names a profile without a name; PATCH has no "unset name".
        Some(Value::Null) if put => {}
        Some(other) => out.push(Issue::new("/profile/name", format!("name must be a string, got {}", type_name(other)))),
    }
    match profile.get("attributes") {
        None | Some(Value::Object(_)) => {}
        Some(Value::Null) if put => {}
        Some(other) => out.push(Issue::new("/profile/attributes", format!("attributes must be an object, got {}", type_name(other)))),
    }
    out
}

/// A profile `source` or `type` (from the body or the identifier query).
pub fn check_name(key: &str, v: &Value, at: &str, out: &mut Vec<Issue>) {
    match v {
        Value::String(s) if s.trim().is_empty() => out.push(Issue::new(at, format!("{key} must not be empty"))),
        Value::String(s) if s.chars().count() > MAX_NAME_CHARS => {
            out.push(Issue::new(at, format!("{key} is longer than {MAX_NAME_CHARS} characters")))
        }
        Value::String(s) if key == "source" && s.eq_ignore_ascii_case(RESERVED_SOURCE) => {
            out.push(Issue::new(at, "source \"zendesk\" is reserved and cannot be used to create a profile"))
        }
        Value::String(_) => {}
        other => out.push(Issue::new(at, format!("{key} must be a string, got {}", type_name(other)))),
    }
}

fn check_identifiers(profile: &Map, put: bool, out: &mut Vec<Issue>) {
    match profile.get("identifiers") {
        None | Some(Value::Null) if put => out.push(Issue::new("/profile/identifiers", "identifiers is required: [{type, value}, ...]")),
        None | Some(Value::Null) => {}
        Some(Value::Array(ids)) => {
            if put && ids.is_empty() {
                out.push(Issue::new("/profile/identifiers", "identifiers must hold at least one {type, value}"));
            }
            if ids.len() > MAX_IDENTIFIERS {
                out.push(Issue::new("/profile/identifiers", format!("a profile holds at most {MAX_IDENTIFIERS} identifiers, got {}", ids.len())));
            }
            for (i, id) in ids.iter().enumerate() {
                check_identifier(id, &format!("/profile/identifiers/{i}"), out);
            }
        }
        Some(other) => out.push(Issue::new("/profile/identifiers", format!("identifiers must be an array, got {}", type_name(other)))),
    }
}

/// One `{type, value}`; `value` may be a number (kept as a string).
pub fn check_identifier(id: &Value, at: &str, out: &mut Vec<Issue>) {
    let Value::Object(m) = id else {
        return out.push(Issue::new(at, format!("an identifier must be an object {{type, value}}, got {}", type_name(id))));
    };
    match m.get("type") {
        Some(Value::String(s)) if s.trim().is_empty() => out.push(Issue::new(format!("{at}/type"), "identifier type must not be empty")),
        Some(Value::String(s)) if s.chars().count() > MAX_IDENTIFIER_TYPE_CHARS => out.push(Issue::new(
            format!("{at}/type"),
            format!("identifier type is longer than {MAX_IDENTIFIER_TYPE_CHARS} characters"),
        )),
        Some(Value::String(_)) => {}
        None => out.push(Issue::new(format!("{at}/type"), "identifier type is required")),
        Some(other) => out.push(Issue::new(format!("{at}/type"), format!("identifier type must be a string, got {}", type_name(other)))),
    }
    match m.get("value") {
        Some(v @ (Value::String(_) | Value::Number(_))) => {
            let text = as_text(v).unwrap_or_default();
            if text.trim().is_empty() {
                out.push(Issue::new(format!("{at}/value"), "identifier value must not be empty"));
            } else if m.get("type").and_then(Value::as_str) == Some("email") && !super::super::suprsend::is_email_address(&text) {
                out.push(Issue::new(format!("{at}/value"), format!("\"{text}\" is not an email address")));
            }
        }
        None => out.push(Issue::new(format!("{at}/value"), "identifier value is required")),
        Some(other) => out.push(Issue::new(format!("{at}/value"), format!("identifier value must be a string, got {}", type_name(other)))),
    }
}
