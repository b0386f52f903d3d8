//! Handlebars templates with Mustache compatibility, written with `{{ }}` or
//! `<< >>`, compiled once to a small AST and rendered into one `String`.
//!
//! ```
//! use profile_preview::{Template, TemplateOptions, Value};
//!
//! let t = Template::new("Hi <<profile.name>>{{#if data.vip}} ⭐{{/if}}", TemplateOptions::default()).unwrap();
//! let ctx: Value = r#"{"profile": {"name": "Ada <3"}, "data": {"vip": true}}"#.parse().unwrap();
//! assert_eq!(t.render(&ctx).unwrap(), "Hi Ada &lt;3 ⭐");
//! assert_eq!(t.variables().len(), 2);
//! ```
//!
//! Pieces: [`lexer`] (delimiters, the `<<` rule, standalone lines, `~`),
//! [`expr`] and [`parser`] (tags -> [`ast`]), [`mod@render`] (name resolution,
//! blocks, limits), [`dialect`], [`helpers`] and [`datefmt`] (helper tables per dialect),
//! [`escape`] (HTML escaping, JS-like stringification), [`analyze`]
//! (`variables`/`missing`).

pub mod analyze;
pub mod ast;
pub mod ctx;
pub mod datefmt;
pub mod dialect;
pub mod escape;
pub mod expr;
pub mod helpers;
pub mod host_helper;
pub mod lexer;
pub mod parser;
pub mod project;
pub mod render;

use crate::error::{ProfileError, Result, KIND_TEMPLATE};
use crate::json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use dialect::Dialect;
pub use lexer::Delimiters;

/// Largest template (and partial) source accepted.
pub const MAX_SOURCE_BYTES: usize = 1 << 20;
/// Default `maxOutputBytes`.
pub const DEFAULT_MAX_OUTPUT_BYTES: usize = 1 << 20;

/// What a missing (undefined or null) variable in an output tag renders as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Missing {
    /// Nothing.
    #[default]
    Empty,
    /// The tag as written, e.g. `{{profile.nickname}}`.
    Keep,
    /// A `missing_variable` error with the tag's line and column.
    Error,
}

/// Template options (see DESIGN.md `TemplateOptions`).
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    /// Which delimiters open tags.
    pub delimiters: Delimiters,
    /// Missing-variable behaviour.
    pub missing: Missing,
    /// HTML-escape `{{x}}` output (`escape: "html"`, the default).
    pub escape_html: bool,
    /// The dialect: helper set and lookup rule (see [`dialect`]).
    pub dialect: &'static Dialect,
    /// Handlebars.js's `compat`: names not in the current context are
    /// looked up in the enclosing ones (the Mustache context stack). Only
    /// changes the `handlebars` dialect; the others always walk the stack.
    pub compat: bool,
    /// Handlebars.js's `explicitPartialContext`: a partial called without a
    /// context argument renders over an empty context (plus its hash),
    /// not the caller's.
    pub explicit_partial_context: bool,
    /// Handlebars.js's `stringParams`: host helpers get a path argument as
    /// its name, not its value (`options.types` says which is which).
    pub string_params: bool,
    /// Handlebars.js's `preventIndent`: a standalone partial's indentation
    /// is written once, before it, instead of on each of its lines.
    pub prevent_indent: bool,
    /// Handlebars.js's `ignoreStandalone`: block, partial and comment tags
    /// alone on a line keep the line's whitespace (only `~` trims).
    pub ignore_standalone: bool,
    /// Handlebars.js's `assumeObjects`: reading through a missing or null
    /// object (`{{a.b}}` without `a`) is an error, like JavaScript's.
    pub assume_objects: bool,
    /// Partials by name.
    pub partials: BTreeMap<String, String>,
    /// Output size limit in bytes.
    pub max_output_bytes: usize,
    /// Names of the host helpers (JS `helpers: {name: fn}`; natively the
    /// closures of a [`host_helper::NativeHelpers`], in this order). They
    /// override built-ins of the same name in this template.
    pub helpers: Vec<String>,
}

impl Default for TemplateOptions {
    fn default() -> Self {
        TemplateOptions {
            delimiters: Delimiters::Auto,
            missing: Missing::Empty,
            escape_html: true,
            dialect: &dialect::COURIER,
            compat: false,
            explicit_partial_context: false,
            string_params: false,
            prevent_indent: false,
            ignore_standalone: false,
            assume_objects: false,
            partials: BTreeMap::new(),
            max_output_bytes: DEFAULT_MAX_OUTPUT_BYTES,
            helpers: Vec::new(),
        }
    }
}

fn invalid_option(path: &str, message: String) -> ProfileError {
    ProfileError::new(400, KIND_TEMPLATE, "invalid_option", message).with_path(path)
}

/// A boolean option: `None` when absent or null.
fn flag(v: &Value, key: &str) -> Result<Option<bool>> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(invalid_option(&format!("/{key}"), format!("{key} must be a boolean, got {other}"))),
    }
}

fn choice<'v>(v: &'v Value, key: &str, allowed: &[&str]) -> Result<Option<&'v str>> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(Some(s)),
        Some(other) => Err(invalid_option(
            &format!("/{key}"),
            format!("{key} must be one of {}, got {other}", allowed.join(", ")),
        )),
    }
}

impl TemplateOptions {
    /// Read the JS options object `{dialect?, delimiters?, missing?, escape?,
    /// partials?, maxOutputBytes?}` (`resolve: "courier" | "plain"` is the
    /// deprecated spelling of `dialect: "courier" | "handlebars"`); `null`
    /// gives the defaults. Bad values
    /// fail with code `invalid_option` and the option's JSON Pointer.
    pub fn from_json(v: &Value) -> Result<Self> {
        let mut o = TemplateOptions::default();
        match v {
            Value::Null => return Ok(o),
            Value::Object(_) => {}
            _ => return Err(invalid_option("", "template options must be an object".into())),
        }
        if let Some(d) = choice(v, "delimiters", &["auto", "handlebars", "angle"])? {
            o.delimiters = match d {
                "handlebars" => Delimiters::Handlebars,
                "angle" => Delimiters::Angle,
                _ => Delimiters::Auto,
            };
        }
        if let Some(m) = choice(v, "missing", &["empty", "keep", "error"])? {
            o.missing = match m {
                "keep" => Missing::Keep,
                "error" => Missing::Error,
                _ => Missing::Empty,
            };
        }
        if let Some(e) = choice(v, "escape", &["html", "none"])? {
            o.escape_html = e == "html";
        }
        if let Some(r) = choice(v, "resolve", &["courier", "plain"])? {
            // `plain` always walked the Mustache context stack: the
            // handlebars dialect in compat mode keeps that meaning.
            o.dialect = if r == "plain" { &dialect::HANDLEBARS } else { &dialect::COURIER };
            o.compat = r == "plain";
        }
        if let Some(d) = choice(v, "dialect", &["courier", "suprsend", "handlebars"])? {
            o.dialect = Dialect::from_name(d).unwrap_or(&dialect::COURIER);
        }
        match v.get("partials") {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => {
                for (name, src) in m {
                    match src {
                        Value::String(s) => {
                            o.partials.insert(name.clone(), s.clone());
                        }
                        _ => {
                            let p = crate::json::pointer::escape(name);
                            return Err(invalid_option(&format!("/partials/{p}"), format!("partial '{name}' must be a string")));
                        }
                    }
                }
            }
            Some(_) => return Err(invalid_option("/partials", "partials must be an object of name -> source".into())),
        }
        match v.get("helpers") {
            None | Some(Value::Null) => {}
            // The JS entry strips the functions and passes their names.
            Some(Value::Array(names)) if names.iter().all(Value::is_string) => {
                o.helpers = names.iter().filter_map(Value::as_str).map(str::to_string).collect();
            }
            Some(_) => return Err(invalid_option("/helpers", "helpers must be an object of name -> function".into())),
        }
        if let Some(b) = flag(v, "compat")? {
            o.compat = b;
        }
        if let Some(b) = flag(v, "explicitPartialContext")? {
            o.explicit_partial_context = b;
        }
        if let Some(b) = flag(v, "stringParams")? {
            o.string_params = b;
        }
        if let Some(b) = flag(v, "preventIndent")? {
            o.prevent_indent = b;
        }
        if let Some(b) = flag(v, "ignoreStandalone")? {
            o.ignore_standalone = b;
        }
        if let Some(b) = flag(v, "assumeObjects")? {
            o.assume_objects = b;
        }
        match v.get("maxOutputBytes") {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) if n.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0) => {
                o.max_output_bytes = n.as_f64().map_or(DEFAULT_MAX_OUTPUT_BYTES, |f| f.min(usize::MAX as f64) as usize);
            }
            Some(other) => {
                return Err(invalid_option("/maxOutputBytes", format!("maxOutputBytes must be a non-negative integer, got {other}")))
            }
        }
        Ok(o)
    }
}

/// A variable a template reads, with its 1-based position.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableRef {
    /// Dotted path as written, e.g. `profile.name`.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl VariableRef {
    /// `{path, line, column}`.
    pub fn to_json(&self) -> Value {
        // Not `json!`: it routes values through `serde_json::to_value`, a
        // second serializer in the wasm (H4's measurement: -1.5 KB gzip).
        crate::json::object([
            ("path", Value::from(self.path.as_str())),
            ("line", Value::from(self.line)),
            ("column", Value::from(self.column)),
        ])
    }
}

/// A compiled template.
#[derive(Debug)]
pub struct Template {
    root: Vec<ast::Node>,
    partials: Vec<parser::Partial>,
    /// `(name, source)`: the template itself, then each partial variant.
    sources: Vec<(String, Box<str>)>,
    opts: TemplateOptions,
    /// Length of the last output, to size the next one's buffer.
    size_hint: AtomicUsize,
}

impl Clone for Template {
    fn clone(&self) -> Self {
        Template {
            root: self.root.clone(),
            partials: self.partials.clone(),
            sources: self.sources.clone(),
            opts: self.opts.clone(),
            size_hint: AtomicUsize::new(self.size_hint.load(Ordering::Relaxed)),
        }
    }
}

fn too_big(what: &str, len: usize) -> ProfileError {
    ProfileError::template(
        "limit_exceeded",
        format!("{what} is {len} bytes; the limit is {MAX_SOURCE_BYTES} bytes"),
        1,
        1,
    )
}

fn syntax_error(src: &str, e: expr::SynErr, lines: &lexer::LineIndex, partial: Option<&str>) -> ProfileError {
    let pos = lines.pos(src, e.offset);
    let message = match partial {
        Some(name) => format!("In partial '{name}': {}", e.message),
        None => e.message,
    };
    // No code frame when memory ran out: building one copies the source
    // line, which may be the whole template.
    let text = if e.code == "out_of_memory" { message } else { escape::code_frame(src, &message, pos.line, pos.column) };
    ProfileError::template(e.code, text, pos.line, pos.column)
}

impl Template {
    /// Compile. Syntax errors (unclosed or mismatched blocks, bad tags,
    /// unknown helpers or partials) fail with code `template_syntax` and the
    /// line/column of the offending tag; too large or too deeply nested
    /// templates with `limit_exceeded`.
    pub fn new(source: &str, options: TemplateOptions) -> Result<Self> {
        if source.len() > MAX_SOURCE_BYTES {
            return Err(too_big("The template", source.len()));
        }
        let mut table = parser::PartialTable::new(&options.partials);
        let root =
            parser::parse(source, options.delimiters, !options.ignore_standalone, &mut table, 0, options.dialect, &options.helpers).map_err(|(e, l)| syntax_error(source, e, &l, None))?;
        let mut sources = vec![(String::new(), Box::<str>::from(source))];
        let mut k = 0;
        while k < table.entries.len() {
            if table.entries.get(k).is_some_and(|e| !e.compiled) {
                let name = table.entries.get(k).map(|e| e.name.clone()).unwrap_or_default();
                let src = table.source(k).unwrap_or_default();
                if src.len() > MAX_SOURCE_BYTES {
                    return Err(too_big(&format!("Partial '{name}'"), src.len()));
                }
                let index = sources.len();
                let nodes = parser::parse(src, options.delimiters, !options.ignore_standalone, &mut table, index, options.dialect, &options.helpers)
                    .map_err(|(e, l)| syntax_error(src, e, &l, Some(&name)))?;
                if let Some(e) = table.entries.get_mut(k) {
                    e.nodes = nodes;
                    e.source = index;
                    e.compiled = true;
                }
                sources.push((name, src.into()));
            }
            k += 1;
        }
        let partials = table.entries;
        Ok(Template { root, partials, sources, opts: options, size_hint: AtomicUsize::new(0) })
    }

    /// Render with `context` (any JSON; usually `{profile, data, tenant, brand}`).
    pub fn render(&self, context: &Value) -> Result<String> {
        self.render_ctx(&ctx::Ctx::borrow(context), None, &host_helper::NoHost)
    }

    /// Render, running the template's host helpers with `host` (see
    /// [`host_helper`]).
    pub fn render_with(&self, context: &Value, host: &dyn host_helper::HelperHost) -> Result<String> {
        self.render_ctx(&ctx::Ctx::borrow(context), None, host)
    }

    /// Render with Handlebars.js's runtime `data` option: `@name` reads
    /// `data.name`, `@root` is `data.root` when given, else the context.
    pub fn render_with_data(&self, context: &Value, data: Option<&Value>, host: &dyn host_helper::HelperHost) -> Result<String> {
        let data = data.map(ctx::Ctx::borrow);
        self.render_ctx(&ctx::Ctx::borrow(context), data.as_ref(), host)
    }

    /// [`Template::render_with_data`] over a context and data already read
    /// by [`ctx::parse`].
    pub fn render_context_data(
        &self,
        context: &ctx::Ctx<'_>,
        data: Option<&ctx::Ctx<'_>>,
        host: &dyn host_helper::HelperHost,
    ) -> Result<String> {
        self.render_ctx(context, data, host)
    }

    /// [`Template::render_json`] with a host for the template's helpers.
    pub fn render_json_with(&self, json: &[u8], host: &dyn host_helper::HelperHost) -> Result<String> {
        self.render_ctx(&ctx::parse(json, "context")?, None, host)
    }

    /// Render with a context given as JSON text (UTF-8 bytes), read
    /// straight into the renderer's own representation. Malformed JSON
    /// fails with code `invalid_json`, nesting 128 levels deep with
    /// `limit_exceeded` (the limits of `serde_json`).
    pub fn render_json(&self, json: &[u8]) -> Result<String> {
        self.render_ctx(&ctx::parse(json, "context")?, None, &host_helper::NoHost)
    }

    /// Render with a context already read by [`ctx::parse`]: several
    /// templates over one context (`renderAll`) read it once.
    pub fn render_context(&self, context: &ctx::Ctx<'_>) -> Result<String> {
        self.render_ctx(context, None, &host_helper::NoHost)
    }

    /// [`Template::render_context`] with a host for the template's helpers.
    pub fn render_context_with(&self, context: &ctx::Ctx<'_>, host: &dyn host_helper::HelperHost) -> Result<String> {
        self.render_ctx(context, None, host)
    }

    fn render_ctx(&self, context: &ctx::Ctx<'_>, data: Option<&ctx::Ctx<'_>>, host: &dyn host_helper::HelperHost) -> Result<String> {
        let hint = self.size_hint.load(Ordering::Relaxed);
        let mut r = render::Renderer::new(&self.opts, &self.partials, &self.sources, hint, host, data);
        let scope = render::Scope::root(context);
        let done = r.nodes(&self.root, &scope).and_then(|()| r.pending());
        crate::cost::add(r.steps());
        done?;
        // A little headroom so slightly longer outputs do not reallocate.
        self.size_hint.store(r.out.len() + r.out.len() / 8 + 16, Ordering::Relaxed);
        Ok(r.out)
    }

    /// The context paths this template can read, when it is simple enough
    /// to know (see [`project::read_paths`]); `None`: it may read anything.
    pub fn read_paths(&self) -> Option<Vec<Vec<Box<str>>>> {
        // A JS helper sees `this` whole: never prune the context for it.
        if !self.opts.helpers.is_empty() {
            return None;
        }
        // The rule the renderer applies (see `Renderer::new`).
        let lookup = match self.opts.dialect.lookup {
            dialect::Lookup::Current if self.opts.compat => dialect::Lookup::Plain,
            other => other,
        };
        project::read_paths(&self.root, !self.partials.is_empty(), lookup)
    }

    /// The template as a flat program over its [`Template::read_paths`]
    /// (see [`project::flat_ops`]), when it is only text and plain root
    /// paths, has no JS helpers or partials, and prints a missing value as
    /// nothing or as the tag (`missing: "error"` and `assumeObjects` raise
    /// errors the flat program does not: `None`).
    pub fn flat_ops(&self) -> Option<Vec<project::FlatOp<'_>>> {
        if !self.opts.helpers.is_empty() || !self.partials.is_empty() || self.opts.assume_objects || self.opts.missing == Missing::Error {
            return None;
        }
        let source = self.sources.first().map_or("", |s| &*s.1);
        let keep = self.opts.missing == Missing::Keep;
        project::flat_ops(&self.root, source, self.opts.dialect.lookup, self.opts.escape_html, keep)
    }

    /// The `maxOutputBytes` option.
    pub fn max_output_bytes(&self) -> usize {
        self.opts.max_output_bytes
    }

    /// Every variable the template reads, with its position (see [`analyze`]).
    pub fn variables(&self) -> Vec<VariableRef> {
        analyze::analyze(&self.root, &self.partials, None, self.opts.dialect.lookup)
    }

    /// The variables `context` lacks (see [`analyze`] for the rule inside blocks).
    pub fn missing(&self, context: &Value) -> Vec<VariableRef> {
        analyze::analyze(&self.root, &self.partials, Some(&ctx::Ctx::borrow(context)), self.opts.dialect.lookup)
    }

    /// [`Template::missing`] with the context as JSON text (UTF-8 bytes).
    pub fn missing_json(&self, json: &[u8]) -> Result<Vec<VariableRef>> {
        Ok(analyze::analyze(&self.root, &self.partials, Some(&ctx::parse(json, "context")?), self.opts.dialect.lookup))
    }
}

/// Parse a path written as text (`"profile.name"`), as `var`/`path` do.
pub fn parse_path_text(text: &str) -> Option<ast::Path> {
    let lines = lexer::LineIndex::new(text);
    let mut ex = expr::Ex::new(text, 0, text.len(), &lines);
    let p = ex.path().ok()?;
    ex.done().then_some(p)
}

/// Compile and render once.
pub fn render(source: &str, context: &Value, options: TemplateOptions) -> Result<String> {
    Template::new(source, options)?.render(context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_json as json;

    fn opts(v: Value) -> TemplateOptions {
        TemplateOptions::from_json(&v).unwrap()
    }

    #[test]
    fn each_over_100k_items_stops_at_max_output_bytes() {
        let items: Vec<Value> = (0..100_000).map(|i| json!({"n": i})).collect();
        let ctx = json!({"items": items});
        let t = Template::new("{{#each items}}<li>{{n}}</li>{{/each}}", opts(json!({"maxOutputBytes": 1000}))).unwrap();
        crate::cost::take();
        let e = t.render(&ctx).unwrap_err();
        assert_eq!(e.code, "limit_exceeded");
        // Stops after ~1000 bytes (~80 items), not after the 100k items:
        // counted work, not wall time, so a busy machine cannot fail it.
        let work = crate::cost::take();
        assert!(work < 5_000, "rendering stopped late: {work} units of work");
        // The default limit (1 MiB) also stops it.
        let t = Template::new("{{#each items}}<li>{{n}} {{@root.pad}}</li>{{/each}}", TemplateOptions::default()).unwrap();
        let mut ctx = ctx;
        ctx.as_object_mut().unwrap().insert("pad".into(), json!("x".repeat(100)));
        assert_eq!(t.render(&ctx).unwrap_err().code, "limit_exceeded");
    }

    #[test]
    fn silent_nested_loops_hit_the_step_limit() {
        let list: Vec<Value> = (0..5000).map(Value::from).collect();
        let t = Template::new("{{#each a}}{{#each ../a}}{{/each}}{{/each}}", TemplateOptions::default()).unwrap();
        let e = t.render(&json!({"a": list})).unwrap_err();
        assert_eq!(e.code, "limit_exceeded");
    }

    #[test]
    fn source_size_limit() {
        let big = "x".repeat(MAX_SOURCE_BYTES + 1);
        assert_eq!(Template::new(&big, TemplateOptions::default()).unwrap_err().code, "limit_exceeded");
        let mut o = TemplateOptions::default();
        o.partials.insert("p".into(), big);
        assert_eq!(Template::new("{{> p}}", o).unwrap_err().code, "limit_exceeded");
    }

    #[test]
    fn options_from_json() {
        let o = opts(json!({"delimiters": "angle", "missing": "keep", "escape": "none", "resolve": "plain", "maxOutputBytes": 10}));
        assert_eq!(o.dialect.name, "handlebars");
        assert!(o.compat, "resolve: plain keeps its context-stack lookup");
        assert!(!opts(json!({"dialect": "handlebars"})).compat);
        assert!(opts(json!({"dialect": "handlebars", "compat": true})).compat);
        assert!(opts(json!({"explicitPartialContext": true})).explicit_partial_context);
        assert!(!o.explicit_partial_context);
        let all = opts(json!({"preventIndent": true, "ignoreStandalone": true, "assumeObjects": true}));
        assert!(all.prevent_indent && all.ignore_standalone && all.assume_objects);
        assert_eq!(TemplateOptions::from_json(&json!({"assumeObjects": 1})).unwrap_err().path.as_deref(), Some("/assumeObjects"));
        assert_eq!(TemplateOptions::from_json(&json!({"compat": "yes"})).unwrap_err().path.as_deref(), Some("/compat"));
        assert_eq!(opts(json!({"dialect": "suprsend", "resolve": "courier"})).dialect.name, "suprsend");
        assert_eq!(TemplateOptions::from_json(&json!({"dialect": "x"})).unwrap_err().path.as_deref(), Some("/dialect"));
        assert_eq!(o.delimiters, Delimiters::Angle);
        assert_eq!(o.missing, Missing::Keep);
        assert!(!o.escape_html);
        assert_eq!(o.max_output_bytes, 10);
        assert_eq!(opts(Value::Null).max_output_bytes, DEFAULT_MAX_OUTPUT_BYTES);
        let e = TemplateOptions::from_json(&json!({"escape": true})).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_deref()), ("invalid_option", Some("/escape")));
        assert!(TemplateOptions::from_json(&json!("x")).is_err());
    }

    #[test]
    fn template_stays_send_and_sync() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Template>();
    }

    #[test]
    fn render_json_matches_render_and_sizes_from_the_last_output() {
        let t = Template::new("{{#each xs}}<{{this}}>{{/each}}{{@root.n}}", TemplateOptions::default()).unwrap();
        let ctx = json!({"xs": ["a\"", 1.5, -0.0, {"k": 1}], "n": 12345678901234567890u64});
        let bytes = serde_json::to_vec(&ctx).unwrap();
        for _ in 0..3 {
            assert_eq!(t.render_json(&bytes).unwrap(), t.render(&ctx).unwrap());
        }
        assert_eq!(t.render_json(b"{\"xs\": [1,]}").unwrap_err().code, "invalid_json");
        assert_eq!(t.missing_json(b"[").unwrap_err().code, "invalid_json");
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(t.render_json(deep.as_bytes()).unwrap_err().code, "limit_exceeded");
    }

    #[test]
    fn compiled_template_renders_many_times() {
        let t = Template::new("{{#each xs}}{{this}}{{/each}}", TemplateOptions::default()).unwrap();
        for i in 0..3 {
            assert_eq!(t.render(&json!({"xs": [i, i]})).unwrap(), format!("{i}{i}"));
        }
        let v = t.variables();
        assert_eq!(v.first().map(VariableRef::to_json), Some(json!({"path": "xs", "line": 1, "column": 9})));
    }

    /// Pseudo-random token soup must never panic, only return errors.
    #[test]
    fn garbage_never_panics() {
        const PIECES: [&str; 51] = [
            "{{", "}}", "<<", ">>", "{{{", "}}}", "#", "/", "^", "!", "--", "~", "=", "&", ">", "(", ")", "\"", "'",
            "[", "]", ".", "../", "@", "this", "if", "each", "else", "with", "a", "b.c", " ", "\n", "é", "as |x|",
            "add", "1", "-2.5", "\\", "|", "{{{{", "}}}}", "*", "inline", "{{#> a}}", "{{/a}}", "{{#*inline \"a\"}}",
            "{{/inline}}", "@partial-block", "{{> @partial-block}}", "(lookup . 'a')",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let ctx = json!({"a": [1, {"c": 2}], "b": {"c": "<x>"}, "data": {}, "profile": {}});
        let mut partials = BTreeMap::new();
        partials.insert("a".to_string(), "{{a}}{{> a}}".to_string());
        partials.insert("b".to_string(), "{{#> a}}{{> @partial-block}}{{/a}}{{#*inline \"a\"}}{{> b}}{{/inline}}".to_string());
        for _ in 0..8000 {
            let mut src = String::new();
            let mut next = || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            };
            let n = (next() % 24) as usize;
            for _ in 0..n {
                let seed = next();
                src.push_str(PIECES.get((seed % PIECES.len() as u64) as usize).copied().unwrap_or(""));
            }
            let o = TemplateOptions { partials: partials.clone(), ..TemplateOptions::default() };
            if let Ok(t) = Template::new(&src, o) {
                let _ = t.render(&ctx);
                let _ = t.variables();
                let _ = t.missing(&ctx);
            }
        }
    }
}
