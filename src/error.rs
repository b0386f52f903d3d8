//! The one error type every public function returns.
//!
//! A [`ProfileError`] carries what a caller needs to show or branch on:
//! an HTTP-like `status`, a `kind` (exposed to JS as `type`), a stable
//! machine-readable `code`, a human `message`, and where it happened — a
//! JSON Pointer `path` for data errors, a 1-based `line`/`column` for
//! template errors. `body` is the error body the platform itself would
//! return for the same request (Courier, SuprSend and Zendesk all shape
//! theirs differently), so a preview can show it verbatim.

use crate::json::object;
use crate::json::Value;
use std::fmt;

/// `kind` of errors caused by an invalid request body, document or patch.
pub const KIND_INVALID_REQUEST: &str = "invalid_request_error";
/// `kind` of errors raised when a record the request needs does not exist.
pub const KIND_NOT_FOUND: &str = "not_found_error";
/// `kind` of errors raised while compiling or rendering a template.
pub const KIND_TEMPLATE: &str = "template_error";

/// Error returned by every fallible public function of this crate.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileError {
    /// HTTP status the platform would answer with (400, 404, 409, 422 ...).
    pub status: u16,
    /// Broad category, exposed to JS as `type` (see the `KIND_*` constants).
    pub kind: String,
    /// Stable machine-readable code, e.g. `invalid_pointer`, `test_failed`,
    /// `template_syntax`, `limit_exceeded`.
    pub code: String,
    /// Human-readable explanation (for templates it includes a code frame).
    pub message: String,
    /// JSON Pointer (RFC 6901) of the offending value, when there is one.
    pub path: Option<String>,
    /// 1-based template line, for template errors.
    pub line: Option<u32>,
    /// 1-based template column, for template errors.
    pub column: Option<u32>,
    /// The body the platform would return. Defaults to a neutral
    /// `{code, message, type}` object; platform modules replace it.
    pub body: Value,
}

impl ProfileError {
    /// A new error with a neutral body `{type, code, message}`.
    #[inline]
    pub fn new(status: u16, kind: &str, code: &str, message: impl Into<String>) -> Self {
        Self::build(status, kind, code, message.into())
    }

    /// The one non-generic body of [`ProfileError::new`] (a generic body
    /// is compiled again for every message type).
    fn build(status: u16, kind: &str, code: &str, message: String) -> Self {
        let body = object([("type", kind.into()), ("code", code.into()), ("message", message.clone().into())]);
        ProfileError {
            status,
            kind: kind.to_string(),
            code: code.to_string(),
            message,
            path: None,
            line: None,
            column: None,
            body,
        }
    }

    /// A 400 `invalid_request_error` with the given code.
    #[inline]
    pub fn invalid(code: &str, message: impl Into<String>) -> Self {
        Self::build(400, KIND_INVALID_REQUEST, code, message.into())
    }

    /// A template error (status 400, kind `template_error`) at `line`/`column`.
    #[inline]
    pub fn template(code: &str, message: impl Into<String>, line: u32, column: u32) -> Self {
        Self::build(400, KIND_TEMPLATE, code, message.into()).at(line, column)
    }

    /// Attach the JSON Pointer of the offending value.
    #[inline]
    pub fn with_path(self, path: impl Into<String>) -> Self {
        self.set_path(path.into())
    }

    /// The non-generic body of [`ProfileError::with_path`].
    fn set_path(mut self, path: String) -> Self {
        if let Value::Object(map) = &mut self.body {
            if map.contains_key("type") && map.contains_key("code") {
                map.insert("path".into(), Value::String(path.clone()));
            }
        }
        self.path = Some(path);
        self
    }

    /// Attach a 1-based template position.
    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Replace the platform body.
    pub fn with_body(mut self, body: Value) -> Self {
        self.body = body;
        self
    }

    /// Prefix the message with context (e.g. "operation 2: ").
    pub fn context(mut self, prefix: &str) -> Self {
        self.message = format!("{prefix}{}", self.message);
        if let Some(Value::String(m)) = self.body.get_mut("message") {
            *m = self.message.clone();
        }
        self
    }

    /// The error as a plain JSON object, the shape the JS `ProfileError`
    /// carries: `{name, status, type, code, message, path?, line?, column?, body}`.
    pub fn to_json(&self) -> Value {
        let mut out = crate::json::Map::new();
        out.insert("name".into(), "ProfileError".into());
        out.insert("status".into(), self.status.into());
        out.insert("type".into(), self.kind.clone().into());
        out.insert("code".into(), self.code.clone().into());
        out.insert("message".into(), self.message.clone().into());
        if let Some(p) = &self.path {
            out.insert("path".into(), p.clone().into());
        }
        if let Some(l) = self.line {
            out.insert("line".into(), l.into());
        }
        if let Some(c) = self.column {
            out.insert("column".into(), c.into());
        }
        out.insert("body".into(), self.body.clone());
        Value::Object(out)
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status, self.message)?;
        if let Some(p) = &self.path {
            write!(f, " at {p}")?;
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " at line {l}, column {c}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ProfileError {}

/// Shorthand for results of this crate.
pub type Result<T, E = ProfileError> = std::result::Result<T, E>;
