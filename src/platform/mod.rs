//! Platform semantics: what Courier, SuprSend and Zendesk do to a stored
//! profile when an update request arrives.
//!
//! Each platform module exposes the same three functions:
//! `apply(method, stored, body, &Context) -> Result<Applied>`,
//! `validate(method, body) -> Vec<Issue>` and `error(status, code, message)`
//! (a [`ProfileError`] with the platform's own error body). [`preview`]
//! dispatches to them and adds the `changes` (a JSON Patch from stored to
//! result), so every platform gets diffing for free.

pub mod courier;
pub mod courier_tokens;
pub mod http;
pub mod request_text;
pub mod session;
pub mod suprsend;
pub mod zendesk;

use crate::error::{ProfileError, Result};
use crate::json::diff::{diff, Change};
use crate::json::write::{ObjectWriter, WriteJson};
use serde::Serialize;
use crate::json::Value;

/// A notification platform whose profile semantics we reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Courier profiles API (`/profiles/:user_id`).
    Courier,
    /// SuprSend users API (`/v1/user/:distinct_id`).
    Suprsend,
    /// Zendesk user profiles API (`/api/v2/user_profiles`).
    Zendesk,
}

/// HTTP method of the update request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Merge / upsert.
    Post,
    /// Full replace.
    Put,
    /// Partial update.
    Patch,
    /// Delete the profile.
    Delete,
}

impl Platform {
    /// Parse `"courier" | "suprsend" | "zendesk"` (case-insensitive).
    pub fn parse(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "courier" => Ok(Platform::Courier),
            "suprsend" => Ok(Platform::Suprsend),
            "zendesk" => Ok(Platform::Zendesk),
            _ => Err(ProfileError::invalid(
                "invalid_platform",
                format!("unknown platform \"{s}\"; expected \"courier\", \"suprsend\" or \"zendesk\""),
            )
            .with_path("/platform")),
        }
    }

    /// The lower-case name used in the JS API.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Courier => "courier",
            Platform::Suprsend => "suprsend",
            Platform::Zendesk => "zendesk",
        }
    }
}

impl Method {
    /// Parse `"POST" | "PUT" | "PATCH" | "DELETE"` (case-insensitive).
    pub fn parse(s: &str) -> Result<Self> {
        match s.to_ascii_uppercase().as_str() {
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "PATCH" => Ok(Method::Patch),
            "DELETE" => Ok(Method::Delete),
            _ => Err(ProfileError::invalid(
                "invalid_method",
                format!("unknown method \"{s}\"; expected POST, PUT, PATCH or DELETE"),
            )
            .with_path("/method")),
        }
    }

    /// The upper-case HTTP name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Something a user should know before sending the request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// Stable code, e.g. `field_removed`, `null_deletes`, `ignored_field`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    /// JSON Pointer (into the stored or resulting profile) it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Warning {
    /// A warning about `path`.
    pub fn at(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { code: code.into(), message: message.into(), path: Some(path.into()) }
    }

    /// `{code, message, path?}`.
    pub fn to_json(&self) -> Value {
        let mut m = crate::json::Map::with_capacity(3);
        m.insert("code".into(), self.code.clone().into());
        m.insert("message".into(), self.message.clone().into());
        if let Some(p) = &self.path {
            m.insert("path".into(), p.clone().into());
        }
        Value::Object(m)
    }
}

/// The same text as the `Serialize` impl.
impl WriteJson for Warning {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("code", &self.code)
            .field("message", &self.message)
            .opt("path", self.path.as_ref().map(|p| p as &dyn WriteJson))
            .end();
    }
}

/// One validation problem: where (JSON Pointer into the body) and what.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// JSON Pointer into the request body.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl Issue {
    /// An issue at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { path: path.into(), message: message.into() }
    }

    /// `{path, message}`.
    pub fn to_json(&self) -> Value {
        crate::json::object([("path", self.path.clone().into()), ("message", self.message.clone().into())])
    }
}

/// The same text as the `Serialize` impl.
impl WriteJson for Issue {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out).field("path", &self.path).field("message", &self.message).end();
    }
}

/// Request-independent inputs: who and when.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Context {
    /// The user id of the request URL (`distinct_id` on SuprSend).
    pub user_id: Option<String>,
    /// ISO 8601 instant used for `created_at`/`updated_at`.
    pub now: String,
    /// Zendesk identifier query of the request URL
    /// (`source:type:identifier_type:value`, percent-encoded or not).
    pub query: Option<String>,
    /// Leave a merged profile unbuilt: a Courier POST over a stored
    /// profile returns its update in [`Applied::deferred`] instead of
    /// [`Applied::profile`] (a session builds it when it is read).
    pub defer_merge: bool,
}

/// What a platform's `apply` returns: the resulting profile (`None` when
/// deleted), the warnings, and the success status and response body the
/// platform documents for this request.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The profile after the request, `None` when it no longer exists.
    pub profile: Option<Value>,
    /// Things the user should see before sending.
    pub warnings: Vec<Warning>,
    /// The HTTP status the platform documents for this success.
    pub status: u16,
    /// The response body the platform documents; `None` for an empty body.
    pub response: Option<Value>,
    /// The JSON Patch from the stored profile to `profile` when the
    /// platform worked it out itself (a merge knows what it touched);
    /// `None`: [`preview`] diffs the two.
    pub changes: Option<Vec<Change>>,
    /// With [`Context::defer_merge`]: the profile is the stored one with
    /// this update deep-merged in, not built yet (`profile` is `None`).
    pub deferred: Option<Value>,
}

/// A preview request, the Rust twin of the JS `preview(req)` argument.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRequest {
    /// Which platform.
    pub platform: Platform,
    /// Which HTTP method.
    pub method: Method,
    /// The stored profile, `None` when there is none yet.
    pub stored: Option<Value>,
    /// The request body (`None` for a body-less DELETE).
    pub body: Option<Value>,
    /// The user id of the request URL.
    pub user_id: Option<String>,
    /// ISO 8601 "now"; the host clock when absent.
    pub now: Option<String>,
    /// Zendesk identifier query (`source:type:identifier_type:value`) of
    /// the request URL: the source and type of a new profile and the
    /// identifier it adds.
    pub query: Option<String>,
}

impl PreviewRequest {
    /// Read `{platform, method, stored?, body?, userId?, now?, query?}`.
    pub fn from_json(req: &Value) -> Result<Self> {
        Self::from_value(req.clone())
    }

    /// Like [`PreviewRequest::from_json`], taking the value by ownership so
    /// the (possibly large) `stored` and `body` are moved, not copied.
    pub fn from_value(mut req: Value) -> Result<Self> {
        let obj = req.as_object_mut().ok_or_else(|| {
            ProfileError::invalid("invalid_argument", "preview() expects an object {platform, method, stored?, body?}")
        })?;
        let text = |key: &str| -> Result<Option<String>> {
            match obj.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(ProfileError::invalid("invalid_argument", format!("{key} must be a string"))
                    .with_path(format!("/{key}"))),
            }
        };
        let platform = Platform::parse(&text("platform")?.unwrap_or_default())?;
        let method = Method::parse(&text("method")?.unwrap_or_default())?;
        let user_id = text("userId")?;
        let now = text("now")?;
        let query = text("query")?;
        Ok(PreviewRequest {
            platform,
            method,
            // swap_remove: the request object's own key order is irrelevant,
            // and shifting would move every later entry.
            stored: obj.swap_remove("stored").filter(|v| !v.is_null()),
            body: obj.swap_remove("body"),
            user_id,
            now,
            query,
        })
    }
}

/// The result of [`preview`]; serializes as `{profile, changes, warnings,
/// status, response}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    /// The profile after the request (`None` when deleted).
    pub profile: Option<Value>,
    /// JSON Patch from the stored profile to `profile`.
    pub changes: Vec<Change>,
    /// Warnings to show before sending.
    pub warnings: Vec<Warning>,
    /// The HTTP status the platform documents for this success.
    pub status: u16,
    /// The response body the platform documents (`null` for an empty body).
    pub response: Option<Value>,
}

impl Preview {
    /// `{profile, changes, warnings, status, response}`.
    pub fn to_json(&self) -> Value {
        crate::json::object([
            ("profile", self.profile.clone().unwrap_or(Value::Null)),
            ("changes", self.changes.iter().map(Change::to_json).collect()),
            ("warnings", self.warnings.iter().map(Warning::to_json).collect()),
            ("status", self.status.into()),
            ("response", self.response.clone().unwrap_or(Value::Null)),
        ])
    }
}

impl Preview {
    /// The JSON text of the preview with `profile` written as given (the
    /// session's lazy result writes `null` there).
    pub fn write_json_with(&self, profile: Option<&Value>, out: &mut String) {
        self.write_members(profile, &mut ObjectWriter::new(out)).end();
    }

    /// The members of [`Preview::write_json_with`], into an open object.
    pub(crate) fn write_members<'w, 'o>(&self, profile: Option<&Value>, w: &'w mut ObjectWriter<'o>) -> &'w mut ObjectWriter<'o> {
        w.field("profile", &profile)
            .field("changes", &self.changes)
            .field("warnings", &self.warnings)
            .field("status", &self.status)
            .field("response", &self.response)
    }
}

/// The same text as the `Serialize` impl.
impl WriteJson for Preview {
    fn write_json(&self, out: &mut String) {
        self.write_json_with(self.profile.as_ref(), out);
    }
}

/// Resolve `now`: validate a given ISO 8601 string, or read the host clock.
pub(crate) fn resolve_now(now: Option<&str>) -> Result<String> {
    match now {
        Some(text) => match crate::datetime::parse_iso8601(text) {
            Some(_) => Ok(text.to_string()),
            None => Err(ProfileError::invalid("invalid_argument", format!("now \"{text}\" is not an ISO 8601 date-time"))
                .with_path("/now")),
        },
        None => Ok(crate::datetime::now_iso8601()),
    }
}

/// What the platform would store after `req`, the JSON Patch from the
/// stored profile to it, and warnings. Errors carry the platform's body.
pub fn preview(req: &PreviewRequest) -> Result<Preview> {
    crate::json::check_depth(req.stored.as_ref(), "/stored")?;
    let ctx = Context { user_id: req.user_id.clone(), query: req.query.clone(), ..Context::default() };
    preview_parts(req.platform, req.method, req.stored.as_ref(), req.body.as_ref(), req.now.as_deref(), ctx)
}

/// [`preview`] taking the request by value: a merge (Courier POST) goes
/// into the stored profile itself instead of a copy of it (the changes
/// are worked out first, from the body). What `previewJson` and the JS
/// `preview` run, which own the request they just read.
pub fn preview_owned(req: PreviewRequest) -> Result<Preview> {
    crate::json::check_depth(req.stored.as_ref(), "/stored")?;
    let ctx = Context { user_id: req.user_id, query: req.query, defer_merge: true, ..Context::default() };
    let mut applied = apply_parts(req.platform, req.method, req.stored.as_ref(), req.body.as_ref(), req.now.as_deref(), ctx)?;
    let deferred = applied.deferred.take();
    let mut out = finish(req.stored.as_ref(), applied);
    if let (Some(update), Some(mut profile)) = (deferred, req.stored) {
        crate::json::merge::merge_deep_in_place(&mut profile, &update);
        out.profile = Some(profile);
    }
    Ok(out)
}

/// [`preview`] from borrowed parts (what [`session::Session`] calls with
/// its kept profile). `stored` must already have passed the depth check;
/// `ctx.now` is replaced by the resolved `now`.
pub(crate) fn preview_parts(
    platform: Platform,
    method: Method,
    stored: Option<&Value>,
    body: Option<&Value>,
    now: Option<&str>,
    ctx: Context,
) -> Result<Preview> {
    apply_parts(platform, method, stored, body, now, ctx).map(|applied| finish(stored, applied))
}

/// What `platform`'s `apply` gives for the request ([`preview_parts`]
/// before [`finish`]).
pub(crate) fn apply_parts(
    platform: Platform,
    method: Method,
    stored: Option<&Value>,
    body: Option<&Value>,
    now: Option<&str>,
    mut ctx: Context,
) -> Result<Applied> {
    crate::json::check_depth(body, "/body")?;
    ctx.now = resolve_now(now)?;
    match platform {
        Platform::Courier => courier::apply(method, stored, body, &ctx),
        Platform::Suprsend => suprsend::apply(method, stored, body, &ctx),
        Platform::Zendesk => zendesk::apply(method, stored, body, &ctx),
    }
}

/// The [`Preview`] of an [`Applied`]: its profile, warnings, status and
/// response plus the JSON Patch from `stored` to the profile.
pub(crate) fn finish(stored: Option<&Value>, applied: Applied) -> Preview {
    let changes = match (stored, applied.profile.as_ref(), applied.changes) {
        (_, _, Some(known)) => known,
        (Some(before), Some(after), None) => diff(before, after),
        (None, Some(after), None) => vec![Change::add_root(after.clone())],
        (Some(before), None, None) => vec![Change::remove_root(before.clone())],
        (None, None, None) => Vec::new(),
    };
    Preview { profile: applied.profile, changes, warnings: applied.warnings, status: applied.status, response: applied.response }
}

/// A `null` in a merge (Courier POST, RFC 7396 merge patch) deletes the
/// stored key: one `null_deletes` warning per stored key that goes, found
/// by walking `update` alongside `stored` from `path`.
pub(crate) fn warn_deleting_nulls(stored: Option<&Value>, update: &Value, path: &str, out: &mut Vec<Warning>) {
    let Value::Object(map) = update else { return };
    for (key, value) in map {
        let existing = stored.and_then(|s| s.get(key));
        match (value, existing) {
            (Value::Null, Some(_)) => {
                let here = crate::json::pointer::join(path, key);
                let msg = format!("null deletes \"{here}\" from the stored profile");
                out.push(Warning::at("null_deletes", here, msg));
            }
            (Value::Object(_), Some(inner)) => {
                warn_deleting_nulls(Some(inner), value, &crate::json::pointer::join(path, key), out)
            }
            _ => {}
        }
    }
}

/// Validation problems of a request body, `[]` when the platform would
/// accept it.
pub fn validate(platform: Platform, method: Method, body: Option<&Value>) -> Vec<Issue> {
    if let Err(e) = crate::json::check_depth(body, "") {
        return vec![Issue::new(e.path.unwrap_or_default(), e.message)];
    }
    match platform {
        Platform::Courier => courier::validate(method, body),
        Platform::Suprsend => suprsend::validate(method, body),
        Platform::Zendesk => zendesk::validate(method, body),
    }
}
