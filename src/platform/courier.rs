//! Courier profiles: `POST /profiles/:id` merges, `PUT` replaces, `PATCH`
//! applies an RFC 6902 patch, `DELETE` removes. Error bodies look like
//! Courier's: `{message, type: "invalid_request_error"}`.

use super::{warn_deleting_nulls, Applied, Context, Issue, Method, Warning};
use crate::error::{ProfileError, Result};
use crate::json::diff::{diff, diff_merge, ChangeOp};
use crate::json::merge::merge_deep;
use crate::json::patch::{apply_ops, parse_ops, Op};
use crate::json::{object, pointer, type_name};
use crate::json::{Map, Value};

/// A Courier-shaped error.
#[inline]
pub fn error(status: u16, code: &str, message: impl Into<String>) -> ProfileError {
    error_with(status, code, message.into())
}

/// The non-generic body of [`error`].
fn error_with(status: u16, code: &str, message: String) -> ProfileError {
    let body = ProfileError::invalid(code, message);
    let message = body.message.clone();
    ProfileError { status, ..body }.with_body(object([("message", message.into()), ("type", "invalid_request_error".into())]))
}

/// Give any error Courier's body shape, keeping code and path. The status
/// becomes 400: Courier's profile and token references document no other
/// error status (a failed JSON Patch `test` is 409 in the neutral JSON core,
/// but Courier answers it 400 `invalid_request_error`).
pub(crate) fn courier_shaped(e: ProfileError) -> ProfileError {
    let body = object([("message", e.message.clone().into()), ("type", "invalid_request_error".into())]);
    ProfileError { status: 400, kind: crate::error::KIND_INVALID_REQUEST.into(), ..e }.with_body(body)
}

/// What Courier would store after the request.
pub fn apply(method: Method, stored: Option<&Value>, body: Option<&Value>, ctx: &Context) -> Result<Applied> {
    if let Some(first) = validate(method, body).into_iter().next() {
        return Err(error(400, "invalid_body", first.message).with_path(first.path));
    }
    let mut warnings = ignored_fields(method, body);
    // Only writes that can create the profile: a DELETE names an existing id.
    let creates = method != Method::Delete;
    if let Some(id) = ctx.user_id.as_deref().filter(|id| creates && looks_like_contact(id)) {
        warnings.push(Warning::at(
            "unstable_user_id",
            "",
            format!("user_id \"{id}\" looks like an email address or phone number; Courier advises against those as user ids because they change over time"),
        ));
    }
    let (mut changes, mut deferred) = (None, None);
    let profile = match method {
        Method::Post => {
            let update = member(body, "profile");
            warn_deleting_nulls(stored, update, "", &mut warnings);
            match stored {
                Some(before) => {
                    // The changes from what the body names, not a diff of the whole profile.
                    changes = Some(diff_merge(before, update));
                    if ctx.defer_merge {
                        deferred = Some(update.clone());
                        None
                    } else {
                        Some(merge_deep(before, update))
                    }
                }
                None => Some(merge_deep(&Value::Object(Map::new()), update)),
            }
        }
        Method::Put => {
            let update = member(body, "profile").clone();
            if let Some(before) = stored {
                for change in diff(before, &update) {
                    if change.op == ChangeOp::Remove {
                        let msg = format!("PUT replaces the whole profile: {} is removed", display(&change.path));
                        warnings.push(Warning::at("field_removed", change.path, msg));
                    }
                }
            }
            Some(update)
        }
        Method::Patch => {
            let ops = member(body, "patch").as_array().map(Vec::as_slice).unwrap_or_default();
            // Parsed once, for the warning and for applying.
            let ops = parse_ops(ops).map_err(courier_shaped)?;
            warn_unguarding_tests(&ops, &mut warnings);
            let base = stored.cloned().unwrap_or_else(|| Value::Object(Map::new()));
            Some(apply_ops(base, &ops).map_err(courier_shaped)?)
        }
        Method::Delete => {
            if stored.is_some() {
                warnings.push(Warning::at("profile_deleted", "", "DELETE removes the whole profile"));
            }
            None
        }
    };
    // The Profiles API reference documents 200 {"status":"SUCCESS"} for
    // POST, PUT, PATCH and DELETE alike.
    let response = Some(object([("status", "SUCCESS".into())]));
    Ok(Applied { profile, warnings, status: 200, response, changes, deferred })
}

/// An email address or a phone number (`+`, digits, spaces, `-`, `.`,
/// parentheses; at least 7 digits): what the Profiles reference advises
/// against as a user id.
fn looks_like_contact(id: &str) -> bool {
    let digits = id.chars().filter(char::is_ascii_digit).count();
    let phone = digits >= 7 && id.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')'));
    phone || super::suprsend::is_email_address(id)
}

fn display(path: &str) -> String {
    if path.is_empty() { "the whole profile".into() } else { format!("\"{path}\"") }
}

fn member<'a>(body: Option<&'a Value>, key: &str) -> &'a Value {
    body.and_then(|b| b.get(key)).unwrap_or(&Value::Null)
}

/// Top-level body members Courier does not read for this method.
fn ignored_fields(method: Method, body: Option<&Value>) -> Vec<Warning> {
    let known = match method {
        Method::Post | Method::Put => "profile",
        Method::Patch => "patch",
        Method::Delete => return Vec::new(),
    };
    let Some(Value::Object(map)) = body else { return Vec::new() };
    map.keys()
        .filter(|k| k.as_str() != known)
        .map(|k| Warning::at("ignored_field", pointer::join("", k), format!("\"{k}\" is not read by Courier {}; only \"{known}\" is", method.name())))
        .collect()
}

/// A `test` with no other operation after it protects nothing.
fn warn_unguarding_tests(parsed: &[Op], out: &mut Vec<Warning>) {
    let last_change = parsed.iter().rposition(|op| !matches!(op, Op::Test { .. }));
    for (i, op) in parsed.iter().enumerate() {
        if matches!(op, Op::Test { .. }) && last_change.is_none_or(|last| i > last) {
            out.push(Warning::at(
                "test_guards_nothing",
                op.path(),
                format!("operation {i} is a test with no change after it, so it guards nothing"),
            ));
        }
    }
}

/// Problems Courier would reject the body for (`[]` = accepted).
pub fn validate(method: Method, body: Option<&Value>) -> Vec<Issue> {
    let need = match method {
        Method::Delete => return Vec::new(),
        Method::Post | Method::Put => "profile",
        Method::Patch => "patch",
    };
    let Some(Value::Object(map)) = body else {
        let got = body.map_or("nothing", type_name);
        return vec![Issue::new("", format!("request body must be an object with \"{need}\", got {got}"))];
    };
    let path = format!("/{need}");
    match (need, map.get(need)) {
        (_, None) => vec![Issue::new(path, format!("\"{need}\" is required"))],
        ("profile", Some(Value::Object(_))) => Vec::new(),
        ("profile", Some(v)) => vec![Issue::new(path, format!("\"profile\" must be an object, got {}", type_name(v)))],
        (_, Some(Value::Array(ops))) => patch_issues(ops),
        (_, Some(v)) => vec![Issue::new(path, format!("\"patch\" must be an array of operations, got {}", type_name(v)))],
    }
}

fn patch_issues(ops: &[Value]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match Op::parse(op, i) {
            Err(e) => issues.push(Issue::new(format!("/patch/{i}"), e.message)),
            Ok(op) => {
                let from = match &op {
                    Op::Move { from, .. } | Op::Copy { from, .. } => Some(from.as_str()),
                    _ => None,
                };
                for (key, p) in [("path", Some(op.path())), ("from", from)] {
                    if let Some(Err(e)) = p.map(pointer::parse) {
                        issues.push(Issue::new(format!("/patch/{i}/{key}"), e.message));
                    }
                }
            }
        }
    }
    issues
}

/// Courier send-time recipient: the stored profile with the message's
/// inline `to` fields on top. Objects merge recursively; any other inline
/// value (including `null`) wins over the stored one. `stored` is untouched.
pub fn recipient(stored: Option<&Value>, to: &Value) -> Result<Value> {
    let Value::Object(_) = to else {
        return Err(error(400, "invalid_body", format!("message.to must be an object, got {}", type_name(to))).with_path("/to"));
    };
    let mut out = match stored {
        Some(Value::Object(m)) => Value::Object(m.clone()),
        None | Some(Value::Null) => Value::Object(Map::new()),
        Some(other) => {
            return Err(error(400, "invalid_body", format!("stored profile must be an object, got {}", type_name(other)))
                .with_path("/stored"))
        }
    };
    overlay(&mut out, to);
    Ok(out)
}

fn overlay(target: &mut Value, top: &Value) {
    match (target, top) {
        (Value::Object(dst), Value::Object(src)) => {
            for (k, v) in src {
                match dst.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => overlay(existing, v),
                    _ => {
                        dst.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (t, v) => *t = v.clone(),
    }
}
