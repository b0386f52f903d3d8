//! The seam for helpers the host defines (`TemplateOptions::helpers`): JS
//! functions in wasm (`src/wasm.rs`, the only file that knows `JsValue`,
//! implements [`HelperHost`] over them) and Rust closures natively
//! ([`NativeHelpers`]). Like handlebars-rust's `HelperDef` behind its
//! scripting helpers, the renderer treats a host helper like a built-in
//! row: resolved at compile time (`Callee::Host(index)`), called with its
//! evaluated arguments.
//!
//! Values cross as JSON text, built once per call: `[this, [args...],
//! {hash}, [frame, loops], [undefined...]]`; the host parses it into fresh plain values (a
//! `__proto__` key stays data), so a helper that mutates what it gets
//! changes its own copy, never the template's context. A block helper gets
//! a re-entry callback: `options.fn` / `options.inverse` render the body
//! or inverse in the renderer with a context (JSON text), optional
//! `{blockParams}` (JSON text) and an optional data frame.
//!
//! Data frames (`options.data`, Handlebars.js's `@`-variables) live in the
//! host, which keeps each `data` object a helper passes to `options.fn`
//! for the time of that render (frame `n`; frame 0 is the render's root
//! data): the renderer only holds frame numbers, and asks the host for
//! `@name` inside such a frame ([`HelperHost::data_lookup`]). A frame can
//! hold the whole root context (`options.data.root`), so it never crosses
//! as JSON unless a template reads it.

use crate::json::Value;
use std::cell::RefCell;

/// One call of a host helper.
#[derive(Debug, Clone, Copy)]
pub struct HostCall<'a> {
    /// Index in `TemplateOptions::helpers`.
    pub index: usize,
    /// Instead of a helper: function `n` of the context (a JS context may
    /// hold functions; they are called as Handlebars.js does, `this` =
    /// the current context).
    pub func: Option<u32>,
    /// The helper's name (`options.name`).
    pub name: &'a str,
    /// JSON text of `[this, [args...], {hash}, [frame, [[index, key,
    /// first, last]...]], [undefined...]]`: `options.data` is host data
    /// frame `frame` (0: the root data) with the loops entered since, outer
    /// first, each a frame on top of the one before (as Handlebars.js's
    /// `each` does); the last lists the positions of arguments that are
    /// missing (sent as `null`, given to JS helpers as `undefined`). With
    /// `stringParams`, two more: `[types...]` and `{hashTypes}`.
    pub json: &'a str,
    /// Position of the call (`options.loc`).
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// Called as a block: `options.fn` and `options.inverse` exist.
    pub block: bool,
    /// Number of block params declared (`as |a b|`): `options.blockParams`.
    pub block_params: usize,
    /// `this` is the render's root context and the host holds it
    /// ([`HelperHost::has_root`]): the JSON `this` is `null`, the host
    /// uses its own object (no copy per call).
    pub root: bool,
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
/// None for undefined, options JSON text {blockParams} or None, the host
/// data frame the helper passed as `data`, if any)`. `Ok` is the rendered
/// text; `Err` is the error's JSON text (the renderer keeps the error
/// itself: if it propagates out of the helper the host answers
/// [`HostOut::Inner`]).
pub type Reenter<'r> = dyn FnMut(Program, Option<&str>, Option<&str>, Option<u32>) -> Result<String, String> + 'r;

/// A value looked up in a host data frame: `None` when it is undefined,
/// `Err` when it is not JSON-like (why).
pub type DataValue = Option<Result<String, String>>;

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

    /// Whether the host holds the render's root context itself (JS: the
    /// object given to `render`), so `this` at the root need not cross.
    fn has_root(&self) -> bool {
        false
    }

    /// Whether the context of this render holds functions (JS: each is a
    /// `{"\u0000fn": n}` marker the host resolves, see [`HostCall::func`]).
    fn has_functions(&self) -> bool {
        false
    }

    /// `@name.rest...` in host data frame `frame` after following its
    /// `_parent` `depth` times, as JSON text.
    fn data_lookup(&self, _frame: u32, _depth: u32, _name: &str, _rest: &[Box<str>]) -> DataValue {
        None
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
    /// `options.data`: the data frame the call sits in (the root data is
    /// `{}` natively) with the loops entered since as frames on top
    /// (`index`, `key`, `first`, `last`, `_parent`).
    pub data: Value,
    /// The call's description.
    pub call: &'a HostCall<'a>,
    reenter: &'a mut Reenter<'r>,
    frames: &'a RefCell<Vec<Value>>,
    /// A nested render failed: an `Err` of the helper is that error.
    failed: bool,
}

impl NativeCall<'_, '_> {
    /// `options.fn(ctx, opts)` (`program` Body) / `options.inverse`.
    /// `opts` is `{data, blockParams}`: `data` becomes a data frame for
    /// the time of this render.
    pub fn render(&mut self, program: Program, ctx: Option<&Value>, opts: Option<&Value>) -> Result<String, String> {
        let ctx = ctx.map(Value::to_string);
        let params = opts.and_then(|o| o.get("blockParams")).map(|p| crate::json::write::to_string(&crate::json::object([("blockParams", p.clone())])));
        let data = opts.and_then(|o| o.get("data")).filter(|d| !d.is_null()).cloned();
        let frame = data.map(|d| {
            let mut frames = self.frames.borrow_mut();
            frames.push(d);
            frames.len() as u32
        });
        let out = (self.reenter)(program, ctx.as_deref(), params.as_deref(), frame);
        if let Some(n) = frame {
            self.frames.borrow_mut().truncate(n as usize - 1);
        }
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
    /// Data frames given to `render` (frame `n` is entry `n - 1`).
    frames: RefCell<Vec<Value>>,
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

impl NativeHelpers {
    /// `options.data` from the call's `[frame, loops]`.
    fn data_of(&self, desc: Value) -> Value {
        let frame = desc.get(0).and_then(Value::as_u64).unwrap_or(0) as usize;
        let mut data = match frame.checked_sub(1) {
            Some(k) => self.frames.borrow().get(k).cloned().unwrap_or(Value::Null),
            None => Value::Object(crate::json::Map::new()),
        };
        for lp in desc.get(1).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
            let mut m = match &data {
                Value::Object(m) => m.clone(),
                _ => crate::json::Map::new(),
            };
            m.insert("_parent".into(), data);
            for (k, name) in ["index", "key", "first", "last"].iter().enumerate() {
                m.insert((*name).into(), lp.get(k).cloned().unwrap_or(Value::Null));
            }
            data = Value::Object(m);
        }
        data
    }
}

impl HelperHost for NativeHelpers {
    fn data_lookup(&self, frame: u32, depth: u32, name: &str, rest: &[Box<str>]) -> DataValue {
        let frames = self.frames.borrow();
        let mut v = frames.get((frame as usize).checked_sub(1)?)?;
        for _ in 0..depth {
            v = v.get("_parent")?;
        }
        v = v.get(name)?;
        for seg in rest {
            v = match v {
                Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
                _ => v.get(&**seg)?,
            };
        }
        Some(Ok(v.to_string()))
    }

    fn call(&self, call: &HostCall<'_>, reenter: &mut Reenter<'_>) -> HostOut {
        let Some(f) = self.fns.get(call.index).filter(|_| call.func.is_none()) else {
            return HostOut::Threw(format!("no implementation for helper '{}'", call.name));
        };
        let parsed = crate::json::parse(call.json.as_bytes(), "helper call").unwrap_or(Value::Null);
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
        let data = self.data_of(parts.next().unwrap_or(Value::Null));
        let mut c = NativeCall { this, args, hash, data, call, reenter, frames: &self.frames, failed: false };
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
