//! The JavaScript API (wasm-bindgen exports). This is the only module that
//! knows about `JsValue`.
//!
//! Values cross the boundary as JSON text (UTF-8 bytes): `js/bridge.js` checks a JS value
//! and `JSON.stringify`s it (undefined, functions, BigInt, symbols, NaN and
//! Infinity are rejected with the path where they sit; nesting is capped),
//! Rust parses it with its own reader (`template::ctx`: templates render
//! from that form directly, other calls convert it to `serde_json::Value`),
//! and results go back as text that JS
//! `JSON.parse`s. That is both faster than walking objects through the
//! boundary and safe: `JSON.parse` makes `__proto__` an own data property,
//! so a payload can never change a prototype or pollute `Object.prototype`.
//!
//! Errors are thrown as `ProfileError` instances (the class lives in
//! `js/bridge.js` and is re-exported by every package entry).

use crate::error::ProfileError;
use crate::platform::{self, Method, Platform, PreviewRequest};
use crate::template::{Template, TemplateOptions};
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/bridge.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = toJsonBytes)]
    fn to_json_bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(catch, js_name = toJsonBytesOrNull)]
    fn to_json_bytes_or_null(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = stringBytes)]
    fn string_bytes(value: &JsValue) -> Option<Vec<u8>>;
    #[wasm_bindgen(js_name = fromJsonText)]
    fn from_json_text(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = isTimeZone)]
    fn is_time_zone(name: &str) -> bool;
    #[wasm_bindgen(js_name = lowerCase)]
    fn lower_case(s: &str) -> String;
    #[wasm_bindgen(js_name = upperCase)]
    fn upper_case(s: &str) -> String;
    #[wasm_bindgen(js_name = tzOffsetMinutes)]
    fn tz_offset_minutes(tz: &str, ms: f64) -> Option<f64>;
}

type JsResult<T = JsValue> = Result<T, JsValue>;

/// A `ProfileError` JS instance.
fn throw(e: ProfileError) -> JsValue {
    make_error(&e.to_json().to_string())
}

/// A JS argument as JSON; `what` names it in error messages.
fn input(value: &JsValue, what: &str) -> JsResult<Value> {
    let text = to_json_bytes(value, what)?;
    parse_text(&text, what)
}

/// Like [`input`], but an omitted (`undefined`) argument is `null`.
fn input_or_null(value: &JsValue, what: &str) -> JsResult<Value> {
    let text = to_json_bytes_or_null(value, what)?;
    parse_text(&text, what)
}

/// Read with the template engine's JSON reader (see `template::ctx`), so
/// only one JSON reader is linked: malformed text -> `invalid_json`,
/// nesting 128 deep -> `limit_exceeded` (as serde_json).
fn parse_text(text: &[u8], what: &str) -> JsResult<Value> {
    crate::template::ctx::parse(text, what).map(|c| c.to_value()).map_err(throw)
}

/// A JSON result as a fresh JS value (anything serializable, so results
/// are written straight from borrowed data, without building a `Value`).
fn output<T: serde::Serialize + ?Sized>(value: &T) -> JsValue {
    from_json_text(&serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

fn array<'a>(value: &'a Value, what: &str) -> JsResult<&'a [Value]> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| {
        throw(ProfileError::invalid(
            "invalid_argument",
            format!("{what} must be an array, got {}", crate::json::type_name(value)),
        ))
    })
}

/// Deep merge (Courier POST semantics): objects recurse, `null` deletes,
/// arrays and scalars replace. Inputs are not modified.
#[wasm_bindgen(js_name = mergeDeep)]
pub fn merge_deep(target: JsValue, source: JsValue) -> JsResult {
    // `target` is already a private copy of the JS value: merge into it
    // rather than cloning it once more.
    let mut target = input(&target, "target")?;
    let source = input(&source, "source")?;
    crate::json::merge::merge_deep_in_place(&mut target, &source);
    Ok(output(&target))
}

/// RFC 6902 JSON Patch, atomic. Throws `ProfileError` naming the failing
/// operation; `doc` is never modified.
#[wasm_bindgen(js_name = applyPatch)]
pub fn apply_patch(doc: JsValue, ops: JsValue) -> JsResult {
    let doc = input(&doc, "doc")?;
    let ops = input(&ops, "ops")?;
    let ops = crate::json::patch::parse_ops(array(&ops, "ops")?).map_err(throw)?;
    // `doc` is a private copy of the JS value, so the patch applies to it
    // directly (apply_patch would clone it again to stay atomic).
    let out = crate::json::patch::apply_ops(doc, &ops).map_err(throw)?;
    Ok(output(&out))
}

/// RFC 7396 JSON Merge Patch.
#[wasm_bindgen(js_name = applyMergePatch)]
pub fn apply_merge_patch(doc: JsValue, patch: JsValue) -> JsResult {
    let mut doc = input(&doc, "doc")?;
    let patch = input(&patch, "patch")?;
    // RFC 7396 is the same operation as the deep merge, applied in place
    // to our private copy.
    crate::json::merge::merge_deep_in_place(&mut doc, &patch);
    Ok(output(&doc))
}

/// The changes from `before` to `after`, a valid JSON Patch (with `old`).
#[wasm_bindgen(js_name = diff)]
pub fn diff(before: JsValue, after: JsValue) -> JsResult {
    let before = input(&before, "before")?;
    let after = input(&after, "after")?;
    Ok(output(&crate::json::diff::diff(&before, &after)))
}

/// What the platform would store after the request: `{profile, changes, warnings}`.
#[wasm_bindgen(js_name = preview)]
pub fn preview(req: JsValue) -> JsResult {
    let req = input(&req, "request")?;
    let req = PreviewRequest::from_value(req).map_err(throw)?;
    let out = platform::preview(&req).map_err(throw)?;
    Ok(output(&out))
}

/// The request exactly as it would be sent, `{method, url, body?, stored?,
/// now?}`: platform and operation from the URL, then the preview
/// (`{...Preview, platform, operation}`).
#[wasm_bindgen(js_name = previewHttp)]
pub fn preview_http(req: JsValue) -> JsResult {
    let req = input(&req, "request")?;
    let req = crate::platform::http::HttpRequest::from_value(req).map_err(throw)?;
    let out = crate::platform::http::preview_http(&req).map_err(throw)?;
    Ok(output(&out))
}

/// A curl command or a fetch() call as the platforms' docs show them ->
/// `{method, url, body}` (`body`: the text that would be sent, or `null`).
#[wasm_bindgen(js_name = parseRequest)]
pub fn parse_request(text: JsValue) -> JsResult {
    let Some(text) = string_bytes(&text).and_then(|b| String::from_utf8(b).ok()) else {
        return Err(throw(ProfileError::invalid("invalid_argument", "parseRequest expects a string")));
    };
    let parsed = crate::platform::request_text::parse_request(&text).map_err(throw)?;
    Ok(output(&parsed.to_json()))
}

/// Edge fast path: a `PreviewRequest` as JSON text in, the `Preview` as
/// JSON text out (no JS object walk either way).
#[wasm_bindgen(js_name = previewJson)]
pub fn preview_json(request_json: JsValue) -> JsResult<String> {
    let Some(text) = string_bytes(&request_json) else {
        return Err(throw(ProfileError::invalid("invalid_argument", "previewJson expects a string of JSON")));
    };
    let req = parse_text(&text, "request")?;
    let req = PreviewRequest::from_value(req).map_err(throw)?;
    let out = platform::preview(&req).map_err(throw)?;
    Ok(serde_json::to_string(&out).unwrap_or_else(|_| "null".into()))
}

/// Validation problems of `{platform, method, body}`: `[]` when valid.
#[wasm_bindgen(js_name = validate)]
pub fn validate(req: JsValue) -> JsResult {
    let req = input(&req, "request")?;
    let field = |key: &str| req.get(key).and_then(Value::as_str).unwrap_or_default();
    let platform = Platform::parse(field("platform")).map_err(throw)?;
    let method = Method::parse(field("method")).map_err(throw)?;
    Ok(output(&platform::validate(platform, method, req.get("body"))))
}

/// Courier send-time recipient: the stored profile with `message.to` inline
/// fields on top (inline wins). `stored` is not modified.
#[wasm_bindgen(js_name = recipient)]
pub fn recipient(stored: JsValue, to: JsValue) -> JsResult {
    let stored = input_or_null(&stored, "stored")?;
    let to = input(&to, "to")?;
    let out = crate::platform::courier::recipient(Some(&stored), &to).map_err(throw)?;
    Ok(output(&out))
}

/// Split a Zendesk identifier query `source:type:identifier_type:value`.
#[wasm_bindgen(js_name = parseIdentifierQuery)]
pub fn parse_identifier_query(q: JsValue) -> JsResult {
    let Some(q) = q.as_string() else {
        return Err(throw(ProfileError::invalid("invalid_argument", "parseIdentifierQuery expects a string")));
    };
    let parsed = crate::platform::zendesk::parse_identifier_query(&q).map_err(throw)?;
    Ok(output(&parsed.to_json()))
}

fn options(value: &JsValue) -> JsResult<TemplateOptions> {
    let v = input_or_null(value, "options")?;
    TemplateOptions::from_json(&v).map_err(throw)
}

fn source_text(source: &JsValue) -> JsResult<String> {
    // Bytes through the bridge rather than `as_string`: the glue copies a
    // string into wasm one UTF-16 unit at a time.
    string_bytes(source).and_then(|b| String::from_utf8(b).ok()).ok_or_else(|| {
        throw(ProfileError::template("invalid_argument", "template source must be a string", 1, 1))
    })
}

/// Compile and render a template once.
#[wasm_bindgen(js_name = render)]
pub fn render(source: JsValue, context: JsValue, opts: JsValue) -> JsResult<String> {
    let options = options(&opts)?;
    let source = source_text(&source)?;
    let context = to_json_bytes_or_null(&context, "context")?;
    Template::new(&source, options).and_then(|t| t.render_json(&context)).map_err(throw)
}

/// A compiled template: compile once, render many times.
#[wasm_bindgen(js_name = Template)]
pub struct JsTemplate {
    inner: Template,
}

#[wasm_bindgen(js_class = Template)]
impl JsTemplate {
    /// Compile `source`; throws `ProfileError` (code `template_syntax`,
    /// with line and column) on a syntax error.
    #[wasm_bindgen(constructor)]
    pub fn new(source: JsValue, opts: JsValue) -> JsResult<JsTemplate> {
        let options = options(&opts)?;
        let source = source_text(&source)?;
        Ok(JsTemplate { inner: Template::new(&source, options).map_err(throw)? })
    }

    /// Render against `context` (`{profile, data, tenant, brand}` in the
    /// default Courier resolution).
    pub fn render(&self, context: JsValue) -> JsResult<String> {
        let context = to_json_bytes_or_null(&context, "context")?;
        self.inner.render_json(&context).map_err(throw)
    }

    /// Every variable the template reads: `{path, line, column}[]`.
    pub fn variables(&self) -> JsValue {
        let vars: Vec<Value> = self.inner.variables().iter().map(|v| v.to_json()).collect();
        output(&Value::Array(vars))
    }

    /// The variables `context` lacks: `{path, line, column}[]`.
    pub fn missing(&self, context: JsValue) -> JsResult {
        let context = to_json_bytes_or_null(&context, "context")?;
        let missing = self.inner.missing_json(&context).map_err(throw)?;
        let vars: Vec<Value> = missing.iter().map(|v| v.to_json()).collect();
        Ok(output(&Value::Array(vars)))
    }
}

/// Host clock for [`crate::host`].
pub(crate) fn host_now_ms() -> f64 {
    js_sys::Date::now()
}

/// Host IANA zone check for [`crate::host`].
pub(crate) fn host_is_timezone(name: &str) -> bool {
    is_time_zone(name)
}

/// Host UTC offset for [`crate::host`].
pub(crate) fn host_utc_offset_minutes(tz: &str, epoch_ms: f64) -> Option<i32> {
    tz_offset_minutes(tz, epoch_ms).map(|m| m as i32)
}

/// Host lower-casing for [`crate::host`].
pub(crate) fn host_lowercase(s: &str) -> String {
    lower_case(s)
}

/// Host upper-casing for [`crate::host`].
pub(crate) fn host_uppercase(s: &str) -> String {
    upper_case(s)
}
