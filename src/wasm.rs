//! The JavaScript API (wasm-bindgen exports). This is the only module that
//! knows about `JsValue`.
//!
//! Values cross the boundary as JSON text (UTF-8 bytes): `js/bridge.js` checks a JS value
//! and `JSON.stringify`s it (undefined, functions, BigInt, symbols, NaN and
//! Infinity are rejected with the path where they sit; nesting is capped),
//! Rust parses it with its own reader (`template::ctx`: templates render
//! from that form directly, other calls convert it to the crate's `json::Value`),
//! and results go back as text that JS
//! `JSON.parse`s. That is both faster than walking objects through the
//! boundary and safe: `JSON.parse` makes `__proto__` an own data property,
//! so a payload can never change a prototype or pollute `Object.prototype`.
//!
//! Errors are thrown as `ProfileError` instances (the class lives in
//! `js/bridge.js` and is re-exported by every package entry).

use crate::error::ProfileError;
use crate::platform::session::Session;
use crate::platform::{self, Method, Platform, Preview, PreviewRequest};
use crate::program_cache::ProgramCache;
use crate::template::host_helper::{DataValue, HelperHost, HostCall, HostOut, Program, Reenter};
use crate::template::{Template, TemplateOptions};
use crate::json::write::WriteJson;
use crate::json::Value;
use std::cell::RefCell;
use std::rc::Rc;
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
    #[wasm_bindgen(catch, js_name = splitHelpers)]
    fn split_helpers(opts: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_name = helperUsesThis)]
    fn helper_uses_this(f: &JsValue) -> bool;
    #[wasm_bindgen(js_name = beginRender)]
    fn begin_render(context: &JsValue, data: &JsValue);
    #[wasm_bindgen(js_name = endRender)]
    fn end_render();
    #[wasm_bindgen(catch, js_name = renderData)]
    fn render_data(opts: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = renderContextBytes)]
    fn render_context_bytes(value: &JsValue) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = contextFunctions)]
    fn context_functions() -> u32;
    #[wasm_bindgen(js_name = dataLookup)]
    fn js_data_lookup(frame: u32, depth: u32, name: &str, rest: &str) -> Option<String>;
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = callHelper)]
    fn call_helper(
        f: &JsValue,
        name: &str,
        json: &str,
        line: u32,
        column: u32,
        block: bool,
        block_params: u32,
        root: bool,
        reenter: &mut dyn FnMut(u32, Option<String>, Option<String>, Option<u32>) -> String,
    ) -> String;
    #[wasm_bindgen(js_name = sessionPreview)]
    fn session_preview(text: &str, profile: JsValue) -> JsValue;
    #[wasm_bindgen(catch, js_name = reviveTemplate)]
    fn revive_template(templates: &JsValue, name: &str) -> Result<f64, JsValue>;
    #[wasm_bindgen(catch, js_name = templateEntries)]
    fn template_entries(templates: &JsValue) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(catch, js_name = renderAllContextBytes)]
    fn render_all_context_bytes(value: &JsValue) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = renderAllRecord)]
    fn render_all_record(text: &str, lens: &[u32]) -> JsValue;
}

type JsResult<T = JsValue> = Result<T, JsValue>;

/// A `ProfileError` JS instance.
fn throw(e: ProfileError) -> JsValue {
    make_error(&crate::json::write::to_string(&e.to_json()))
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
    crate::json::parse(text, what).map_err(throw)
}

/// A JSON result as a fresh JS value (anything serializable, so results
/// are written straight from borrowed data, without building a `Value`).
fn output(value: &(impl WriteJson + ?Sized)) -> JsValue {
    from_json_text(&crate::json::write::to_string(value))
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
    let out = platform::preview_owned(req).map_err(throw)?;
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
    let out = platform::preview_owned(req).map_err(throw)?;
    Ok(crate::json::write::to_string(&out))
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

/// Template options and the JS helper functions (`helpers: {name: fn}`;
/// the options keep their names, in the same order).
fn options(value: &JsValue) -> JsResult<(TemplateOptions, js_sys::Array)> {
    // Omitted options (the common case): no crossing to JS to split
    // helpers off and stringify nothing.
    if value.is_undefined() || value.is_null() {
        return Ok((TemplateOptions::default(), js_sys::Array::new()));
    }
    let split = split_helpers(value)?;
    let v = input_or_null(&split.get(0), "options")?;
    let fns: js_sys::Array = split.get(1).into();
    Ok((TemplateOptions::from_json(&v).map_err(throw)?, fns))
}

/// The JS helpers of a template, behind the [`HelperHost`] seam: each call
/// goes through `callHelper` in `js/bridge.js`, and `options.fn` /
/// `options.inverse` come back through a closure that lives for that call
/// only (a stack closure: nothing to free, nothing kept).
struct JsHost<'a> {
    fns: &'a js_sys::Array,
    /// `helperUsesThis` per helper, asked once per render (0: not yet).
    uses_this: RefCell<Vec<u8>>,
}

impl HelperHost for JsHost<'_> {
    // Functions met in a data frame become markers too (see dataLookup).
    fn has_functions(&self) -> bool {
        true
    }

    // The JS context object of the render (see beginRender).
    fn has_root(&self) -> bool {
        true
    }

    fn needs_this(&self, index: usize) -> bool {
        let Ok(mut known) = self.uses_this.try_borrow_mut() else { return true };
        if known.len() <= index {
            known.resize(index + 1, 0);
        }
        match known.get(index) {
            Some(1) => false,
            Some(2) => true,
            _ => {
                let uses = helper_uses_this(&self.fns.get(index as u32));
                if let Some(k) = known.get_mut(index) {
                    *k = if uses { 2 } else { 1 };
                }
                uses
            }
        }
    }

    fn data_lookup(&self, frame: u32, depth: u32, name: &str, rest: &[Box<str>]) -> DataValue {
        let rest = if rest.is_empty() { String::new() } else { crate::json::write::to_string(rest) };
        let out = js_data_lookup(frame, depth, name, &rest)?;
        let text = out.get(1..).unwrap_or("").to_string();
        match out.as_bytes().first() {
            Some(b'j') => Some(Ok(text)),
            Some(b'b') => Some(Err(text)),
            _ => None,
        }
    }

    fn call(&self, c: &HostCall<'_>, reenter: &mut Reenter<'_>) -> HostOut {
        // A function of the context: the bridge finds it by number.
        let f = match c.func {
            Some(id) => JsValue::from(id),
            None => self.fns.get(c.index as u32),
        };
        let mut bridge = |which: u32, ctx: Option<String>, opts: Option<String>, frame: Option<u32>| -> String {
            let program = if which == 0 { Program::Body } else { Program::Inverse };
            match reenter(program, ctx.as_deref(), opts.as_deref(), frame) {
                Ok(t) => format!("o{t}"),
                Err(e) => format!("e{e}"),
            }
        };
        let out = call_helper(&f, c.name, c.json, c.line, c.column, c.block, c.block_params as u32, c.root, &mut bridge);
        let rest = || out.get(1..).unwrap_or("").to_string();
        match out.as_bytes().first() {
            Some(b't') => HostOut::Text(rest()),
            Some(b's') => HostOut::Safe(rest()),
            Some(b'j') => HostOut::Json(rest()),
            Some(b'b') => HostOut::Bad(rest()),
            Some(b'e') => HostOut::Threw(rest()),
            Some(b'r') => HostOut::Inner,
            _ => HostOut::Nothing,
        }
    }
}

/// The JS side of one render with JS helpers (`beginRender`: the root
/// data frame over the JS context and `data`), ended on every exit path.
struct RenderScope;

impl RenderScope {
    fn begin(context: &JsValue, data: &JsValue) -> RenderScope {
        begin_render(context, data);
        RenderScope
    }
}

impl Drop for RenderScope {
    fn drop(&mut self) {
        end_render();
    }
}

/// [`render_template`] with a context already parsed (`renderAll`);
/// `js_context` is the same context as a JS value (`options.data.root`).
fn render_parsed(
    t: &Template,
    fns: &js_sys::Array,
    context: &crate::template::ctx::Ctx<'_>,
    js_context: &JsValue,
    data: Option<(&crate::template::ctx::Ctx<'_>, &JsValue)>,
    functions: bool,
) -> crate::error::Result<String> {
    let parsed = data.map(|d| d.0);
    if fns.length() == 0 && !functions {
        return t.render_context_data(context, parsed, &crate::template::host_helper::NoHost);
    }
    let _scope = RenderScope::begin(js_context, data.map_or(&JsValue::UNDEFINED, |d| d.1));
    t.render_context_data(context, parsed, &JsHost { fns, uses_this: RefCell::new(Vec::new()) })
}

/// Render `t` (context as JSON bytes, and as the JS value) with its JS
/// helpers, if it has any, and the render's `data` (a JS value or
/// undefined). Functions in the context (converted last, see
/// `contextBytes` in js/bridge.js) are called through the JS host too.
fn render_template(t: &Template, fns: &js_sys::Array, context: &[u8], js_context: &JsValue, data: &JsValue) -> JsResult<String> {
    let functions = context_functions() > 0;
    if data.is_undefined() {
        if fns.length() == 0 && !functions {
            return t.render_json(context).map_err(throw);
        }
        let context = crate::template::ctx::parse(context, "context").map_err(throw)?;
        return render_parsed(t, fns, &context, js_context, None, functions).map_err(throw);
    }
    let data_text = to_json_bytes(data, "data")?;
    let parsed_data = crate::template::ctx::parse(&data_text, "data").map_err(throw)?;
    let context = crate::template::ctx::parse(context, "context").map_err(throw)?;
    render_parsed(t, fns, &context, js_context, Some((&parsed_data, data)), functions).map_err(throw)
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
    let (options, fns) = options(&opts)?;
    let source = source_text(&source)?;
    let bytes = render_context_bytes(&context)?;
    let t = Template::new(&source, options).map_err(throw)?;
    render_template(&t, &fns, &bytes, &context, &JsValue::UNDEFINED)
}

/// A compiled program in the cache, with its JS helper functions (in the
/// order of the template's helper names).
type Live = Rc<(Template, js_sys::Array)>;

thread_local! {
    /// The compiled programs of the package's `Template` objects (the class
    /// lives in js/bridge.js; see `program_cache` for why a bounded cache).
    static PROGRAMS: RefCell<ProgramCache<Live>> = const { RefCell::new(ProgramCache::new()) };
}

/// The program of `handle`, unless it was evicted or freed (then the JS
/// `Template` compiles it again from its source and options).
fn program(handle: f64) -> Option<Live> {
    PROGRAMS.with(|p| p.borrow_mut().get(handle as u64).cloned())
}

/// Internal (the `Template` class of js/bridge.js): compile `source` with
/// `opts` (the options as JSON, `helpers` as names) and `fns` (the helper
/// functions); returns the program's handle. Throws `ProfileError`.
#[wasm_bindgen(js_name = templateCompile)]
pub fn template_compile(source: JsValue, opts: &[u8], fns: js_sys::Array) -> JsResult<f64> {
    let v = parse_text(opts, "options")?;
    let options = TemplateOptions::from_json(&v).map_err(throw)?;
    let source = source_text(&source)?;
    let sources = source.len() + options.partials.values().map(String::len).sum::<usize>();
    let t = Template::new(&source, options).map_err(throw)?;
    let bytes = crate::program_cache::estimate(sources);
    Ok(PROGRAMS.with(|p| p.borrow_mut().insert(Rc::new((t, fns)), bytes)) as f64)
}

/// Internal: what `Template#render` needs to send less, as JSON `[paths,
/// flat, maxOutputBytes]`: the context paths the template reads (the
/// context is projected onto them), and when it is only text and plain
/// root paths its flat program over them (`Template::flat_ops`: text, or
/// `[escape, raw, first, count]`; JS renders it without entering wasm),
/// else `null`. `undefined` when the template may read anything.
#[wasm_bindgen(js_name = templateReadPaths)]
pub fn template_read_paths(handle: f64) -> Option<String> {
    use crate::json::write::write_str;
    use crate::template::project::FlatOp;
    let p = program(handle)?;
    let t = &p.0;
    let paths = t.read_paths()?;
    let mut out = String::from("[");
    out.push_str(&crate::json::write::to_string(&paths));
    match t.flat_ops() {
        None => out.push_str(",null"),
        Some(ops) => {
            out.push_str(",[");
            for (i, op) in ops.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match op {
                    FlatOp::Text(text) => write_str(&mut out, text),
                    FlatOp::Out { escape, raw, first, count } => {
                        out.push_str(if *escape { "[true," } else { "[false," });
                        match raw {
                            Some(raw) => write_str(&mut out, raw),
                            None => out.push_str("null"),
                        }
                        out.push_str(&format!(",{first},{count}]"));
                    }
                }
            }
            out.push(']');
        }
    }
    out.push_str(&format!(",{}]", t.max_output_bytes()));
    Some(out)
}

/// Internal: render program `handle` over `context` (JSON bytes; the JS
/// value itself in `js_context`, for JS helpers) with the render's `data`
/// (`renderData`'s answer); `undefined` when the program is no longer cached.
#[wasm_bindgen(js_name = templateRender)]
pub fn template_render(handle: f64, context: &[u8], js_context: &JsValue, data: &JsValue) -> JsResult<Option<String>> {
    let Some(p) = program(handle) else { return Ok(None) };
    render_template(&p.0, &p.1, context, js_context, data).map(Some)
}

/// Internal: every variable program `handle` reads, `{path, line,
/// column}[]`; `undefined` when it is no longer cached.
#[wasm_bindgen(js_name = templateVariables)]
pub fn template_variables(handle: f64) -> JsValue {
    let Some(p) = program(handle) else { return JsValue::UNDEFINED };
    let vars: Vec<Value> = p.0.variables().iter().map(|v| v.to_json()).collect();
    output(&Value::Array(vars))
}

/// Internal: the variables `context` (JSON bytes) lacks; `undefined` when
/// the program is no longer cached.
#[wasm_bindgen(js_name = templateMissing)]
pub fn template_missing(handle: f64, context: &[u8]) -> JsResult {
    let Some(p) = program(handle) else { return Ok(JsValue::UNDEFINED) };
    let missing = p.0.missing_json(context).map_err(throw)?;
    let vars: Vec<Value> = missing.iter().map(|v| v.to_json()).collect();
    Ok(output(&Value::Array(vars)))
}

/// Internal: drop program `handle` now (`Template#free`, or its wrapper
/// was garbage-collected). A stale handle frees nothing.
#[wasm_bindgen(js_name = templateFree)]
pub fn template_free(handle: f64) {
    // Dropped outside the borrow: dropping the helper array touches JS.
    let gone = PROGRAMS.with(|p| p.borrow_mut().remove(handle as u64));
    drop(gone);
}

/// Several templates (a notification's subject, html, text, sms...) over
/// ONE crossing and ONE parse of `context`: `{name: Template | source}` ->
/// `{name: output}`. Sources are compiled with `options`; a `Template`
/// keeps its own. An error names the template in its `path` (`/name`).
#[wasm_bindgen(js_name = renderAll)]
pub fn render_all(templates: JsValue, context: JsValue, opts: JsValue) -> JsResult {
    let entries = template_entries(&templates)?;
    let entries = parse_text(&entries, "templates")?;
    let entries = entries.as_array().map(Vec::as_slice).unwrap_or_default();
    // Projected onto the templates' plans when every one is a Template
    // that has a plan (see templateEntries).
    let bytes = render_all_context_bytes(&context)?;
    let functions = context_functions() > 0;
    let parsed = crate::template::ctx::parse(&bytes, "context").map_err(throw)?;
    let mut options = None;
    // Names and outputs end to end, with their UTF-16 lengths: one string
    // crosses and JS slices it (see renderAllRecord), instead of a JSON
    // object escaped here and parsed there.
    let mut text = String::new();
    let mut lens: Vec<u32> = Vec::with_capacity(entries.len() * 2);
    for entry in entries {
        let (Some(name), Some(what)) = (entry.get(0).and_then(Value::as_str), entry.get(1)) else { continue };
        let named = |e: ProfileError| {
            let e = if e.path.is_none() { e.with_path(format!("/{}", crate::json::pointer::escape(name))) } else { e };
            throw(e)
        };
        let rendered = match what {
            Value::String(source) => {
                let opts = match &options {
                    Some(o) => o,
                    None => options.insert(self::options(&opts)?),
                };
                let (opts, fns) = opts;
                Template::new(source, opts.clone()).and_then(|t| render_parsed(&t, fns, &parsed, &context, None, functions)).map_err(named)?
            }
            handle => {
                let handle = handle.as_f64().unwrap_or(0.0);
                // Evicted since (another template of this call may have
                // been compiled in between): the Template compiles again.
                let live = match program(handle) {
                    Some(live) => Some(live),
                    None => program(revive_template(&templates, name)?),
                };
                let p = live.ok_or_else(|| {
                    named(ProfileError::invalid("invalid_argument", "renderAll: this Template was freed"))
                })?;
                render_parsed(&p.0, &p.1, &parsed, &context, None, functions).map_err(named)?
            }
        };
        for part in [name, &*rendered] {
            text.push_str(part);
            lens.push(utf16_len(part));
        }
    }
    Ok(render_all_record(&text, &lens))
}

/// Length of `s` in UTF-16 units (what JS's `slice` counts): one per
/// scalar value, two for those above U+FFFF (4-byte UTF-8 sequences).
fn utf16_len(s: &str) -> u32 {
    // ASCII (checked a word at a time): one unit per byte.
    if s.is_ascii() {
        return s.len() as u32;
    }
    s.bytes().fold(0u32, |n, b| n + u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0))
}

/// A stored profile kept inside wasm: parsed once, then only each request
/// body crosses the boundary (a UI previewing every keystroke).
#[wasm_bindgen(js_name = ProfileSession)]
pub struct JsProfileSession {
    inner: Session,
}

/// The profile of one session preview, read into JS only when the
/// result's `profile` property is read (see `sessionPreview` in
/// js/bridge.js). Internal: the package does not export it.
#[wasm_bindgen]
pub struct PreviewProfile {
    profile: Option<Rc<Value>>,
    /// A Courier POST's update, merged into `profile` (the stored profile
    /// it previewed against) only if the profile is read.
    merge: Option<Value>,
}

#[wasm_bindgen]
impl PreviewProfile {
    /// The profile as JSON text (`null` when deleted).
    pub fn json(&self) -> String {
        match (&self.merge, self.profile.as_deref()) {
            (Some(update), Some(base)) => crate::json::write::to_string(&Session::merged(base, update)),
            (_, profile) => crate::json::write::to_string(&profile),
        }
    }
}

/// `{profile: null, changes, warnings, status, response}` as JSON text:
/// the preview without its profile, which crosses lazily.
fn preview_rest(p: &Preview) -> String {
    let mut out = String::new();
    p.write_json_with(None, &mut out);
    out
}

fn text_arg(value: &JsValue, what: &str) -> JsResult<Option<String>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| {
        throw(ProfileError::invalid("invalid_argument", format!("{what} must be a string")).with_path(format!("/{what}")))
    })
}

fn method_arg(value: &JsValue) -> JsResult<Method> {
    Method::parse(&value.as_string().unwrap_or_default()).map_err(throw)
}

fn body_arg(value: &JsValue) -> JsResult<Option<Value>> {
    if value.is_undefined() {
        return Ok(None);
    }
    input(value, "body").map(Some)
}

#[wasm_bindgen(js_class = ProfileSession)]
impl JsProfileSession {
    /// A session over `stored` on `platform`; `options`: `{userId?, query?}`.
    #[wasm_bindgen(constructor)]
    pub fn new(platform: JsValue, stored: JsValue, options: JsValue) -> JsResult<JsProfileSession> {
        let platform = Platform::parse(&platform.as_string().unwrap_or_default()).map_err(throw)?;
        let stored = input_or_null(&stored, "stored")?;
        let stored = (!stored.is_null()).then_some(stored);
        let options = input_or_null(&options, "options")?;
        let field = |key: &str| -> JsResult<Option<String>> {
            match options.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(throw(
                    ProfileError::invalid("invalid_argument", format!("{key} must be a string")).with_path(format!("/{key}")),
                )),
            }
        };
        let session = Session::new(platform, stored, field("userId")?, field("query")?).map_err(throw)?;
        Ok(JsProfileSession { inner: session })
    }

    /// What the platform would answer to `method` with `body`; the session
    /// does not change. The result's `profile` crosses into JS when read.
    pub fn preview(&self, method: JsValue, body: JsValue, now: JsValue) -> JsResult {
        let method = method_arg(&method)?;
        let body = body_arg(&body)?;
        let now = text_arg(&now, "now")?;
        let (mut out, merge) = self.inner.preview_deferred(method, body.as_ref(), now.as_deref()).map_err(throw)?;
        let profile = match merge {
            Some(update) => PreviewProfile { profile: self.inner.shared_profile(), merge: Some(update) },
            None => PreviewProfile { profile: out.profile.take().map(Rc::new), merge: None },
        };
        Ok(session_preview(&preview_rest(&out), profile.into()))
    }

    /// [`preview`](Self::preview), then the result becomes the stored profile.
    pub fn apply(&mut self, method: JsValue, body: JsValue, now: JsValue) -> JsResult {
        let method = method_arg(&method)?;
        let body = body_arg(&body)?;
        let now = text_arg(&now, "now")?;
        let out = self.inner.apply(method, body.as_ref(), now.as_deref()).map_err(throw)?;
        let profile = PreviewProfile { profile: self.inner.shared_profile(), merge: None };
        Ok(session_preview(&preview_rest(&out), profile.into()))
    }

    /// The stored profile (a fresh copy on every read; `null` when none).
    #[wasm_bindgen(getter)]
    pub fn profile(&self) -> JsValue {
        output(&self.inner.profile())
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
