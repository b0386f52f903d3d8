//! Courier device tokens (`/users/:user_id/tokens`): what Courier stores
//! for a user after `PUT /users/:user_id/tokens/:token` (add or overwrite
//! one token), `PUT /users/:user_id/tokens` (several), `PATCH
//! /users/:user_id/tokens/:token` (a JSON Patch on one token) and `DELETE
//! /users/:user_id/tokens/:token`.
//!
//! The stored state is the user's token list in the shape `GET
//! /users/:user_id/tokens` returns: `{"tokens": [{token, provider_key,
//! properties?, device?, tracking?, expiry_date?}, ...]}` (`null` when the
//! user has none yet). Every write answers 204 with an empty body; errors
//! are Courier's 400 `{message, type: "invalid_request_error"}`.

use super::courier::{courier_shaped, error};
use super::{Applied, Context, Warning};
use crate::error::Result;
use crate::json::diff::{diff, ChangeOp};
use crate::json::patch::{apply_ops, parse_ops};
use crate::json::{pointer, type_name};
use crate::json::{Map, Value};

/// `provider_key` values the Device Tokens reference lists.
pub const PROVIDER_KEYS: [&str; 4] = ["firebase-fcm", "apn", "expo", "onesignal"];
/// Members of a token body the reference documents.
const KNOWN: [&str; 6] = ["token", "provider_key", "properties", "device", "tracking", "expiry_date"];
/// Documented string members of `device` and `tracking`.
const DEVICE: [&str; 6] = ["app_id", "ad_id", "device_id", "platform", "manufacturer", "model"];
const TRACKING: [&str; 4] = ["os_version", "ip", "lat", "long"];

/// One Device Tokens request; `token` is the (percent-decoded) `:token`
/// path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOp {
    /// `PUT /users/:user_id/tokens/:token`: add or overwrite one token.
    PutOne {
        /// The `:token` of the URL.
        token: String,
    },
    /// `PUT /users/:user_id/tokens`: add or overwrite several tokens.
    PutMany,
    /// `PATCH /users/:user_id/tokens/:token`: JSON Patch on one token.
    Patch {
        /// The `:token` of the URL.
        token: String,
    },
    /// `DELETE /users/:user_id/tokens/:token`.
    Delete {
        /// The `:token` of the URL.
        token: String,
    },
}

/// The token list after `op`, with warnings; status 204, empty body.
pub fn apply(op: &TokenOp, stored: Option<&Value>, body: Option<&Value>, _ctx: &Context) -> Result<Applied> {
    let mut tokens = stored_tokens(stored)?;
    let mut warnings = Vec::new();
    match op {
        TokenOp::PutOne { token } => {
            let entry = token_body(body, "", Some(token), &mut warnings)?;
            upsert(&mut tokens, entry, &mut warnings);
        }
        TokenOp::PutMany => {
            for entry in many_bodies(body, &mut warnings)? {
                upsert(&mut tokens, entry, &mut warnings);
            }
        }
        TokenOp::Patch { token } => {
            let ops = patch_ops(body)?;
            let i = position(&tokens, token).ok_or_else(|| unknown_token(token))?;
            let current = tokens.get(i).cloned().unwrap_or(Value::Null);
            let patched = apply_ops(current, &ops).map_err(courier_shaped)?;
            if let Some(slot) = tokens.get_mut(i) {
                *slot = patched;
            }
        }
        TokenOp::Delete { token } => match position(&tokens, token) {
            Some(i) => {
                tokens.remove(i);
                warnings.push(Warning::at("token_deleted", format!("/tokens/{i}"), format!("DELETE removes token \"{token}\"")));
            }
            None => warnings.push(Warning::at("nothing_to_delete", "", format!("no stored token \"{token}\": nothing changes"))),
        },
    }
    let mut out = Map::new();
    out.insert("tokens".into(), Value::Array(tokens));
    Ok(Applied { profile: Some(Value::Object(out)), warnings, status: 204, response: None, changes: None, deferred: None })
}

/// The stored token list: `{"tokens": [...]}` or nothing.
fn stored_tokens(stored: Option<&Value>) -> Result<Vec<Value>> {
    match stored {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Object(map)) => match map.get("tokens") {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(list)) => Ok(list.clone()),
            Some(other) => Err(error(400, "invalid_stored", format!("stored \"tokens\" must be an array, got {}", type_name(other)))
                .with_path("/stored/tokens")),
        },
        Some(other) => Err(error(
            400,
            "invalid_stored",
            format!("stored token list must be {{\"tokens\": [...]}} (what GET /users/:user_id/tokens returns), got {}", type_name(other)),
        )
        .with_path("/stored")),
    }
}

fn position(tokens: &[Value], token: &str) -> Option<usize> {
    tokens.iter().position(|t| t.get("token").and_then(Value::as_str) == Some(token))
}

fn unknown_token(token: &str) -> crate::error::ProfileError {
    // Courier documents only 400 invalid_request_error for this endpoint.
    error(400, "token_not_found", format!("the user has no token \"{token}\" to patch")).with_path("/token")
}

/// Add `entry`, or overwrite the stored token with the same `token`
/// (fields the new body lacks are gone: a `field_removed` warning each).
fn upsert(tokens: &mut Vec<Value>, entry: Value, warnings: &mut Vec<Warning>) {
    let key = entry.get("token").and_then(Value::as_str).unwrap_or_default().to_string();
    match position(tokens, &key) {
        Some(i) => {
            if let Some(old) = tokens.get(i) {
                for change in diff(old, &entry) {
                    if change.op == ChangeOp::Remove {
                        let path = format!("/tokens/{i}{}", change.path);
                        let msg = format!("PUT overwrites token \"{key}\": {path} is removed");
                        warnings.push(Warning::at("field_removed", path, msg));
                    }
                }
            }
            if let Some(slot) = tokens.get_mut(i) {
                *slot = entry;
            }
        }
        None => tokens.push(entry),
    }
}

/// The bodies of `PUT /users/:user_id/tokens`: an array (the reference's
/// schema) or `{"tokens": [...]}` (its example).
fn many_bodies(body: Option<&Value>, warnings: &mut Vec<Warning>) -> Result<Vec<Value>> {
    let (list, base) = match body {
        Some(Value::Array(list)) => (list, ""),
        Some(Value::Object(map)) if map.get("tokens").is_some_and(Value::is_array) => {
            warnings.push(Warning::at(
                "docs_disagree",
                "/tokens",
                "Courier's reference gives this body as an array of tokens but its example wraps it in {\"tokens\": [...]}; both are accepted",
            ));
            (map.get("tokens").and_then(Value::as_array).map_or(&EMPTY, |l| l), "/tokens")
        }
        other => {
            let got = other.map_or("nothing", type_name);
            return Err(error(400, "invalid_body", format!("request body must be an array of tokens, got {got}")).with_path(""));
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        out.push(token_body(Some(item), &format!("{base}/{i}"), None, warnings)?);
    }
    Ok(out)
}

static EMPTY: Vec<Value> = Vec::new();

/// Check one token body and return the token to store. `url_token` is the
/// `:token` of the URL (single-token PUT); without it `token` is required.
fn token_body(body: Option<&Value>, at: &str, url_token: Option<&str>, warnings: &mut Vec<Warning>) -> Result<Value> {
    let bad = |path: String, msg: String| error(400, "invalid_body", msg).with_path(path);
    let Some(Value::Object(map)) = body else {
        let got = body.map_or("nothing", type_name);
        return Err(bad(at.to_string(), format!("a token must be an object with \"provider_key\", got {got}")));
    };
    let token = match (map.get("token"), url_token) {
        (Some(Value::String(t)), Some(url)) if t != url => {
            return Err(bad(format!("{at}/token"), format!("\"token\" \"{t}\" must match the token in the URL \"{url}\"")));
        }
        (Some(Value::String(t)), _) => t.clone(),
        (Some(other), _) => return Err(bad(format!("{at}/token"), format!("\"token\" must be a string, got {}", type_name(other)))),
        (None, Some(url)) => {
            warnings.push(Warning::at(
                "docs_disagree",
                format!("{at}/token"),
                "Courier's current reference marks \"token\" required in this body, its older reference optional (taken from the URL); add it to be safe",
            ));
            url.to_string()
        }
        (None, None) => return Err(bad(format!("{at}/token"), "\"token\" is required".into())),
    };
    match map.get("provider_key") {
        Some(Value::String(p)) if PROVIDER_KEYS.contains(&p.as_str()) => {}
        Some(Value::String(p)) => {
            return Err(bad(
                format!("{at}/provider_key"),
                format!("\"provider_key\" \"{p}\" is not one of {}", PROVIDER_KEYS.join(", ")),
            ))
        }
        Some(other) => {
            return Err(bad(format!("{at}/provider_key"), format!("\"provider_key\" must be a string, got {}", type_name(other))))
        }
        None => return Err(bad(format!("{at}/provider_key"), "\"provider_key\" is required".into())),
    }
    for (key, fields) in [("device", &DEVICE[..]), ("tracking", &TRACKING[..])] {
        match map.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Object(inner)) => {
                for (k, v) in inner {
                    if fields.contains(&k.as_str()) && !(v.is_string() || v.is_null()) {
                        let path = pointer::join(&format!("{at}/{key}"), k);
                        return Err(bad(path, format!("\"{key}.{k}\" must be a string, got {}", type_name(v))));
                    }
                }
            }
            Some(other) => return Err(bad(format!("{at}/{key}"), format!("\"{key}\" must be an object, got {}", type_name(other)))),
        }
    }
    match map.get("expiry_date") {
        None | Some(Value::Null) => warnings.push(Warning::at(
            "expiry_default",
            format!("{at}/expiry_date"),
            "no expiry_date: Courier expires this token 2 months after the request (set expiry_date to false to disable expiration)",
        )),
        Some(Value::Bool(false)) => {}
        Some(Value::String(s)) if crate::datetime::parse_iso8601(s).is_some() => {}
        Some(other) => {
            return Err(bad(
                format!("{at}/expiry_date"),
                format!("\"expiry_date\" must be an ISO 8601 date or false, got {other}"),
            ))
        }
    }
    for key in map.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        warnings.push(Warning::at(
            "ignored_field",
            pointer::join(at, key),
            format!("\"{key}\" is not a documented token field; Courier does not read it"),
        ));
    }
    // Stored as GET returns it: `token` first, then the body's fields.
    let mut out = Map::new();
    out.insert("token".into(), Value::String(token));
    for (k, v) in map {
        if k != "token" && KNOWN.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::Object(out))
}

/// The operations of a token PATCH body `{patch: [...]}`.
fn patch_ops(body: Option<&Value>) -> Result<Vec<crate::json::patch::Op>> {
    let ops = match body.and_then(|b| b.get("patch")) {
        Some(Value::Array(ops)) => ops,
        Some(other) => {
            return Err(error(400, "invalid_body", format!("\"patch\" must be an array of operations, got {}", type_name(other)))
                .with_path("/patch"))
        }
        None => return Err(error(400, "invalid_body", "request body must be an object with \"patch\"").with_path("/patch")),
    };
    parse_ops(ops).map_err(courier_shaped)
}
