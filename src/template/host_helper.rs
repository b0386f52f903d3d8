//! The seam for helpers the host defines (`TemplateOptions::helpers`): JS
//! functions in wasm (`src/wasm.rs`, the only file that knows `JsValue`,
//! implements [`HelperHost`] over them) and Rust closures natively
//! ([`NativeHelpers`]). Like handlebars-rust's `HelperDef` behind its
//! scripting helpers, the renderer treats a host helper like a built-in
//! row: resolved at compile time (`Callee::Host(index)`), called with its
//! evaluated arguments.
//!
//! Values cross as JSON text, built once per call: `[this, [args...],
//! {hash}, {data}]`; the host parses it into fresh plain values (a
//! `__proto__` key stays data), so a helper that mutates what it gets
//! changes its own copy, never the template's context. A block helper gets
//! a re-entry callback: `options.fn` / `options.inverse` render the body
//! or inverse in the renderer with a context (JSON text) and optional
//! `{data, blockParams}` (JSON text).

use serde_json::Value;

/// One call of a host helper.
#[derive(Debug, Clone, Copy)]
pub struct HostCall<'a> {
    /// Index in `TemplateOptions::helpers`.
    pub index: usize,
    /// The helper's name (`options.name`).
    pub name: &'a str,
    /// JSON text of `[this, [args...], {hash}, {data}, [undefined...]]`:
    /// the last lists the positions of arguments that are missing (sent as
    /// `null`, given to JS helpers as `undefined`).
    pub json: &'a str,
    /// Position of the call (`options.loc`).
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// Called as a block: `options.fn` and `options.inverse` exist.
    pub block: bool,
    /// Number of block params declared (`as |a b|`): `options.blockParams`.
    pub block_params: usize,
}

/// Which program a re-entry renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `options.fn`: the block's body.
    Body,
    /// `options.inverse`: its `{{else}}` part.
    Inverse,
}

/// Renders the block's body or inverse: `(program, context JSON text or
/// None for undefined, options JSON text {data, blockParams} or None)`. `Ok`
/// is the rendered text; `Err` is the error's JSON text (the renderer keeps
/// the error itself: if it propagates out of the helper the host answers
/// [`HostOut::Inner`]).
pub type Reenter<'r> = dyn FnMut(Program, Option<&str>, Option<&str>) -> Result<String, String> + 'r;

/// What a host helper gave back.
#[derive(Debug, Clone, PartialEq)]
pub enum HostOut {
    /// `undefined` or `null`: prints nothing.
    Nothing,
    /// A string, escaped in `{{ }}`.
    Text(String),
    /// A `SafeString`: written unescaped.
    Safe(String),
    /// Any other JSON-like value, as JSON text.
    Json(String),
    /// The value is not JSON-like (a function, Symbol, BigInt, a cycle):
    /// why.
    Bad(String),
    /// The helper threw: its message (the host keeps the thrown value as
    /// the error's `cause`).
    Threw(String),
    /// An error of a nested render (`options.fn`) propagated out of the
    /// helper unchanged: the renderer's kept error is the result.
    Inner,
}

/// Something that can run the template's host helpers.
pub trait HelperHost {
    /// Run helper `call.index`.
    fn call(&self, call: &HostCall<'_>, reenter: &mut Reenter<'_>) -> HostOut;

    /// Whether helper `index` may read `this` (when not, the current
    /// context is not converted for it: `this` is `null`).
    fn needs_this(&self, _index: usize) -> bool {
        true
    }
}

/// The context text `options.fn(this)` sends for "the `this` this helper
/// was given": the current context is used as is, without a round trip
/// (never valid JSON, so it cannot be confused with a context).
pub const SAME_CONTEXT: &str = "@this";

/// What a native helper gets: the values of a [`HostCall`], parsed.
pub struct NativeCall<'a, 'r> {
    /// The current context (`this`).
    pub this: Value,
    /// Positional arguments.
    pub args: Vec<Value>,
    /// Hash arguments.
    pub hash: Value,
    /// `@index`, `@key`, `@first`, `@last` of the nearest loop.
    pub data: Value,
    /// The call's description.
    pub call: &'a HostCall<'a>,
    reenter: &'a mut Reenter<'r>,
    /// A nested render failed: an `Err` of the helper is that error.
    failed: bool,
}

impl NativeCall<'_, '_> {
    /// `options.fn(ctx, opts)` (`program` Body) / `options.inverse`.
    pub fn render(&mut self, program: Program, ctx: Option<&Value>, opts: Option<&Value>) -> Result<String, String> {
        let ctx = ctx.map(Value::to_string);
        let opts = opts.map(Value::to_string);
        let out = (self.reenter)(program, ctx.as_deref(), opts.as_deref());
        self.failed |= out.is_err();
        out
    }
}

/// A native helper: the result as a [`HostOut`], or an error message
/// (reported as `helper_error`, like a JS helper that throws).
pub type NativeFn = Box<dyn Fn(&mut NativeCall<'_, '_>) -> Result<HostOut, String> + Send + Sync>;

/// Rust closures as host helpers, by index (the order of the names given
/// in `TemplateOptions::helpers`).
#[derive(Default)]
pub struct NativeHelpers {
    fns: Vec<NativeFn>,
}

impl NativeHelpers {
    /// No helpers.
    pub fn new() -> Self {
        NativeHelpers::default()
    }

    /// Add the next helper (index = number added before).
    pub fn helper(mut self, f: impl Fn(&mut NativeCall<'_, '_>) -> Result<HostOut, String> + Send + Sync + 'static) -> Self {
        self.fns.push(Box::new(f));
        self
    }
}

impl HelperHost for NativeHelpers {
    fn call(&self, call: &HostCall<'_>, reenter: &mut Reenter<'_>) -> HostOut {
        let Some(f) = self.fns.get(call.index) else {
            return HostOut::Threw(format!("no implementation for helper '{}'", call.name));
        };
        let parsed = super::ctx::parse(call.json.as_bytes(), "helper call").map_or(Value::Null, |c| c.to_value());
        let mut parts = match parsed {
            Value::Array(a) => a.into_iter(),
            _ => Vec::new().into_iter(),
        };
        let this = parts.next().unwrap_or(Value::Null);
        let args = match parts.next() {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        let hash = parts.next().unwrap_or(Value::Null);
        let data = parts.next().unwrap_or(Value::Null);
        let mut c = NativeCall { this, args, hash, data, call, reenter, failed: false };
        match f(&mut c) {
            Ok(out) => out,
            // The nested render's own error goes out unchanged (as a JS
            // helper that lets the error of `options.fn` propagate).
            Err(_) if c.failed => HostOut::Inner,
            Err(m) => HostOut::Threw(m),
        }
    }
}

/// The host used when none is given: every host helper fails.
pub struct NoHost;

impl HelperHost for NoHost {
    fn call(&self, call: &HostCall<'_>, _: &mut Reenter<'_>) -> HostOut {
        HostOut::Threw(format!("helper '{}' has no implementation in this call (render with its helpers)", call.name))
    }
}
