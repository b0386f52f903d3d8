//! Zendesk user profiles (Profiles API, `/api/v2/user_profiles`): `PUT
//! {profile}` creates (201) or replaces (200) the profile its identifier
//! query selects, `PATCH {profile}` updates it in place (200), `DELETE`
//! removes it (204, no body). Success bodies are `{profile}`; error bodies
//! are the reference's `{errors: [{code: "ClientError", title}]}`, with
//! status 400 for a bad request and 404 when no profile matches.
//!
//! The identifier query (`Context::query`, `source:type:identifier_type:value`)
//! gives the source and type of a new profile and an identifier it holds
//! ("Creating profiles"). The stored profile is `{id, user_id, source,
//! type, name, identifiers: [{type, value}], attributes, created_at,
//! updated_at}`, every property a string; results are built in that order.
//!
//! Decisions where Zendesk's documentation is silent are listed in the
//! README ("Behaviour and decisions", Zendesk).

mod checks;
mod identifiers;
mod query;

pub use query::{parse_identifier_query, IdentifierQuery};

use super::{warn_deleting_nulls, Applied, Context, Issue, Method, Warning};
use crate::error::{ProfileError, Result, KIND_INVALID_REQUEST, KIND_NOT_FOUND};
use crate::json::diff::{diff, ChangeOp};
use crate::json::merge_patch::apply_merge_patch;
use crate::json::{object, pointer, type_name};
use checks::{check_name, MAX_IDENTIFIERS, MAX_IDENTIFIER_TYPE_CHARS};
use identifiers::{as_text, Ident};
use crate::json::{Map, Value};

/// Fields Zendesk sets itself on PUT; a body cannot change them.
const READ_ONLY: [&str; 3] = ["id", "created_at", "updated_at"];
/// Fields PATCH ignores ("Updating profiles": source, type and user_id are
/// read-only there).
const PATCH_IGNORES: [&str; 6] = ["id", "user_id", "source", "type", "created_at", "updated_at"];
/// Fields a request profile may carry.
const KNOWN: [&str; 9] = ["id", "user_id", "source", "type", "name", "identifiers", "attributes", "created_at", "updated_at"];

/// A Zendesk-shaped error: body `{errors: [{code, title}]}`. The reference
/// documents `ClientError` for every failing status (400, 403, 404).
#[inline]
pub fn error(status: u16, code: &str, message: impl Into<String>) -> ProfileError {
    error_with(status, code, message.into())
}

/// The non-generic body of [`error`].
fn error_with(status: u16, code: &str, message: String) -> ProfileError {
    let kind = if status == 404 { KIND_NOT_FOUND } else { KIND_INVALID_REQUEST };
    let e = ProfileError::new(status, kind, code, message);
    let error = object([("code", code.into()), ("title", e.message.clone().into())]);
    let body = object([("errors", Value::Array(vec![error]))]);
    e.with_body(body)
}

/// A 400 `ClientError` about `issue`.
fn client_error(issue: Issue) -> ProfileError {
    error(400, "ClientError", issue.message).with_path(issue.path)
}

/// Problems Zendesk would reject the body for (`[]` = accepted).
pub fn validate(method: Method, body: Option<&Value>) -> Vec<Issue> {
    checks::problems(method, body)
}

/// What Zendesk would store after the request, with its documented status
/// and response body.
pub fn apply(method: Method, stored: Option<&Value>, body: Option<&Value>, ctx: &Context) -> Result<Applied> {
    if let Some(first) = checks::problems(method, body).into_iter().next() {
        return Err(client_error(first));
    }
    let stored = match stored {
        None | Some(Value::Object(_)) => stored,
        Some(other) => {
            return Err(error(400, "ClientError", format!("stored profile must be an object, got {}", type_name(other))).with_path("/stored"))
        }
    };
    let mut warnings = Vec::new();
    let query = match ctx.query.as_deref() {
        Some(q) => {
            if q.contains('+') {
                warnings.push(Warning::at("plus_is_space", "/query", "a + in a query string decodes to a space; write a plus sign as %2B"));
            }
            Some(parse_identifier_query(q)?)
        }
        None => None,
    };
    let empty = Map::new();
    let profile = body.and_then(|b| b.get("profile")).and_then(Value::as_object).unwrap_or(&empty);
    if let Some(Value::Object(map)) = body {
        for key in map.keys().filter(|k| k.as_str() != "profile") {
            warnings.push(Warning::at("ignored_field", pointer::join("", key), format!("\"{key}\" is not read by Zendesk; only \"profile\" is")));
        }
    }
    // "Creating profiles": Zendesk looks the profile up by the query's
    // source, type and identifier. A stored profile the query does not
    // select is not the one the request reaches.
    let stored = match (stored, query.as_ref()) {
        (Some(s), Some(q)) if !selects(q, s) => {
            if method != Method::Put {
                return Err(error(404, "ClientError", format!(
                    "the identifier query {}:{}:{}:{} does not select the stored profile (source, type and identifier must match)",
                    q.source, q.kind, q.identifier_type, q.identifier_value
                ))
                .with_path("/query"));
            }
            warnings.push(Warning::at("query_mismatch", "/query",
                "the identifier query does not select the stored profile: Zendesk creates a new profile and leaves the stored one as it is"));
            None
        }
        _ => stored,
    };
    let result = match method {
        Method::Delete => {
            if stored.is_none() {
                return Err(error(404, "ClientError", "no profile matches the identifier query or profile id"));
            }
            warnings.push(Warning::at("profile_deleted", "", "DELETE removes the whole profile"));
            None
        }
        Method::Put => Some(put(stored, profile, query.as_ref(), ctx, &mut warnings)?),
        Method::Patch => {
            let Some(before) = stored else {
                return Err(error(404, "ClientError", "no profile matches the identifier query or profile id; PATCH only updates an existing profile (PUT creates one)"));
            };
            Some(patch(before, profile, ctx, &mut warnings)?)
        }
        // Rejected by `problems` above.
        Method::Post => None,
    };
    // "Creating profiles": 201 when created; the reference: 200 when an
    // existing profile is replaced or patched, 204 with no body on DELETE.
    let status = match (method, stored) {
        (Method::Put, None) => 201,
        (Method::Delete, _) => 204,
        _ => 200,
    };
    let response = result.as_ref().map(|p| object([("profile", p.clone())]));
    Ok(Applied { profile: result, warnings, status, response, changes: None, deferred: None })
}

/// Whether the identifier query selects `profile`: same source and type,
/// and one of its identifiers matches the query's.
fn selects(q: &IdentifierQuery, profile: &Value) -> bool {
    let text = |k: &str| profile.get(k).and_then(Value::as_str);
    let wanted = Ident::new(&q.identifier_type, &q.identifier_value);
    text("source") == Some(q.source.as_str())
        && text("type") == Some(q.kind.as_str())
        && profile.get("identifiers").and_then(Value::as_array).into_iter().flatten().map(identifiers::parts).any(|(k, v)| {
            identifiers::same(&k, &v, &wanted.kind, &wanted.stored)
        })
}

/// Warn about fields of the request profile that are not applied.
fn warn_ignored(profile: &Map, ignored: &[&str], warnings: &mut Vec<Warning>) {
    for key in profile.keys() {
        let at = pointer::join("/profile", key);
        if ignored.contains(&key.as_str()) {
            let why = if READ_ONLY.contains(&key.as_str()) { "is set by Zendesk" } else { "is read-only in PATCH requests" };
            warnings.push(Warning::at("ignored_field", at, format!("\"{key}\" {why}; the body value is ignored")));
        } else if !KNOWN.contains(&key.as_str()) {
            warnings.push(Warning::at("ignored_field", at, format!("\"{key}\" is not a profile field; put custom data in attributes")));
        }
    }
}

/// `source` or `type` of the profile a PUT writes: the identifier query's
/// (a differing body value is ignored with a warning), else the body's,
/// else the stored profile's (PUT by profile id).
fn put_name(key: &str, from_query: Option<&str>, profile: &Map, stored: Option<&Value>, warnings: &mut Vec<Warning>) -> Result<String> {
    let in_body = profile.get(key).and_then(Value::as_str);
    if let Some(q) = from_query {
        if let Some(b) = in_body.filter(|b| *b != q) {
            warnings.push(Warning::at("ignored_field", format!("/profile/{key}"), format!(
                "the identifier query sets {key} \"{q}\"; the body's \"{b}\" is ignored"
            )));
        }
        let mut issues = Vec::new();
        check_name(key, &q.into(), "/query", &mut issues);
        if let Some(first) = issues.into_iter().next() {
            return Err(client_error(first));
        }
        return Ok(q.to_string());
    }
    if let Some(b) = in_body {
        return Ok(b.to_string());
    }
    if let Some(s) = stored.and_then(|s| s.get(key)).and_then(Value::as_str) {
        return Ok(s.to_string());
    }
    Err(error(400, "ClientError", format!(
        "{key} is required: give the identifier query (source:type:identifier_type:value) or profile.{key}"
    ))
    .with_path(format!("/profile/{key}")))
}

/// `user_id` of the profile a PUT writes, as a string: the user of the URL
/// (`PUT /users/{user_id}/profiles`), else the body's (writable per the
/// reference), else the stored one, else `null`.
fn put_user_id(profile: &Map, stored: Option<&Value>, ctx: &Context, warnings: &mut Vec<Warning>) -> Value {
    let in_body = profile.get("user_id").and_then(as_text);
    if let Some(Value::Number(n)) = profile.get("user_id") {
        warnings.push(Warning::at("number_as_string", "/profile/user_id", format!(
            "user_id {n} is a number; Zendesk keeps every profile property as a string (\"{n}\")"
        )));
    }
    if let Some(url) = ctx.user_id.as_deref() {
        if let Some(b) = in_body.as_deref().filter(|b| *b != url) {
            warnings.push(Warning::at("ignored_field", "/profile/user_id", format!(
                "the request URL names user {url}; the body's user_id \"{b}\" is ignored"
            )));
        }
        return url.into();
    }
    in_body
        .or_else(|| stored.and_then(|s| s.get("user_id")).and_then(as_text))
        .map_or(Value::Null, Value::String)
}

fn put(stored: Option<&Value>, profile: &Map, query: Option<&IdentifierQuery>, ctx: &Context, warnings: &mut Vec<Warning>) -> Result<Value> {
    warn_ignored(profile, &READ_ONLY, warnings);
    let source = put_name("source", query.map(|q| q.source.as_str()), profile, stored, warnings)?;
    let kind = put_name("type", query.map(|q| q.kind.as_str()), profile, stored, warnings)?;
    let mut ids = identifiers::from_request(profile, &[], warnings);
    // The identifier query's identifier belongs to the profile it selects.
    if let Some(q) = query {
        if q.identifier_type.chars().count() > MAX_IDENTIFIER_TYPE_CHARS {
            return Err(error(400, "ClientError", format!("identifier type is longer than {MAX_IDENTIFIER_TYPE_CHARS} characters")).with_path("/query"));
        }
        let from_query = Ident::new(&q.identifier_type, &q.identifier_value);
        if !ids.iter().any(|i| identifiers::same(&i.kind, &i.stored, &from_query.kind, &from_query.stored)) {
            warnings.push(Warning::at("query_identifier_added", "/identifiers", format!(
                "the identifier query's {}:{} is added to the profile's identifiers",
                from_query.kind, from_query.stored
            )));
            ids.push(from_query);
        }
    }
    if ids.len() > MAX_IDENTIFIERS {
        return Err(error(400, "ClientError", format!("a profile holds at most {MAX_IDENTIFIERS} identifiers; this PUT gives {}", ids.len()))
            .with_path("/profile/identifiers"));
    }
    let kept = |k: &str| stored.and_then(|s| s.get(k)).cloned();
    let first = ids.first().map(Ident::to_json);
    let id = kept("id").unwrap_or_else(|| derive_id(&source, &kind, first.as_ref()).into());
    let user_id = put_user_id(profile, stored, ctx, warnings);
    let name = match profile.get("name") {
        Some(Value::String(n)) => n.clone().into(),
        _ => identifiers::default_name(&ids),
    };
    let attributes = match profile.get("attributes") {
        Some(Value::Object(a)) => Value::Object(a.clone()),
        _ => {
            warnings.push(Warning::at("docs_disagree", "/profile/attributes",
                "the reference marks attributes mandatory, but Zendesk's own examples omit them and get {}; the profile gets {}"));
            Value::Object(Map::new())
        }
    };
    let created_at = kept("created_at").unwrap_or_else(|| ctx.now.clone().into());
    let ids: Vec<Value> = ids.iter().map(Ident::to_json).collect();
    let mut out = build(id, user_id, &source, &kind, name, ids, attributes, created_at, kept("updated_at"));
    stamp(stored, &mut out, ctx);
    if let Some(before) = stored {
        for change in diff(before, &out) {
            if change.op == ChangeOp::Remove {
                let msg = format!("PUT replaces the whole profile: \"{}\" is removed", change.path);
                warnings.push(Warning::at("field_removed", change.path, msg));
            }
        }
    }
    Ok(out)
}

fn patch(before: &Value, profile: &Map, ctx: &Context, warnings: &mut Vec<Warning>) -> Result<Value> {
    warn_ignored(profile, &PATCH_IGNORES, warnings);
    let mut out = before.clone();
    let Value::Object(m) = &mut out else { return Ok(out) };
    if let Some(Value::String(name)) = profile.get("name") {
        m.insert("name".into(), name.clone().into());
    }
    if let Some(update @ Value::Object(_)) = profile.get("attributes") {
        let current = m.get("attributes").filter(|a| a.is_object()).cloned().unwrap_or_else(|| Value::Object(Map::new()));
        warn_deleting_nulls(Some(&current), update, "/attributes", warnings);
        m.insert("attributes".into(), apply_merge_patch(&current, update));
    }
    // "Updating profiles": PATCH adds identifiers; it never changes or
    // removes existing ones.
    let existing: Vec<Value> = m.get("identifiers").and_then(Value::as_array).cloned().unwrap_or_default();
    let added = identifiers::from_request(profile, &existing, warnings);
    if !added.is_empty() {
        let total = existing.len() + added.len();
        if total > MAX_IDENTIFIERS {
            return Err(error(400, "ClientError", format!(
                "a profile holds at most {MAX_IDENTIFIERS} identifiers; this PATCH would make {total}"
            ))
            .with_path("/profile/identifiers"));
        }
        let mut all = existing;
        all.extend(added.iter().map(Ident::to_json));
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
        m.insert("updated_at".into(), ctx.now.clone().into());
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
    m.insert("source".into(), source.into());
    m.insert("type".into(), kind.into());
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
