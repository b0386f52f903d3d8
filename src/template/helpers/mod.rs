//! Built-in helpers as static tables, one file per family (like
//! handlebars-rust's `src/helpers/`). A row is a name, an arity, a [`Kind`]
//! and a plain `fn`; an alias is a second row with the same `fn`. Each
//! dialect (see [`super::dialect`]) lists the tables it offers, and the
//! parser resolves a helper name to its `&'static` row once, at compile
//! time: an unknown name or a wrong number of arguments is a compile error
//! with line/column, and rendering only calls the `fn`.
//!
//! A helper gets its resolved positional arguments (a missing variable
//! arrives as `null`), its hash arguments and a path resolver (for `var`
//! and `path`), and returns a JSON value or an error message that the
//! renderer turns into a `helper_error` at the call's position.

pub mod collections;
pub mod courier;
pub mod courier_render;
pub mod date;
pub mod intl;
pub mod logic;
pub mod math;
pub mod regex;
pub mod string;
pub mod suprsend;

use super::escape::to_string;
use crate::json::number::write_f64;
use crate::json::{Number, Value};
use std::borrow::Cow;

/// How a helper may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{{h a}}` and `(h a)` only; `{{#h}}` is a compile error.
    Inline,
    /// Also `{{#h a}}…{{else}}…{{/h}}`: the body when the result is truthy
    /// (SuprSend's `compare`).
    Test,
    /// Also `{{#h}}…{{/h}}`: the rendered body becomes the first argument
    /// and the result is written unescaped (Courier's `trim` family).
    Body,
    /// Also `{{#h a}}…{{else}}…{{/h}}` with the body shown when the result
    /// is *falsy*, unless `behavior="show"` (Courier's `conditional`).
    Hide,
    /// Only `{{#h a}}…{{/h}}`: the rendered body becomes the first argument
    /// and the result is written unescaped; `{{h a}}` and `(h a)` are
    /// compile errors (Handlebars.js would fail calling `options.fn`).
    /// Courier's `replace-all`, `courier-block`, `prerender`.
    Block,
}

/// What a helper gets.
pub struct Args<'a> {
    /// Positional arguments (missing -> `null`).
    pub vals: &'a [Cow<'a, Value>],
    /// Hash arguments `key=value`.
    pub hash: &'a [(&'a str, Cow<'a, Value>)],
    /// The first argument as written when it is a path (`var "a.b"`).
    pub path: Option<&'a str>,
    /// Looks a path written as text up in the current scope.
    pub lookup: &'a dyn Fn(&str) -> Option<Value>,
    /// The helper's name (for messages).
    pub name: &'static str,
    /// Variables assigned by Courier's `set` during this render.
    pub vars: &'a std::cell::RefCell<Vec<(String, Value)>>,
}

impl<'a> Args<'a> {
    /// Positional argument `i` (`null` when absent).
    pub fn get(&self, i: usize) -> &Value {
        self.vals.get(i).map_or(&Value::Null, |c| c.as_ref())
    }

    /// Hash argument `key`.
    pub fn hash(&self, key: &str) -> Option<&Value> {
        self.hash.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_ref())
    }

    /// Number of positional arguments.
    pub fn len(&self) -> usize {
        self.vals.len()
    }

    /// No positional arguments.
    pub fn is_empty(&self) -> bool {
        self.vals.is_empty()
    }
}

/// A helper function.
pub type HelperFn = fn(&Args<'_>) -> Result<Value, String>;

/// A compile-time check of a literal argument (a date pattern).
pub type LintFn = fn(&str) -> Result<(), String>;

/// Variadic: no upper bound on the argument count.
pub const ANY: u8 = u8::MAX;

/// One helper.
#[derive(Debug)]
pub struct Row {
    /// Name as written in templates.
    pub name: &'static str,
    /// Fewest positional arguments.
    pub min: u8,
    /// Most positional arguments ([`ANY`]: no limit).
    pub max: u8,
    /// Value or block use.
    pub kind: Kind,
    /// The implementation.
    pub f: HelperFn,
    /// Write the result unescaped even in `{{ }}` (a `SafeString`).
    pub safe: bool,
    /// Checks a literal second argument at compile time (a date pattern,
    /// a comparison operator).
    pub lint: Option<LintFn>,
    /// The error code of a failed call: `helper_error`, or
    /// `unsupported_helper` for a helper whose output only the platform can
    /// produce (Courier's translations).
    pub err_code: &'static str,
}

/// A row (const constructor, to keep the tables one line per helper).
pub const fn row(name: &'static str, min: u8, max: u8, kind: Kind, f: HelperFn) -> Row {
    Row { name, min, max, kind, f, safe: false, lint: None, err_code: "helper_error" }
}

impl Row {
    /// This row, with its result written unescaped.
    pub const fn safe(mut self) -> Row {
        self.safe = true;
        self
    }

    /// This row, failing with `unsupported_helper` (see [`Row::err_code`]).
    pub const fn unsupported(mut self) -> Row {
        self.err_code = "unsupported_helper";
        self
    }

    /// Whether `{{name}}` alone calls the helper: only for a value helper
    /// that takes no arguments (`line-break`); other helper names alone
    /// read the variable of that name.
    pub fn called_alone(&self) -> bool {
        self.max == 0 && self.kind == Kind::Inline
    }

    /// This row, with a compile-time check of a literal second argument.
    pub const fn lint(mut self, f: LintFn) -> Row {
        self.lint = Some(f);
        self
    }

    /// Whether `n` positional arguments are accepted.
    pub fn arity_ok(&self, n: usize) -> bool {
        n >= self.min as usize && (self.max == ANY || n <= self.max as usize)
    }

    /// The accepted argument counts, for messages (`2`, `1 to 3`, `at least 1`).
    pub fn arity_text(&self) -> String {
        match (self.min, self.max) {
            (a, b) if a == b => format!("{a} argument{}", if a == 1 { "" } else { "s" }),
            (a, ANY) => format!("at least {a} argument{}", if a == 1 { "" } else { "s" }),
            (a, b) => format!("{a} to {b} arguments"),
        }
    }
}

/// Handlebars.js built-ins that are value helpers: `lookup` and `log`
/// (`if unless each with` are block keywords of the parser).
pub static BUILTINS: [Row; 2] = [
    row("lookup", 2, 2, Kind::Inline, collections::lookup_helper),
    row("log", 0, ANY, Kind::Inline, log),
];

/// `log` writes to the console in Handlebars.js and prints nothing.
fn log(_: &Args<'_>) -> Result<Value, String> {
    Ok(Value::String(String::new()))
}

/// Handlebars truthiness: `false`, `null`, missing, `""`, `0` (unless
/// `include_zero`), `NaN` and `[]` are falsy; everything else (even `{}`) is truthy.
pub fn truthy(v: Option<&Value>, include_zero: bool) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => include_zero || n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(_)) => true,
    }
}

/// `String(v)`.
pub fn s(v: &Value) -> String {
    to_string(v)
}

/// A string result.
pub fn text(t: impl Into<String>) -> Result<Value, String> {
    Ok(Value::String(t.into()))
}

/// An integer argument (numbers and numeric strings, truncated).
pub fn int_arg(v: &Value, name: &str) -> Result<i64, String> {
    Ok(num(v, name)?.trunc() as i64)
}

/// A number argument: numbers, or strings holding a number.
pub fn num(v: &Value, name: &str) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("{name}: bad number")),
        Value::String(t) if !t.trim().is_empty() => {
            crate::json::number::parse_f64(t).ok_or_else(|| format!("{name} expects numbers, got \"{t}\""))
        }
        Value::Null => Err(format!("{name} expects numbers, got a missing value")),
        other => Err(format!("{name} expects numbers, got {}", type_name(other))),
    }
}

/// "a string", "an array", ... for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An `f64` result as a JSON number (integral values as integers).
pub fn num_out(f: f64) -> Result<Value, String> {
    if !f.is_finite() {
        let mut t = String::new();
        write_f64(&mut t, f);
        return Err(format!("result is not a finite number ({t})"));
    }
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        return Ok(Value::from(f as i64));
    }
    Ok(Number::from_f64(f).map_or(Value::Null, Value::Number))
}

/// `n` with exactly `p` decimals (`toFixed`), without pulling the float
/// formatting machinery of `core::fmt` into the wasm (integer arithmetic;
/// values too large for it print like JavaScript numbers).
pub fn fixed(n: f64, p: usize) -> String {
    let p = p.min(15);
    let scale = 10f64.powi(p as i32);
    let r = (n.abs() * scale).round();
    if !r.is_finite() || r >= 9.007_199_254_740_992e15 {
        let mut t = String::new();
        write_f64(&mut t, n);
        return t;
    }
    let i = r as u64;
    let unit = 10u64.pow(p as u32);
    let sign = if n < 0.0 && i != 0 { "-" } else { "" };
    if p == 0 {
        return format!("{sign}{i}");
    }
    format!("{sign}{}.{:0p$}", i / unit, i % unit)
}

/// The row called `name` in `tables` (earlier tables win: overrides first).
pub fn find(tables: &[&'static [Row]], name: &str) -> Option<&'static Row> {
    // Length and first byte before the full compare: the parser asks this
    // for every one-segment name, and most are not helpers.
    let (len, first) = (name.len(), name.as_bytes().first());
    tables.iter().find_map(|t| t.iter().find(|r| r.name.len() == len && r.name.as_bytes().first() == first && r.name == name))
}
