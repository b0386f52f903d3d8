//! SuprSend users: `POST /v1/user/:distinct_id/` upserts (channel values are
//! appended, everything else is set into `properties`), `PATCH` applies
//! `{operations: [...]}` in order, `DELETE` removes the user.
//!
//! The stored user is the object `GET /v1/user/:distinct_id/` returns:
//! `{distinct_id, properties: {...}, created_at, updated_at, $email: [...], ...}`
//! where every channel entry is `{value, status, perma_status}` (`$inbox`
//! entries also carry `id_provider`).
//!
//! Statuses and bodies are those of SuprSend's API reference
//! (<https://docs.suprsend.com/reference/create-update-users>,
//! `edit-user-profile`, `delete-user`): POST answers 201 with the user,
//! PATCH 202 with the user, DELETE 204 with no body, DELETE of an unknown
//! user 404 `{code: 404, message: "user [distinct_id: '<id>'] not found"}`,
//! and every refused request the reference's generic 400
//! `{code: 400, message: "invalid_request_error"}` (the `ProfileError`'s own
//! message says what is wrong and where).
//!
//! Decisions where SuprSend's documentation is silent:
//! * a request that changes nothing leaves `updated_at` alone, so a no-op
//!   preview shows no changes at all;
//! * a channel whose last value is `$remove`d disappears from the user (the
//!   GET response only lists channels that have values);
//! * `PATCH` on a user that does not exist yet creates it (the Python SDK
//!   page creates users with the edit instance), like `POST`;
//! * both need a `distinct_id`: the stored one, else `userId`; without
//!   either the request is a 400.

mod operations;
mod validate;

pub use validate::validate;
use validate::inspect;
// Zendesk checks email identifiers with the same rule.
pub(crate) use validate::is_email as is_email_address;

use super::{Applied, Context, Method, Warning};
use crate::error::{ProfileError, Result, KIND_NOT_FOUND};
use crate::json::{json_eq, object, pointer, type_name};
use crate::json::{Map, Value};

/// A refused request: status 400 with the body SuprSend's API reference
/// documents for it, `{code: 400, message: "invalid_request_error"}`;
/// `message` (the `ProfileError`'s, not the body's) says what is wrong.
#[inline]
pub fn error(code: &str, message: impl Into<String>) -> ProfileError {
    error_with(code, message.into())
}

/// The non-generic body of [`error`].
fn error_with(code: &str, message: String) -> ProfileError {
    let e = ProfileError::invalid(code, message);
    e.with_body(object([("code", 400.into()), ("message", "invalid_request_error".into())]))
}

/// DELETE of a user that does not exist: 404 with the body of SuprSend's
/// "Delete User" reference.
fn not_found(distinct_id: &str) -> ProfileError {
    let message = format!("user [distinct_id: '{distinct_id}'] not found");
    let base = ProfileError::invalid("user_not_found", message.clone());
    let e = ProfileError { status: 404, kind: KIND_NOT_FOUND.to_string(), ..base };
    e.with_body(object([("code", 404.into()), ("message", message.into())]))
}

/// The communication channels of a SuprSend user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Channel {
    Email,
    Sms,
    Whatsapp,
    Inbox,
    Webpush,
    Androidpush,
    Iospush,
    Slack,
    MsTeams,
}

impl Channel {
    /// Every channel, in the order SuprSend documents them.
    const ALL: [Channel; 9] = [
        Channel::Email,
        Channel::Sms,
        Channel::Whatsapp,
        Channel::Inbox,
        Channel::Webpush,
        Channel::Androidpush,
        Channel::Iospush,
        Channel::Slack,
        Channel::MsTeams,
    ];

    /// The key of the channel in bodies and in the stored user.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Channel::Email => "$email",
            Channel::Sms => "$sms",
            Channel::Whatsapp => "$whatsapp",
            Channel::Inbox => "$inbox",
            Channel::Webpush => "$webpush",
            Channel::Androidpush => "$androidpush",
            Channel::Iospush => "$iospush",
            Channel::Slack => "$slack",
            Channel::MsTeams => "$ms_teams",
        }
    }

    fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Push channels take the `$id_provider` sent alongside them (fcm,
    /// apns, vapid ...), the way SuprSend's SDKs send it.
    fn takes_id_provider(self) -> bool {
        matches!(self, Channel::Webpush | Channel::Androidpush | Channel::Iospush)
    }

    /// Two channel values name the same address. Email addresses are
    /// case-insensitive in practice, so `Ada@x.io` duplicates `ada@x.io`.
    fn same_value(self, a: &Value, b: &Value) -> bool {
        match (self, a, b) {
            (Channel::Email, Value::String(x), Value::String(y)) => crate::host::lowercase(x) == crate::host::lowercase(y),
            _ => json_eq(a, b),
        }
    }

    /// The stored form of a newly added value.
    fn entry(self, value: &Value, id_provider: Option<&str>) -> Value {
        let mut m = Map::new();
        m.insert("value".into(), value.clone());
        if self == Channel::Inbox {
            m.insert("id_provider".into(), "suprsend".into());
        } else if let (true, Some(p)) = (self.takes_id_provider(), id_provider) {
            m.insert("id_provider".into(), p.into());
        }
        m.insert("status".into(), "active".into());
        m.insert("perma_status".into(), "active".into());
        Value::Object(m)
    }
}

/// What a body key means to SuprSend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// A channel (`$email` ...): values are appended / removed.
    Channel(Channel),
    /// `$timezone`: an IANA zone, stored in `properties`.
    Timezone,
    /// `$locale`: a locale like `en_GB`, stored in `properties`.
    Locale,
    /// `$preferred_language`: an ISO 639-1 code (the SDKs' name), stored in `properties`.
    PreferredLanguage,
    /// `$id_provider`: qualifies the push tokens sent with it.
    IdProvider,
    /// `distinct_id`: comes from the URL, ignored in bodies.
    DistinctId,
    /// Any other key starting with `$` or `ss_`.
    Reserved,
    /// A custom property.
    Custom,
}

impl KeyKind {
    /// A key that ends up in `properties` (`$set`, `$set_once`, a POST).
    pub(crate) fn is_property(self) -> bool {
        matches!(self, KeyKind::Timezone | KeyKind::Locale | KeyKind::PreferredLanguage | KeyKind::Custom)
    }
}

/// Classify a body key.
pub(crate) fn classify(key: &str) -> KeyKind {
    if let Some(c) = Channel::from_key(key) {
        return KeyKind::Channel(c);
    }
    match key {
        "$timezone" => KeyKind::Timezone,
        "$locale" => KeyKind::Locale,
        "$preferred_language" => KeyKind::PreferredLanguage,
        "$id_provider" => KeyKind::IdProvider,
        "distinct_id" => KeyKind::DistinctId,
        // The SDK pages reserve `$` and `ss_`; `ss_` is matched in any case (README).
        _ if key.starts_with('$') || key.to_ascii_lowercase().starts_with("ss_") => KeyKind::Reserved,
        _ => KeyKind::Custom,
    }
}

/// The user being edited. `properties` is held apart so edits need no
/// repeated look-ups; [`User::finish`] puts it back in its original place.
pub(crate) struct User {
    top: Map,
    props: Map,
}

impl User {
    /// The stored user, or a new one named `distinct_id` created at `now`.
    fn load(stored: Option<&Value>, ctx: &Context) -> Result<User> {
        match stored {
            Some(Value::Object(top)) => {
                let props = top.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
                Ok(User { top: top.clone(), props })
            }
            Some(other) => Err(error("invalid_stored", format!("stored user must be an object, got {}", type_name(other)))
                .with_path("/stored")),
            None => {
                let Some(id) = ctx.user_id.as_deref().filter(|id| !id.is_empty()) else {
                    return Err(missing_distinct_id());
                };
                let mut top = Map::new();
                top.insert("distinct_id".into(), id.into());
                top.insert("properties".into(), Value::Object(Map::new()));
                top.insert("created_at".into(), ctx.now.clone().into());
                top.insert("updated_at".into(), ctx.now.clone().into());
                Ok(User { top, props: Map::new() })
            }
        }
    }

    /// The user as a JSON object; `updated_at` moves to `now` only when
    /// something differs from `stored`.
    fn finish(self, stored: Option<&Value>, ctx: &Context) -> Value {
        let User { mut top, props } = self;
        match top.get_mut("properties") {
            Some(slot) => *slot = Value::Object(props),
            // A hand-written stored user may lack `properties`: add it only
            // when there is something to put in it, so a no-op stays a no-op.
            None if props.is_empty() => {}
            None => {
                top.insert("properties".into(), Value::Object(props));
            }
        }
        let mut user = Value::Object(top);
        if let Some(before) = stored {
            if &user != before {
                if let Value::Object(m) = &mut user {
                    m.insert("updated_at".into(), ctx.now.clone().into());
                }
            }
        }
        user
    }

    /// Append channel values not yet present.
    pub(crate) fn append(&mut self, ch: Channel, values: &Value, id_provider: Option<&str>, warnings: &mut Vec<Warning>) {
        let path = pointer::join("", ch.key());
        for value in as_list(values) {
            if !matches!(self.top.get(ch.key()), Some(Value::Array(_))) {
                self.top.insert(ch.key().into(), Value::Array(Vec::new()));
            }
            let Some(Value::Array(list)) = self.top.get_mut(ch.key()) else { continue };
            if list.iter().any(|e| ch.same_value(entry_value(e), value)) {
                warnings.push(Warning::at(
                    "duplicate_skipped",
                    path.clone(),
                    format!("{} is already on {}; the duplicate is skipped", show(value), ch.key()),
                ));
                continue;
            }
            list.push(ch.entry(value, id_provider));
        }
        // An empty array added nothing: do not leave an empty channel behind.
        if matches!(self.top.get(ch.key()), Some(Value::Array(a)) if a.is_empty()) {
            self.top.shift_remove(ch.key());
        }
    }

    /// Remove channel values; the channel goes when it has none left.
    pub(crate) fn remove(&mut self, ch: Channel, values: &Value, warnings: &mut Vec<Warning>) {
        let path = pointer::join("", ch.key());
        for value in as_list(values) {
            let removed = match self.top.get_mut(ch.key()) {
                Some(Value::Array(list)) => {
                    let before = list.len();
                    list.retain(|e| !ch.same_value(entry_value(e), value));
                    list.len() < before
                }
                _ => false,
            };
            if !removed {
                warnings.push(Warning::at(
                    "remove_missing",
                    path.clone(),
                    format!("{} is not on {}; nothing to remove", show(value), ch.key()),
                ));
            }
        }
        if matches!(self.top.get(ch.key()), Some(Value::Array(a)) if a.is_empty()) {
            self.top.shift_remove(ch.key());
        }
    }

    /// Set a property.
    pub(crate) fn set(&mut self, key: &str, value: &Value) {
        self.props.insert(key.into(), value.clone());
    }
}

/// `value` as a list of values: arrays are lists, anything else one item.
pub(crate) fn as_list(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    }
}

/// The address of a stored channel entry (`{value, ...}`; a bare value is
/// tolerated in hand-written stored users).
fn entry_value(entry: &Value) -> &Value {
    match entry {
        Value::Object(m) => m.get("value").unwrap_or(entry),
        _ => entry,
    }
}

/// A short display form of a value for messages.
pub(crate) fn show(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// No stored user and no `userId`: the URL has no `:distinct_id`.
fn missing_distinct_id() -> ProfileError {
    error("missing_distinct_id", "distinct_id is required: pass userId (the :distinct_id of the URL)")
}

/// What SuprSend would store after the request.
pub fn apply(method: Method, stored: Option<&Value>, body: Option<&Value>, ctx: &Context) -> Result<Applied> {
    if method == Method::Put {
        // Not a SuprSend method: refused with the reference's generic 400
        // (it documents no 405).
        return Err(error("unsupported_method", "SuprSend has no PUT for users; use POST (upsert) or PATCH (operations)"));
    }
    let found = inspect(method, body);
    if let Some(first) = found.issues.into_iter().next() {
        return Err(error("invalid_body", first.message).with_path(first.path));
    }
    let mut warnings = found.warnings;
    let (profile, status) = match method {
        Method::Delete => {
            let Some(user) = stored else {
                return Err(match ctx.user_id.as_deref().filter(|id| !id.is_empty()) {
                    Some(id) => not_found(id),
                    None => missing_distinct_id(),
                });
            };
            warn_distinct_id(Some(user), ctx, &mut warnings);
            warnings.push(Warning::at("profile_deleted", "", "DELETE removes the user and all its channels"));
            (None, 204)
        }
        Method::Post | Method::Put => {
            let mut user = User::load(stored, ctx)?;
            warn_distinct_id(stored, ctx, &mut warnings);
            let empty = Map::new();
            let map = body.and_then(Value::as_object).unwrap_or(&empty);
            upsert(&mut user, map, &mut warnings);
            (Some(user.finish(stored, ctx)), 201)
        }
        Method::Patch => {
            let mut user = User::load(stored, ctx)?;
            warn_distinct_id(stored, ctx, &mut warnings);
            operations::apply_all(&mut user, body, &mut warnings)?;
            (Some(user.finish(stored, ctx)), 202)
        }
    };
    // The user is the response body of POST and PATCH; DELETE has none.
    let response = profile.clone();
    Ok(Applied { profile, warnings, status, response, changes: None, deferred: None })
}

/// The URL names a different user than the stored one: the stored
/// `distinct_id` is kept, but the caller probably mixed users up.
fn warn_distinct_id(stored: Option<&Value>, ctx: &Context, out: &mut Vec<Warning>) {
    let stored_id = stored.and_then(|s| s.get("distinct_id")).and_then(Value::as_str);
    if let (Some(have), Some(url)) = (stored_id, ctx.user_id.as_deref()) {
        if have != url {
            out.push(Warning::at(
                "distinct_id_mismatch",
                "/distinct_id",
                format!("userId \"{url}\" differs from the stored distinct_id \"{have}\"; the stored one is kept"),
            ));
        }
    }
}

/// POST: channel keys append, other keys set properties.
fn upsert(user: &mut User, body: &Map, warnings: &mut Vec<Warning>) {
    let id_provider = body.get("$id_provider").and_then(Value::as_str);
    for (key, value) in body {
        match classify(key) {
            KeyKind::Channel(ch) => user.append(ch, value, id_provider, warnings),
            KeyKind::Timezone | KeyKind::Locale | KeyKind::PreferredLanguage | KeyKind::Custom => user.set(key, value),
            KeyKind::DistinctId => warnings.push(ignored_distinct_id(&pointer::join("", key))),
            // $id_provider only qualifies the tokens; reserved keys are
            // ignored (inspection warned about them).
            KeyKind::IdProvider | KeyKind::Reserved => {}
        }
    }
}

/// `distinct_id` in a body is not read: the URL names the user.
pub(crate) fn ignored_distinct_id(path: &str) -> Warning {
    Warning::at("ignored_field", path, "distinct_id comes from the URL (userId); the body value is ignored")
}
