//! Zendesk user profiles (`/api/v2/user_profiles?identifier=...`): `PUT
//! {profile}` creates or replaces, `PATCH {profile}` updates in place,
//! `DELETE` removes. Error bodies look like Zendesk's:
//! `{errors: [{code: "ClientError" | "RecordNotFound", title}]}`.
//!
//! The stored profile is `{id, user_id, source, type, name, identifiers:
//! [{type, value}], attributes, created_at, updated_at}`; results are built
//! in that key order.
//!
//! Decisions where Zendesk's documentation is silent:
//! * `POST` is a 405: Zendesk has no POST for profiles by identifier, and
//!   guessing would hide a wrong request;
//! * a new profile gets a deterministic, ULID-shaped `id` derived from its
//!   source, type and first identifier, so previews are reproducible;
//! * `user_id` of a new profile is `userId` when given (a number when it
//!   is decimal digits, as Zendesk user ids are), else `null`;
//! * a request that changes nothing leaves `updated_at` alone;
//! * structural problems are 400 `ClientError`; broken limits (more than 20
//!   identifiers, source/type over 40 characters, the reserved source
//!   `zendesk`) are 422 `ClientError`.

use super::{warn_deleting_nulls, Applied, Context, Issue, Method, Warning};
use crate::error::{ProfileError, Result, KIND_INVALID_REQUEST, KIND_NOT_FOUND};
use crate::json::diff::{diff, ChangeOp};
use crate::json::merge_patch::apply_merge_patch;
use crate::json::{pointer, type_name};
use serde_json::{json, Map, Value};

/// Most identifiers one profile may hold.
const MAX_IDENTIFIERS: usize = 20;
/// Longest `source` / `type`, in characters.
const MAX_NAME_CHARS: usize = 40;
/// Fields Zendesk sets itself; a body cannot change them.
const READ_ONLY: [&str; 4] = ["id", "user_id", "created_at", "updated_at"];
/// Fields a request profile may carry.
const KNOWN: [&str; 9] = ["id", "user_id", "source", "type", "name", "identifiers", "attributes", "created_at", "updated_at"];

/// A Zendesk-shaped error: body `{errors: [{code, title}]}`, where `code`
/// is Zendesk's (`ClientError`, `RecordNotFound`).
pub fn error(status: u16, code: &str, message: impl Into<String>) -> ProfileError {
    let kind = if status == 404 { KIND_NOT_FOUND } else { KIND_INVALID_REQUEST };
    let e = ProfileError::new(status, kind, code, message);
    let body = json!({ "errors": [{ "code": code, "title": e.message }] });
    e.with_body(body)
}

/// A problem plus the status Zendesk answers it with.
struct Problem {
    issue: Issue,
    status: u16,
}

fn bad(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem { issue: Issue::new(path, message), status: 400 }
}

fn over_limit(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem { issue: Issue::new(path, message), status: 422 }
}

/// Problems Zendesk would reject the body for (`[]` = accepted).
pub fn validate(method: Method, body: Option<&Value>) -> Vec<Issue> {
    problems(method, body).into_iter().map(|p| p.issue).collect()
}

fn problems(method: Method, body: Option<&Value>) -> Vec<Problem> {
    let mut out = Vec::new();
    match method {
        Method::Delete => return out,
        Method::Post => {
            out.push(Problem {
                issue: Issue::new("", "Zendesk has no POST for user profiles; use PUT (create or replace) or PATCH (update)"),
                status: 405,
            });
            return out;
        }
        Method::Put | Method::Patch => {}
    }
    let profile = match body {
        Some(Value::Object(map)) => match map.get("profile") {
            Some(Value::Object(p)) => p,
            None => {
                out.push(bad("/profile", "\"profile\" is required"));
                return out;
            }
            Some(other) => {
                out.push(bad("/profile", format!("\"profile\" must be an object, got {}", type_name(other))));
                return out;
            }
        },
        other => {
            out.push(bad("", format!("request body must be an object with \"profile\", got {}", other.map_or("nothing", type_name))));
            return out;
        }
    };
    let put = method == Method::Put;
    // PATCH ignores source and type, so only PUT checks them.
    if put {
        for key in ["source", "type"] {
            let at = format!("/profile/{key}");
            match profile.get(key) {
                None | Some(Value::Null) => out.push(bad(at, format!("{key} is required"))),
                Some(Value::String(s)) if s.trim().is_empty() => out.push(bad(at, format!("{key} must not be empty"))),
                Some(Value::String(s)) if s.chars().count() > MAX_NAME_CHARS => {
                    out.push(over_limit(at, format!("{key} is longer than {MAX_NAME_CHARS} characters")))
                }
                Some(Value::String(s)) if key == "source" && s.eq_ignore_ascii_case("zendesk") => {
                    out.push(over_limit(at, "source \"zendesk\" is reserved for Zendesk's own profiles"))
                }
                Some(Value::String(_)) => {}
                Some(other) => out.push(bad(at, format!("{key} must be a string, got {}", type_name(other)))),
            }
        }
    }
    match profile.get("identifiers") {
        None | Some(Value::Null) if put => out.push(bad("/profile/identifiers", "identifiers is required: [{type, value}, ...]")),
        None | Some(Value::Null) => {}
        Some(Value::Array(ids)) => {
            if put && ids.is_empty() {
                out.push(bad("/profile/identifiers", "identifiers must hold at least one {type, value}"));
            }
            if ids.len() > MAX_IDENTIFIERS {
                out.push(over_limit("/profile/identifiers", format!("a profile holds at most {MAX_IDENTIFIERS} identifiers, got {}", ids.len())));
            }
            for (i, id) in ids.iter().enumerate() {
                check_identifier(id, &format!("/profile/identifiers/{i}"), &mut out);
            }
        }
        Some(other) => out.push(bad("/profile/identifiers", format!("identifiers must be an array, got {}", type_name(other)))),
    }
    match profile.get("name") {
        None | Some(Value::String(_)) => {}
        // PUT derives a missing name; PATCH has no "unset name".
        Some(Value::Null) if put => {}
        Some(other) => out.push(bad("/profile/name", format!("name must be a string, got {}", type_name(other)))),
    }
    match profile.get("attributes") {
        None | Some(Value::Object(_)) => {}
        Some(Value::Null) if put => {}
        Some(other) => out.push(bad("/profile/attributes", format!("attributes must be an object, got {}", type_name(other)))),
    }
    out
}

fn check_identifier(id: &Value, at: &str, out: &mut Vec<Problem>) {
    let Value::Object(m) = id else {
        return out.push(bad(at, format!("an identifier must be an object {{type, value}}, got {}", type_name(id))));
    };
    for key in ["type", "value"] {
        match m.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(Value::String(_)) => out.push(bad(format!("{at}/{key}"), format!("identifier {key} must not be empty"))),
            None => out.push(bad(format!("{at}/{key}"), format!("identifier {key} is required"))),
            Some(other) => out.push(bad(format!("{at}/{key}"), format!("identifier {key} must be a string, got {}", type_name(other)))),
        }
    }
    if let (Some("email"), Some(Value::String(v))) = (m.get("type").and_then(Value::as_str), m.get("value")) {
        if !v.trim().is_empty() && !super::suprsend::is_email_address(v) {
            out.push(bad(format!("{at}/value"), format!("\"{v}\" is not an email address")));
        }
    }
}

/// What Zendesk would store after the request.
pub fn apply(method: Method, stored: Option<&Value>, body: Option<&Value>, ctx: &Context) -> Result<Applied> {
    if let Some(first) = problems(method, body).into_iter().next() {
        return Err(error(first.status, "ClientError", first.issue.message).with_path(first.issue.path));
    }
    let stored = match stored {
        None | Some(Value::Object(_)) => stored,
        Some(other) => {
            return Err(error(400, "ClientError", format!("stored profile must be an object, got {}", type_name(other))).with_path("/stored"))
        }
    };
    let mut warnings = Vec::new();
    let empty = Map::new();
    let profile = body.and_then(|b| b.get("profile")).and_then(Value::as_object).unwrap_or(&empty);
    if let Some(Value::Object(map)) = body {
        for key in map.keys().filter(|k| k.as_str() != "profile") {
            warnings.push(Warning::at("ignored_field", pointer::join("", key), format!("\"{key}\" is not read by Zendesk; only \"profile\" is")));
        }
    }
    let result = match method {
        Method::Delete => {
            if stored.is_none() {
                return Err(error(404, "RecordNotFound", "no profile matches the identifier"));
            }
            warnings.push(Warning::at("profile_deleted", "", "DELETE removes the whole profile"));
            None
        }
        Method::Put => Some(put(stored, profile, ctx, &mut warnings)),
        Method::Patch => {
            let Some(before) = stored else {
                return Err(error(404, "RecordNotFound", "no profile matches the identifier; PATCH only updates an existing profile (use PUT to create)"));
            };
            Some(patch(before, profile, ctx, &mut warnings)?)
        }
        // Rejected by `problems` above.
        Method::Post => None,
    };
    // PUT creates (201) or replaces (200); PATCH 200; both answer {profile}.
    let status = match (method, stored) {
        (Method::Put, None) => 201,
        (Method::Delete, _) => 204,
        _ => 200,
    };
    let response = result.as_ref().map(|p| serde_json::json!({ "profile": p }));
    Ok(Applied { profile: result, warnings, status, response })
}

/// Warn about fields of the request profile that are not applied.
fn warn_ignored(profile: &Map<String, Value>, ignored: &[&str], warnings: &mut Vec<Warning>) {
    for key in profile.keys() {
        let at = pointer::join("/profile", key);
        if ignored.contains(&key.as_str()) {
            let why = if READ_ONLY.contains(&key.as_str()) { "is set by Zendesk" } else { "cannot change with PATCH" };
            warnings.push(Warning::at("ignored_field", at, format!("\"{key}\" {why}; the body value is ignored")));
        } else if !KNOWN.contains(&key.as_str()) {
            warnings.push(Warning::at("ignored_field", at, format!("\"{key}\" is not a profile field; put custom data in attributes")));
        }
    }
}

/// Identifiers of the request, email values lower-cased, duplicates of
/// each other or of `existing` skipped with a warning.
fn new_identifiers(profile: &Map<String, Value>, existing: &[Value], warnings: &mut Vec<Warning>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for (i, id) in profile.get("identifiers").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let kind = id.get("type").and_then(Value::as_str).unwrap_or_default();
        let value = id.get("value").and_then(Value::as_str).unwrap_or_default();
        let value = if kind == "email" { crate::host::lowercase(value) } else { value.to_string() };
        let normal = json!({ "type": kind, "value": value });
        if existing.iter().chain(out.iter()).any(|e| same_identifier(e, &normal)) {
            warnings.push(Warning::at(
                "duplicate_skipped",
                format!("/profile/identifiers/{i}"),
                format!("identifier {kind}:{value} is already on the profile; it is skipped"),
            ));
            continue;
        }
        out.push(normal);
    }
    out
}

/// `userId` as Zendesk stores it: user ids are integers, so a decimal
/// `userId` becomes a number; anything else stays a string.
fn user_id_json(user_id: Option<&str>) -> Value {
    match user_id {
        None => Value::Null,
        Some(id) => id.parse::<u64>().ok().filter(|_| id.bytes().all(|b| b.is_ascii_digit())).map_or_else(|| json!(id), |n| json!(n)),
    }
}

/// Same type and value; email values compare case-insensitively.
fn same_identifier(a: &Value, b: &Value) -> bool {
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let kind = field(a, "type");
    if kind != field(b, "type") {
        return false;
    }
    if kind == "email" {
        crate::host::lowercase(&field(a, "value")) == crate::host::lowercase(&field(b, "value"))
    } else {
        field(a, "value") == field(b, "value")
    }
}

fn put(stored: Option<&Value>, profile: &Map<String, Value>, ctx: &Context, warnings: &mut Vec<Warning>) -> Value {
    warn_ignored(profile, &READ_ONLY, warnings);
    let text = |k: &str| profile.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let (source, kind) = (text("source"), text("type"));
    let identifiers = new_identifiers(profile, &[], warnings);
    let first_value = identifiers.first().and_then(|i| i.get("value")).cloned().unwrap_or(Value::Null);
    let kept = |k: &str| stored.and_then(|s| s.get(k)).cloned();
    let id = kept("id").unwrap_or_else(|| json!(derive_id(&source, &kind, identifiers.first())));
    let user_id = kept("user_id").unwrap_or_else(|| user_id_json(ctx.user_id.as_deref()));
    let name = match profile.get("name") {
        Some(Value::String(n)) => json!(n),
        // Zendesk shows a profile by name; without one it uses the first identifier.
        _ => first_value,
    };
    let attributes = match profile.get("attributes") {
        Some(Value::Object(a)) => Value::Object(a.clone()),
        _ => Value::Object(Map::new()),
    };
    let created_at = kept("created_at").unwrap_or_else(|| json!(ctx.now));
    let mut out = build(id, user_id, &source, &kind, name, identifiers, attributes, created_at, kept("updated_at"));
    stamp(stored, &mut out, ctx);
    if let Some(before) = stored {
        for change in diff(before, &out) {
            if change.op == ChangeOp::Remove {
                let msg = format!("PUT replaces the whole profile: \"{}\" is removed", change.path);
                warnings.push(Warning::at("field_removed", change.path, msg));
            }
        }
    }
    out
}

fn patch(before: &Value, profile: &Map<String, Value>, ctx: &Context, warnings: &mut Vec<Warning>) -> Result<Value> {
    warn_ignored(profile, &["id", "user_id", "source", "type", "created_at", "updated_at"], warnings);
    let mut out = before.clone();
    let Value::Object(m) = &mut out else { return Ok(out) };
    if let Some(Value::String(name)) = profile.get("name") {
        m.insert("name".into(), json!(name));
    }
    if let Some(update @ Value::Object(_)) = profile.get("attributes") {
        let current = m.get("attributes").filter(|a| a.is_object()).cloned().unwrap_or_else(|| Value::Object(Map::new()));
        warn_deleting_nulls(Some(&current), update, "/attributes", warnings);
        m.insert("attributes".into(), apply_merge_patch(&current, update));
    }
    let existing: Vec<Value> = m.get("identifiers").and_then(Value::as_array).cloned().unwrap_or_default();
    let added = new_identifiers(profile, &existing, warnings);
    if !added.is_empty() {
        let total = existing.len() + added.len();
        if total > MAX_IDENTIFIERS {
            return Err(error(422, "ClientError", format!(
                "a profile holds at most {MAX_IDENTIFIERS} identifiers; this PATCH would make {total}"
            ))
            .with_path("/profile/identifiers"));
        }
        let mut all = existing;
        all.extend(added);
        m.insert("identifiers".into(), Value::Array(all));
    }
    stamp(Some(before), &mut out, ctx);
    Ok(out)
}

/// `updated_at` becomes `now` when the profile is new or differs from
/// `stored` (timestamps aside).
fn stamp(stored: Option<&Value>, out: &mut Value, ctx: &Context) {
    let changed = match stored {
        None => true,
        Some(before) => {
            let mut a = before.clone();
            let mut b = out.clone();
            for v in [&mut a, &mut b] {
                if let Value::Object(m) = v {
                    m.shift_remove("updated_at");
                }
            }
            a != b
        }
    };
    if let (true, Value::Object(m)) = (changed, out) {
        m.insert("updated_at".into(), json!(ctx.now));
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    id: Value,
    user_id: Value,
    source: &str,
    kind: &str,
    name: Value,
    identifiers: Vec<Value>,
    attributes: Value,
    created_at: Value,
    updated_at: Option<Value>,
) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), id);
    m.insert("user_id".into(), user_id);
    m.insert("source".into(), json!(source));
    m.insert("type".into(), json!(kind));
    m.insert("name".into(), name);
    m.insert("identifiers".into(), Value::Array(identifiers));
    m.insert("attributes".into(), attributes);
    m.insert("created_at".into(), created_at);
    m.insert("updated_at".into(), updated_at.unwrap_or(Value::Null));
    Value::Object(m)
}

/// A ULID-shaped id (26 Crockford base32 characters) from two FNV-1a
/// hashes of `source`, `type` and the first identifier: stable across runs
/// and platforms, so previews of a new profile are reproducible.
fn derive_id(source: &str, kind: &str, first: Option<&Value>) -> String {
    let field = |k: &str| first.and_then(|f| f.get(k)).and_then(Value::as_str).unwrap_or_default();
    let key = [source, kind, field("type"), field("value")].join("\u{1f}");
    let fnv = |seed: u64| key.bytes().fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    let bits = (u128::from(fnv(0xcbf2_9ce4_8422_2325)) << 64) | u128::from(fnv(0x6c62_272e_07bb_0142));
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    // 26 characters carry 130 bits: the top two are zero, as in a ULID.
    (0..26)
        .rev()
        .map(|i| {
            let shift = i * 5;
            let index = if shift >= 128 { 0 } else { ((bits >> shift) & 31) as usize };
            ALPHABET.get(index).map_or('0', |&b| char::from(b))
        })
        .collect()
}

/// A parsed Zendesk identifier query `source:type:identifier_type:identifier_value`.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentifierQuery {
    /// Profile source, e.g. `shopify`.
    pub source: String,
    /// Profile type, e.g. `customer` (`type` in JSON).
    pub kind: String,
    /// Identifier type, e.g. `email`.
    pub identifier_type: String,
    /// Identifier value (may contain ':').
    pub identifier_value: String,
}

impl IdentifierQuery {
    /// `{source, type, identifier_type, identifier_value}`.
    pub fn to_json(&self) -> Value {
        json!({
            "source": self.source,
            "type": self.kind,
            "identifier_type": self.identifier_type,
            "identifier_value": self.identifier_value,
        })
    }
}

/// Parse the `identifier` query parameter `source:type:identifier_type:value`.
///
/// The query splits on its first three `:` only, so the value may hold
/// more (`...:external_id:urn:x:1`). Each part is then percent-decoded
/// (`%3A` is a `:` that does not split). `+` stays a plus sign: this is URL
/// percent-encoding, not form encoding, and `+` is common in phone numbers
/// and email addresses. Empty parts, bad `%` escapes and escapes that do not
/// decode to UTF-8 are 400 `ClientError`s.
pub fn parse_identifier_query(q: &str) -> Result<IdentifierQuery> {
    let mut parts = q.splitn(4, ':');
    let (Some(source), Some(kind), Some(identifier_type), Some(identifier_value)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(error(400, "ClientError", format!(
            "identifier \"{q}\" must look like source:type:identifier_type:identifier_value"
        )));
    };
    let part = |name: &str, raw: &str| -> Result<String> {
        let decoded = percent_decode(raw).ok_or_else(|| error(400, "ClientError", format!("identifier {name} \"{raw}\" has a malformed % escape")))?;
        if decoded.is_empty() {
            return Err(error(400, "ClientError", format!("identifier {name} is empty in \"{q}\"")));
        }
        Ok(decoded)
    };
    Ok(IdentifierQuery {
        source: part("source", source)?,
        kind: part("type", kind)?,
        identifier_type: part("identifier_type", identifier_type)?,
        identifier_value: part("identifier_value", identifier_value)?,
    })
}

/// `%XX` escapes decoded; `None` on a bad escape or non-UTF-8 result.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
            let (hi, lo) = (hex(i + 1)?, hex(i + 2)?);
            out.push(u8::try_from(hi * 16 + lo).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
