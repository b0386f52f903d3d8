//! Renders a compiled template into one `String`.
//!
//! Name resolution (see `TemplateOptions::dialect`):
//! * `@index @key @first @last` come from the nearest loop, `@root` is the
//!   context given to `render`.
//! * `this`, `.`, `./x`, `this.x` read the current context only; `../x` the
//!   enclosing one.
//! * A plain `a.b` first checks block params (`as |item|`), then walks the
//!   Mustache context stack from the innermost context outwards; the first
//!   context that has key `a` wins and `.b` is read from it. At the root:
//!   `Lookup::Plain` reads the root context; `Lookup::Courier` reads
//!   `profile.` `data.` `tenant.` `brand.` `urls.` `event.` `recipient.`
//!   paths from the root as written,
//!   and any other path from `data`, then `profile`, then the root (the
//!   first non-null hit). A name assigned by Courier's `set` wins over all.

use super::ast::{Block, BlockKind, Call, Callee, Expr, Node, Output, PartialCall, PartialName, Path, PathKind, Pos, LAMBDA};
use super::parser::Partial;
use super::ctx::{write_into, Ctx, Obj};
use super::escape::code_frame;
use super::dialect::Lookup;
use super::helpers::Args;
use super::host_helper::{HelperHost, HostCall, HostOut, Program};
use super::{Missing, TemplateOptions};
use crate::json::write::{append, to_string as json_text};
use std::cell::RefCell;
use crate::error::{ProfileError, Result};
use crate::json::Value;
use std::borrow::Cow;

/// Deepest nesting of blocks and partials while rendering.
pub const MAX_RENDER_DEPTH: u32 = 200;
/// Deepest partial recursion.
pub const MAX_PARTIAL_DEPTH: u32 = 32;
/// Deepest nesting of host (JS) helper blocks being rendered through
/// `options.fn`/`options.inverse`: each level also costs host stack frames
/// (JS and the helper's own), so the limit is lower than for plain blocks.
pub const MAX_HOST_DEPTH: u32 = 32;
/// Most nodes/iterations one render may visit (guards against loops
/// nested over large arrays that print nothing).
pub const MAX_STEPS: u64 = 20_000_000;

/// Steps one copied value costs: copying allocates (keys, strings, maps),
/// measured ~25× a plain render step, so copies spend the budget at about
/// the same time rate as loops do.
const COPY_STEPS_PER_VALUE: u64 = 16;
/// Bytes of string copied per step.
const COPY_BYTES_PER_STEP: usize = 16;

/// Steps a helper-argument copy of `v` costs: [`COPY_STEPS_PER_VALUE`] per
/// value plus one per [`COPY_BYTES_PER_STEP`] bytes of strings and keys.
/// Stops counting past `budget` (the caller fails then, without walking the
/// rest).
fn copy_cost(v: &Ctx<'_>, budget: u64) -> u64 {
    let bytes = |n: usize| (n / COPY_BYTES_PER_STEP) as u64;
    let mut n = COPY_STEPS_PER_VALUE;
    match v {
        Ctx::Str(s) => n += bytes(s.len()),
        Ctx::Arr(items) => {
            for x in items {
                if n > budget {
                    break;
                }
                n += copy_cost(x, budget - n);
            }
        }
        Ctx::Obj(m) => {
            for (k, x) in m {
                if n > budget {
                    break;
                }
                n += bytes(k.len()) + copy_cost(x, budget - n);
            }
        }
        _ => {}
    }
    n
}

/// Root names looked up as written in `courier` mode.
pub const COURIER_ROOTS: [&str; 7] = ["profile", "data", "tenant", "brand", "urls", "event", "recipient"];

#[derive(Clone, Copy)]
struct Loop<'a> {
    index: usize,
    key: Option<&'a str>,
    first: bool,
    last: bool,
}

/// One context on the stack.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    value: &'a Ctx<'a>,
    parent: Option<&'a Scope<'a>>,
    lp: Option<Loop<'a>>,
    names: &'a [Box<str>],
    vals: [Option<&'a Ctx<'a>>; 2],
    /// A host data frame (the `data` a helper gave `options.fn`): the
    /// whole `@`-data from here inwards, until a loop adds a level.
    frame: Option<u32>,
}

impl<'a> Scope<'a> {
    /// The root scope.
    pub fn root(value: &'a Ctx<'a>) -> Self {
        Scope { value, parent: None, lp: None, names: &[], vals: [None, None], frame: None }
    }

    fn child(&'a self, value: &'a Ctx<'a>) -> Scope<'a> {
        Scope { value, parent: Some(self), lp: None, names: &[], vals: [None, None], frame: None }
    }
}

fn num(n: usize) -> Ctx<'static> {
    Ctx::Num(super::ctx::Num::from_u64(n as u64))
}

fn get<'b, 'a>(v: &'b Ctx<'a>, seg: &str) -> Option<Cow<'b, Ctx<'a>>> {
    match v {
        Ctx::Obj(m) => m.get(seg).map(Cow::Borrowed),
        Ctx::Arr(items) => match seg.parse::<usize>() {
            Ok(i) => items.get(i).map(Cow::Borrowed),
            Err(_) if seg == "length" => Some(Cow::Owned(num(items.len()))),
            Err(_) => None,
        },
        Ctx::Str(s) if seg == "length" => Some(Cow::Owned(num(s.chars().count()))),
        _ => None,
    }
}

/// Follow `segs` from `cur`.
pub fn descend<'a>(cur: Cow<'a, Ctx<'a>>, segs: &[Box<str>]) -> Option<Cow<'a, Ctx<'a>>> {
    let mut v = match cur {
        Cow::Borrowed(v) => v,
        Cow::Owned(v) => return descend_owned(v, segs),
    };
    // Borrowed all the way down unless a segment yields a computed value
    // (`length`).
    for (i, seg) in segs.iter().enumerate() {
        v = match v {
            Ctx::Obj(m) => m.get(seg)?,
            _ => match get(v, seg)? {
                Cow::Borrowed(x) => x,
                Cow::Owned(x) => return descend_owned(x, segs.get(i + 1..).unwrap_or(&[])),
            },
        };
    }
    Some(Cow::Borrowed(v))
}

fn descend_owned<'a>(mut cur: Ctx<'a>, segs: &[Box<str>]) -> Option<Cow<'a, Ctx<'a>>> {
    for seg in segs {
        cur = get(&cur, seg)?.into_owned();
    }
    Some(Cow::Owned(cur))
}

/// Resolve `segs` (a plain path) against the root context.
pub fn root_lookup<'a>(root: &'a Ctx<'a>, segs: &[Box<str>], lookup: Lookup) -> Option<Cow<'a, Ctx<'a>>> {
    let first = segs.first()?;
    if lookup.reads_as_written(first) {
        return descend(Cow::Borrowed(root), segs);
    }
    let field = |k: &str| match get(root, k) {
        Some(Cow::Borrowed(v)) => Some(v),
        _ => None,
    };
    for base in [field("data"), field("profile"), Some(root)].into_iter().flatten() {
        if let Some(v) = descend(Cow::Borrowed(base), segs) {
            if !v.is_null() {
                return Some(v);
            }
        }
    }
    None
}

/// Renderer state for one `render` call.
pub struct Renderer<'t> {
    /// Options.
    pub opts: &'t TemplateOptions,
    /// Compiled partials (file variants and inline partials).
    pub partials: &'t [Partial],
    /// Sources: `[main, partial variants...]` (for error frames).
    pub sources: &'t [(String, Box<str>)],
    /// Output.
    pub out: String,
    source: usize,
    pos: Pos,
    steps: u64,
    depth: u32,
    partial_depth: u32,
    lookup: Lookup,
    /// Variables assigned by `set` (Courier), consulted before any lookup.
    vars: RefCell<Vec<(String, Value)>>,
    /// Inline partials in scope, innermost last: (name, index in
    /// `partials`, how much of this stack its own body sees).
    inline: Vec<(&'t str, usize, usize)>,
    /// Partial blocks being rendered (see [`BlockFrame`]).
    blocks: Vec<BlockFrame<'t>>,
    /// The frame `{{> @partial-block}}` renders now.
    cur_block: Option<usize>,
    /// Runs the template's host (JS) helpers.
    host: &'t dyn HelperHost,
    /// The error of a failed `options.fn` render, kept while it travels
    /// through the helper (see `HostOut::Inner`).
    inner_err: Option<ProfileError>,
    /// Nesting of `options.fn` renders (see [`MAX_HOST_DEPTH`]).
    host_depth: u32,
    /// The render's `data` (Handlebars.js's runtime option): `@name` at
    /// the root level.
    data: Option<&'t Ctx<'t>>,
    /// A value read from a host data frame was not JSON-like: the error,
    /// raised at the next node (lookups cannot fail).
    deferred: RefCell<Option<ProfileError>>,
    /// Whether `deferred` is set (checked per node).
    has_deferred: std::cell::Cell<bool>,
    /// The host's `helperMissing`, if it has one.
    helper_missing: Option<u32>,
    /// The context holds functions (see `HelperHost::has_functions`).
    lambdas: bool,
}

/// What [`Renderer::run_host`] calls: helper `index`, or function `func`
/// of the context.
struct HostTarget<'n> {
    index: u32,
    func: Option<u32>,
    name: &'n str,
    pos: Pos,
}

/// The function number of a `{"\u0000fn": n}` marker (see
/// `HostCall::func`).
fn fn_id(v: &Ctx<'_>) -> Option<u32> {
    match v {
        Ctx::Obj(m) if m.len() == 1 => {
            let (k, n) = m.first()?;
            if &**k != "\u{0}fn" {
                return None;
            }
            n.to_value().as_u64().and_then(|n| u32::try_from(n).ok())
        }
        _ => None,
    }
}

/// A partial block `{{#> name}}body{{/name}}` being rendered: its body is
/// rendered lazily by `{{> @partial-block}}`, in the scope where that tag
/// appears, with the source and the `@partial-block` of the place the body
/// was written (`outer`), as Handlebars.js does.
#[derive(Clone, Copy)]
struct BlockFrame<'t> {
    body: &'t [Node],
    source: usize,
    outer: Option<usize>,
}

/// What a partial tag renders.
struct Target<'t> {
    nodes: &'t [Node],
    source: usize,
    /// The `@partial-block` while rendering it.
    block: Option<usize>,
    /// How much of the inline-partial stack it sees (an inline partial
    /// defined in a partial block's body does not see that body's other
    /// inline partials, nor itself, as in Handlebars.js).
    visible: usize,
}

fn is_missing(v: &Option<Cow<'_, Ctx<'_>>>) -> bool {
    match v {
        None => true,
        Some(v) => v.is_null(),
    }
}

impl<'t> Renderer<'t> {
    /// A renderer writing into a fresh buffer.
    /// `hint` is the expected output size (0: guess from the source).
    pub fn new(
        opts: &'t TemplateOptions,
        partials: &'t [Partial],
        sources: &'t [(String, Box<str>)],
        hint: usize,
        host: &'t dyn HelperHost,
        data: Option<&'t Ctx<'t>>,
    ) -> Self {
        let guess = if hint > 0 { hint } else { sources.first().map_or(0, |s| s.1.len()).saturating_mul(2) };
        let cap = guess.min(opts.max_output_bytes).min(1 << 20);
        Renderer {
            opts,
            partials,
            sources,
            out: String::with_capacity(cap),
            source: 0,
            pos: Pos { line: 1, column: 1 },
            steps: 0,
            depth: 0,
            partial_depth: 0,
            lookup: match opts.dialect.lookup {
                Lookup::Current if opts.compat => Lookup::Plain,
                other => other,
            },
            vars: RefCell::new(Vec::new()),
            inline: Vec::new(),
            blocks: Vec::new(),
            cur_block: None,
            host,
            inner_err: None,
            host_depth: 0,
            data,
            deferred: RefCell::new(None),
            has_deferred: std::cell::Cell::new(false),
            helper_missing: super::expr::host_index(&opts.helpers, "helperMissing"),
            lambdas: host.has_functions(),
        }
    }

    /// Steps taken so far (the work counted against [`MAX_STEPS`]).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// An error at `pos` in the current source, with a code frame.
    fn err(&self, code: &str, message: &str, pos: Pos) -> ProfileError {
        let (name, src) = self.sources.get(self.source).map_or(("", ""), |(n, s)| (n.as_str(), &**s));
        let message = if self.source == 0 { message.to_string() } else { format!("In partial '{name}': {message}") };
        ProfileError::template(code, code_frame(src, &message, pos.line, pos.column), pos.line, pos.column)
    }

    #[inline(always)]
    fn write_str(&mut self, s: &str) -> Result<()> {
        self.reserve(s.len())?;
        append(&mut self.out, s);
        Ok(())
    }

    /// Make room for `n` more bytes before writing them: over
    /// `maxOutputBytes` is `limit_exceeded` (nothing written), and an
    /// allocator that cannot grow the buffer is `out_of_memory` instead of
    /// an abort (which traps and kills the wasm instance).
    #[inline(always)]
    fn reserve(&mut self, n: usize) -> Result<()> {
        let over = n > self.opts.max_output_bytes.saturating_sub(self.out.len());
        if over || (self.out.capacity() - self.out.len() < n && self.out.try_reserve(n).is_err()) {
            return Err(self.output_error(over, n));
        }
        Ok(())
    }

    /// Write a value: its unescaped size is reserved (and checked against
    /// the limit) first; escaping can only add to it, checked after.
    fn write_value(&mut self, v: &Ctx<'_>, escape: bool) -> Result<()> {
        if let Ctx::Str(s) = v {
            self.reserve(s.len())?;
        }
        write_into(&mut self.out, v, escape);
        self.check_size()
    }

    #[inline(always)]
    fn check_size(&self) -> Result<()> {
        if self.out.len() > self.opts.max_output_bytes {
            return Err(self.output_error(true, 0));
        }
        Ok(())
    }

    /// The error of a failed [`reserve`](Self::reserve) / size check. Out
    /// of line: the checks are inlined into the recursive render functions,
    /// whose stack frames must stay small (deep templates, debug builds).
    #[cold]
    #[inline(never)]
    fn output_error(&self, over_limit: bool, n: usize) -> ProfileError {
        if over_limit {
            let msg = format!("Output is larger than maxOutputBytes ({} bytes)", self.opts.max_output_bytes);
            return self.err("limit_exceeded", &msg, self.pos);
        }
        let msg = format!("Out of memory growing the output to {} bytes", self.out.len().saturating_add(n));
        self.err("out_of_memory", &msg, self.pos)
    }

    #[inline(always)]
    fn step(&mut self) -> Result<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(self.err("limit_exceeded", "Template does too much work (too many iterations)", self.pos));
        }
        Ok(())
    }

    /// Render `nodes` in `scope`.
    pub fn nodes(&mut self, nodes: &'t [Node], scope: &Scope<'_>) -> Result<()> {
        // Inline partials defined in this program are in scope until its end.
        let mark = self.inline.len();
        for node in nodes {
            self.step()?;
            if self.has_deferred.get() {
                return Err(self.take_deferred());
            }
            match node {
                Node::Text(t) => self.write_str(t)?,
                Node::Out(o) => self.output(o, scope)?,
                Node::Block(b) => self.block(b, scope)?,
                Node::Partial(p) => self.partial(p, scope)?,
                Node::Inline(defs) => {
                    // A program's inline partials see each other (and
                    // themselves) while it runs.
                    let end = self.inline.len() + defs.len();
                    self.inline.extend(defs.iter().map(|(n, k)| (&**n, *k, end)));
                }
            }
        }
        self.inline.truncate(mark);
        Ok(())
    }

    /// The host's `helperMissing` for `{{p}}` with `p` missing: a one-name
    /// path (Handlebars.js's "simple" id, not a block param), when missing
    /// values print nothing (strict mode never calls it, as Handlebars.js).
    fn ambiguous_missing(&self, p: &Path) -> Option<u32> {
        let k = self.helper_missing?;
        let simple = p.kind == PathKind::Normal && p.depth == 0 && p.segs.len() == 1;
        (simple && self.opts.missing == Missing::Empty).then_some(k)
    }

    /// Look a path up.
    pub fn resolve<'a>(&self, path: &Path, scope: &'a Scope<'a>) -> Option<Cow<'a, Ctx<'a>>> {
        let found = self.lookup_path(path, scope);
        if found.is_none() && self.opts.assume_objects && path.segs.len() > 1 {
            self.assumed_objects(path, scope);
        }
        found
    }

    /// Handlebars.js's `assumeObjects`: a missing or null value before the
    /// last segment of a path is an error (JavaScript's TypeError there).
    #[cold]
    fn assumed_objects(&self, path: &Path, scope: &Scope<'_>) {
        for k in 1..path.segs.len() {
            let prefix = Path { segs: path.segs.get(..k).unwrap_or(&[]).to_vec(), ..path.clone() };
            if self.lookup_path(&prefix, scope).is_none_or(|v| v.is_null()) {
                let seg = path.segs.get(k).map_or("", |s| &**s);
                let msg = format!("Cannot read properties of undefined (reading '{seg}'): '{}' is missing (assumeObjects)", path.text);
                self.defer(self.err("missing_variable", &msg, path.pos));
                return;
            }
        }
    }

    fn lookup_path<'a>(&self, path: &Path, scope: &'a Scope<'a>) -> Option<Cow<'a, Ctx<'a>>> {
        match path.kind {
            PathKind::Data => {
                let (name, rest) = path.segs.split_first()?;
                if &**name == "partial-block" {
                    // `{{#if @partial-block}}`: whether the partial was called as a block.
                    return self.cur_block.map(|_| Cow::Owned(Ctx::Bool(true)));
                }
                match self.data_path(name, rest, path.depth, scope) {
                    // `@prerenderedX`, stored by Courier's `prerender`.
                    None if path.depth == 0 => self.set_var(path).flatten(),
                    found => found,
                }
            }
            PathKind::Root => self.root_path(&path.segs, scope),
            PathKind::Normal => match self.set_var(path) {
                Some(v) => v,
                None => resolve(path, scope, self.lookup),
            },
            PathKind::Local => resolve(path, scope, self.lookup),
        }
    }

    /// `@name.rest` with `depth` leading `../` (Handlebars.js's data
    /// frames: `../` is the frame's `_parent`). A loop is a frame holding
    /// `index key first last` on top of the one outside it (other names
    /// read through); a host frame is the whole data of its level; the
    /// root level is the render's `data` plus `root` (the root context),
    /// whose `_parent` is that `data`.
    fn data_path<'a>(&self, name: &str, rest: &[Box<str>], depth: u32, scope: &'a Scope<'a>) -> Option<Cow<'a, Ctx<'a>>> {
        let mut skip = depth;
        let mut s = scope;
        loop {
            if let Some(id) = s.frame {
                return self.host_data(id, skip, name, rest);
            }
            if let Some(lp) = s.lp {
                if skip == 0 {
                    let v = match name {
                        "index" => num(lp.index),
                        "key" => lp.key.map_or_else(|| num(lp.index), |k| Ctx::Str(Cow::Borrowed(k))),
                        "first" => Ctx::Bool(lp.first),
                        "last" => Ctx::Bool(lp.last),
                        _ => Ctx::Null,
                    };
                    if !v.is_null() {
                        return descend(Cow::Owned(v), rest);
                    }
                } else {
                    skip -= 1;
                }
            }
            match s.parent {
                Some(p) => s = p,
                None => break,
            }
        }
        let data = self.data?;
        let has_root = get(data, "root").is_some();
        if skip == 0 && name == "root" && !has_root {
            return descend(Cow::Borrowed(s.value), rest);
        }
        // The root level is `data` itself when it has `root`, else a frame
        // over it (so one `../` up is `data`).
        let mut cur = Some(data);
        let mut up = if has_root { skip } else { skip.saturating_sub(1) };
        if skip > 0 || has_root {
            while up > 0 {
                cur = cur.and_then(|c| match get(c, "_parent") {
                    Some(Cow::Borrowed(p)) => Some(p),
                    _ => None,
                });
                up -= 1;
            }
        }
        let v = descend(get(cur?, name)?, rest)?;
        Some(Cow::Owned(Ctx::owned(v.to_value())))
    }

    /// `@root.segs`: the `root` of the nearest host data frame, else the
    /// render data's `root`, else the root context.
    fn root_path<'a>(&self, segs: &[Box<str>], scope: &'a Scope<'a>) -> Option<Cow<'a, Ctx<'a>>> {
        let mut s = scope;
        loop {
            if let Some(id) = s.frame {
                return self.host_data(id, 0, "root", segs);
            }
            match s.parent {
                Some(p) => s = p,
                None => break,
            }
        }
        if let Some(root) = self.data.and_then(|d| get(d, "root")) {
            return descend(root, segs).map(|v| Cow::Owned(Ctx::owned(v.to_value())));
        }
        descend(Cow::Borrowed(s.value), segs)
    }

    /// A value of host data frame `id` (see [`HelperHost::data_lookup`]).
    #[inline(never)]
    fn host_data<'a>(&self, id: u32, depth: u32, name: &str, rest: &[Box<str>]) -> Option<Cow<'a, Ctx<'a>>> {
        match self.host.data_lookup(id, depth, name, rest)? {
            Ok(json) => match super::ctx::parse(json.as_bytes(), "data") {
                Ok(v) => Some(Cow::Owned(Ctx::owned(v.to_value()))),
                Err(e) => {
                    self.defer(e);
                    None
                }
            },
            Err(m) => {
                let e = self.err("helper_error", &format!("@{name}: a data value that is not JSON-like ({m})"), self.pos);
                self.defer(e);
                None
            }
        }
    }

    fn defer(&self, e: ProfileError) {
        if let Ok(mut d) = self.deferred.try_borrow_mut() {
            d.get_or_insert(e);
            self.has_deferred.set(true);
        }
    }

    /// The error deferred by the last lookups of a render (one the node
    /// loop has not reached again to report).
    pub fn pending(&self) -> Result<()> {
        if self.has_deferred.get() {
            return Err(self.take_deferred());
        }
        Ok(())
    }

    #[cold]
    fn take_deferred(&self) -> ProfileError {
        self.has_deferred.set(false);
        let e = self.deferred.try_borrow_mut().ok().and_then(|mut d| d.take());
        e.unwrap_or_else(|| self.err("helper_error", "a data value could not be read", self.pos))
    }

    /// A path starting at a name assigned by `set`, or a `@name` stored by
    /// `prerender` (`Some(None)`: such a name whose rest is missing).
    #[inline]
    fn set_var<'a>(&self, path: &Path) -> Option<Option<Cow<'a, Ctx<'a>>>> {
        let vars = self.vars.try_borrow().ok()?;
        if vars.is_empty() {
            return None;
        }
        let (first, rest) = path.segs.split_first()?;
        let data = path.kind == PathKind::Data;
        let (_, v) = vars.iter().find(|(k, _)| match k.strip_prefix('@') {
            Some(name) => data && name == &**first,
            None => !data && k.as_str() == &**first,
        })?;
        let ctx = Ctx::owned(v.clone());
        Some(descend(Cow::Owned(ctx), rest).map(|c| Cow::Owned(c.into_owned())))
    }

    fn output(&mut self, o: &'t Output, scope: &Scope<'_>) -> Result<()> {
        self.pos = o.pos;
        let escape = o.escape && self.opts.escape_html;
        match &o.expr {
            Expr::Path(p) => {
                let v = self.resolve(p, scope);
                if self.lambdas {
                    if let Some(id) = v.as_deref().and_then(fn_id) {
                        let (v, safe) = self.call_function(id, &p.text, p.pos, scope, None)?;
                        return self.write_value(&Ctx::owned(v), escape && !safe);
                    }
                }
                if is_missing(&v) {
                    if let Some(k) = self.ambiguous_missing(p) {
                        // Handlebars.js: `{{name}}` that is neither a helper
                        // nor a value calls `helperMissing(options)`.
                        let call = Call { callee: Callee::Host(k), args: Vec::new(), hash: Vec::new(), pos: p.pos, name: Some(p.text.clone()) };
                        let (v, safe) = self.host_call(&call, scope, None)?;
                        return self.write_value(&Ctx::owned(v), escape && !safe);
                    }
                    return match self.opts.missing {
                        Missing::Empty => Ok(()),
                        Missing::Keep => {
                            let src = self.sources.get(self.source).map_or("", |s| &*s.1);
                            let raw = src.get(o.raw.0 as usize..o.raw.1 as usize).unwrap_or("");
                            self.write_str(raw)
                        }
                        Missing::Error => Err(self.err(
                            "missing_variable",
                            &format!("Missing variable '{}'", p.text),
                            p.pos,
                        )),
                    };
                }
                match v {
                    Some(v) => self.write_value(&v, escape),
                    None => Ok(()),
                }
            }
            Expr::Lit(v) => self.write_value(&Ctx::scalar(v), escape),
            Expr::Call(c) => {
                let (v, safe) = match c.callee {
                    Callee::Row(row) => (self.call(c, scope)?, row.safe),
                    Callee::Host(_) => self.host_call(c, scope, None)?,
                };
                self.write_value(&Ctx::owned(v), escape && !safe)
            }
        }
    }

    fn eval<'a>(&mut self, e: &'a Expr, scope: &'a Scope<'a>) -> Result<Option<Cow<'a, Ctx<'a>>>> {
        Ok(match e {
            Expr::Path(p) => {
                let v = self.resolve(p, scope);
                if self.lambdas {
                    return self.value_of(p, v, scope);
                }
                v
            }
            Expr::Lit(v) => Some(Cow::Owned(Ctx::scalar(v))),
            Expr::Call(c) => Some(Cow::Owned(Ctx::owned(self.call(c, scope)?))),
        })
    }

    /// A helper argument as a `Value` (missing -> `null`).
    fn arg<'e>(&mut self, e: &'e Expr, scope: &Scope<'_>) -> Result<Cow<'e, Value>> {
        Ok(match e {
            Expr::Lit(v) => Cow::Borrowed(v),
            Expr::Path(p) => Cow::Owned(self.path_arg(p, scope)?),
            Expr::Call(c) => Cow::Owned(self.call(c, scope)?),
        })
    }

    /// A path argument's value (missing -> `null`); out of line to keep
    /// the recursive `arg`/`call` frames small.
    #[inline(never)]
    fn path_arg(&mut self, p: &Path, scope: &Scope<'_>) -> Result<Value> {
        let v = self.resolve(p, scope);
        let v = if self.lambdas { self.value_of(p, v, scope)? } else { v };
        match v {
            Some(v) => self.copy(&v),
            None => Ok(Value::Null),
        }
    }

    /// A `Value` copy of a context value, its size charged to the step
    /// budget first: a helper called in a loop over a large argument would
    /// otherwise copy it once per iteration, uncounted (quadratic time).
    fn copy(&mut self, v: &Ctx<'_>) -> Result<Value> {
        self.charge(v)?;
        Ok(v.to_value())
    }

    /// Charge the copy of `v` to the step budget (see [`copy`](Self::copy)).
    fn charge(&mut self, v: &Ctx<'_>) -> Result<()> {
        if matches!(v, Ctx::Arr(_) | Ctx::Obj(_)) || matches!(v, Ctx::Str(s) if s.len() > COPY_BYTES_PER_STEP) {
            let left = MAX_STEPS.saturating_sub(self.steps);
            self.steps += copy_cost(v, left);
            if self.steps > MAX_STEPS {
                return Err(self.err("limit_exceeded", "Template does too much work (helper arguments too large)", self.pos));
            }
        }
        Ok(())
    }

    /// `lookup obj key` with `obj` a path: looked up in the context itself,
    /// so only the member found is copied, not the whole object per call.
    fn lookup_in_place(&mut self, c: &Call, obj: &Path, scope: &Scope<'_>) -> Result<Value> {
        let key = match c.args.get(1) {
            Some(e) => self.arg(e, scope)?,
            None => Cow::Owned(Value::Null),
        };
        let Some(obj) = self.resolve(obj, scope) else { return Ok(Value::Null) };
        let found = match (&*obj, &*key) {
            (Ctx::Obj(m), k) => m.get(&super::escape::to_string(k)),
            (Ctx::Arr(items), Value::Number(n)) => n.as_u64().and_then(|i| items.get(i as usize)),
            (Ctx::Arr(items), Value::String(k)) => k.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match found {
            Some(v) => self.copy(v),
            None => Ok(Value::Null),
        }
    }

    fn call(&mut self, c: &Call, scope: &Scope<'_>) -> Result<Value> {
        self.call_with(c, scope, None)
    }

    /// Call `c`'s helper; `first` (a block's rendered body) goes before
    /// the written arguments.
    fn call_with(&mut self, c: &Call, scope: &Scope<'_>, first: Option<Value>) -> Result<Value> {
        let row = match c.callee {
            Callee::Row(row) => row,
            Callee::Host(_) => return Ok(self.host_call(c, scope, None)?.0),
        };
        self.step()?;
        if let (None, "lookup", Some(Expr::Path(obj))) = (&first, row.name, c.args.first()) {
            if c.hash.is_empty() {
                return self.lookup_in_place(c, obj, scope);
            }
        }
        let mut vals: Vec<Cow<'_, Value>> = Vec::with_capacity(c.args.len() + 1);
        if let Some(v) = first {
            vals.push(Cow::Owned(v));
        }
        for a in &c.args {
            vals.push(self.arg(a, scope)?);
        }
        let mut hash: Vec<(&str, Cow<'_, Value>)> = Vec::new();
        for (k, e) in &c.hash {
            hash.push((&**k, self.arg(e, scope)?));
        }
        let path = match c.args.first() {
            Some(Expr::Path(p)) => Some(&*p.text),
            _ => None,
        };
        // Values a helper looks up by path text (`var`, `path`) are copied
        // too: their size is charged after the call.
        let charged = std::cell::Cell::new(0u64);
        let left = MAX_STEPS.saturating_sub(self.steps);
        let lookup = |text: &str| {
            let json = || super::expr::jsonpath(text).map(|(kind, segs)| Path { kind, depth: 0, segs, text: text.into(), pos: c.pos });
            let p = if text.starts_with('$') { json() } else { super::parse_path_text(text).or_else(json) }?;
            let v = self.resolve(&p, scope)?;
            charged.set(charged.get().saturating_add(copy_cost(&v, left.saturating_sub(charged.get()))));
            Some(v.to_value())
        };
        let args = Args { vals: &vals, hash: &hash, path, lookup: &lookup, name: row.name, vars: &self.vars };
        let out = (row.f)(&args).map_err(|m| self.err(row.err_code, &m, c.pos));
        self.steps = self.steps.saturating_add(charged.get());
        if self.steps > MAX_STEPS {
            return Err(self.err("limit_exceeded", "Template does too much work (helper arguments too large)", self.pos));
        }
        out
    }

    /// Call a host (JS) helper: `(value, safe)`. Its arguments, `this` and
    /// `@data` cross once as JSON text (copies charged to the step budget);
    /// `block` gives it `options.fn`/`options.inverse`.
    fn host_call(&mut self, c: &Call, scope: &Scope<'_>, block: Option<&'t Block>) -> Result<(Value, bool)> {
        self.step()?;
        let Callee::Host(k) = c.callee else { return Ok((Value::Null, false)) };
        if k == LAMBDA {
            return self.lambda_call(c, scope, block);
        }
        let needs_this = self.host.needs_this(k as usize);
        if self.opts.string_params {
            let this = self.this_of(scope, needs_this)?;
            return self.host_call_string_params(c, scope, block, this);
        }
        // The call's JSON (see `HostCall::json`) written straight from the
        // context values: no `Value` copies, no serializer.
        let mut json = String::with_capacity(96);
        json.push('[');
        if needs_this && !(scope.parent.is_none() && self.host.has_root()) {
            self.charge(scope.value)?;
            json_into(&mut json, scope.value);
        } else {
            json.push_str("null");
        }
        json.push_str(",[");
        // Positions of missing path arguments: the helper gets `undefined`
        // there (JSON has no undefined), as in Handlebars.js.
        let mut undefined = Vec::new();
        for (i, a) in c.args.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            match a {
                Expr::Path(p) => match self.resolve(p, scope) {
                    Some(v) => {
                        self.charge(&v)?;
                        json_into(&mut json, &v);
                    }
                    None => {
                        undefined.push(i);
                        json.push_str("null");
                    }
                },
                _ => {
                    let v = self.arg(a, scope)?;
                    json_into(&mut json, &Ctx::borrow(&v));
                }
            }
        }
        json.push_str("],{");
        for (i, (key, e)) in c.hash.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            crate::json::write::write_str(&mut json, key);
            json.push(':');
            let v = self.arg(e, scope)?;
            json_into(&mut json, &Ctx::borrow(&v));
        }
        json.push_str("},");
        data_into(&mut json, scope);
        json.push_str(",[");
        for (n, i) in undefined.iter().enumerate() {
            if n > 0 {
                json.push(',');
            }
            json.push_str(&i.to_string());
        }
        json.push_str("]]");
        self.host_call_json(c, scope, block, k, json)
    }

    /// `(name)` over a value ([`LAMBDA`]): a function there is called,
    /// anything else is the result.
    #[inline(never)]
    fn lambda_call(&mut self, c: &Call, scope: &Scope<'_>, block: Option<&'t Block>) -> Result<(Value, bool)> {
        let Some(Expr::Path(p)) = c.args.first() else { return Ok((Value::Null, false)) };
        let v = self.resolve(p, scope);
        match v.as_deref().and_then(fn_id) {
            Some(id) => self.call_function(id, &p.text, c.pos, scope, block),
            None => Ok((
                match v {
                    Some(v) => self.copy(&v)?,
                    None => Value::Null,
                },
                false,
            )),
        }
    }

    /// Call function `id` of the context (see `HostCall::func`) with
    /// `this` = the current context and only `options`, as Handlebars.js
    /// calls a function it finds where it expects a value.
    #[inline(never)]
    fn call_function(&mut self, id: u32, name: &str, pos: Pos, scope: &Scope<'_>, block: Option<&'t Block>) -> Result<(Value, bool)> {
        self.step()?;
        let this = self.this_of(scope, true)?;
        let parts = vec![this, Value::Array(Vec::new()), Value::Object(crate::json::Map::new()), data_of(scope), Value::Array(Vec::new())];
        self.run_host(HostTarget { index: 0, func: Some(id), name, pos }, scope, block, json_text(&Value::Array(parts)))
    }

    /// `this` for a host call as JSON: `null` when not needed, or when it
    /// is the root context the host holds itself (`HostCall::root`).
    fn this_of(&mut self, scope: &Scope<'_>, needed: bool) -> Result<Value> {
        if !needed || (scope.parent.is_none() && self.host.has_root()) {
            return Ok(Value::Null);
        }
        self.copy(scope.value)
    }

    /// A path's value where a value is expected: a function (in a JS
    /// context) is called first.
    fn value_of<'a>(&mut self, p: &Path, v: Option<Cow<'a, Ctx<'a>>>, scope: &Scope<'_>) -> Result<Option<Cow<'a, Ctx<'a>>>> {
        match v.as_deref().and_then(fn_id) {
            Some(id) if self.lambdas => {
                let (out, _) = self.call_function(id, &p.text, p.pos, scope, None)?;
                Ok(Some(Cow::Owned(Ctx::owned(out))))
            }
            _ => Ok(v),
        }
    }

    /// [`host_call`](Self::host_call) in Handlebars.js's `stringParams`
    /// mode: a path argument is its name (`../a/b` -> `"a.b"`), others
    /// their value; `options.types` / `options.hashTypes` say which.
    #[inline(never)]
    fn host_call_string_params(&mut self, c: &Call, scope: &Scope<'_>, block: Option<&'t Block>, this: Value) -> Result<(Value, bool)> {
        let Callee::Host(k) = c.callee else { return Ok((Value::Null, false)) };
        let param = |this: &mut Self, e: &Expr| -> Result<(Value, &'static str)> {
            Ok(match e {
                Expr::Path(p) => {
                    let mut t: &str = &p.text;
                    while let Some(rest) = t.strip_prefix("./").or_else(|| t.strip_prefix("../")) {
                        t = rest;
                    }
                    (Value::String(t.replace('/', ".")), "PathExpression")
                }
                Expr::Lit(v) => (
                    v.clone(),
                    match v {
                        Value::String(_) => "StringLiteral",
                        Value::Number(_) => "NumberLiteral",
                        Value::Bool(_) => "BooleanLiteral",
                        _ => "NullLiteral",
                    },
                ),
                Expr::Call(_) => (this.arg(e, scope)?.into_owned(), "SubExpression"),
            })
        };
        let (mut args, mut types) = (Vec::new(), Vec::new());
        for a in &c.args {
            let (v, t) = param(self, a)?;
            args.push(v);
            types.push(Value::from(t));
        }
        let (mut hash, mut hash_types) = (crate::json::Map::new(), crate::json::Map::new());
        for (key, e) in &c.hash {
            let (v, t) = param(self, e)?;
            hash.insert(key.to_string(), v);
            hash_types.insert(key.to_string(), Value::from(t));
        }
        let parts = vec![
            this,
            Value::Array(args),
            Value::Object(hash),
            data_of(scope),
            Value::Array(Vec::new()),
            Value::Array(types),
            Value::Object(hash_types),
        ];
        self.host_call_json(c, scope, block, k, json_text(&Value::Array(parts)))
    }

    /// Run host helper `k` with its call's JSON (see `HostCall::json`).
    fn host_call_json(&mut self, c: &Call, scope: &Scope<'_>, block: Option<&'t Block>, k: u32, json: String) -> Result<(Value, bool)> {
        let name = match &c.name {
            Some(n) => n,
            None => self.opts.helpers.get(k as usize).map_or("", String::as_str),
        };
        self.run_host(HostTarget { index: k, func: None, name, pos: c.pos }, scope, block, json)
    }

    /// Call a host helper or context function and read its result.
    fn run_host(&mut self, t: HostTarget<'_>, scope: &Scope<'_>, block: Option<&'t Block>, json: String) -> Result<(Value, bool)> {
        let (name, pos) = (t.name, t.pos);
        let call = HostCall {
            index: t.index as usize,
            func: t.func,
            name,
            json: &json,
            line: pos.line,
            column: pos.column,
            block: block.is_some(),
            block_params: block.map_or(0, |b| b.params.len()),
            root: scope.parent.is_none() && self.host.has_root(),
        };
        let host = self.host;
        let out = host.call(&call, &mut |program, ctx, opts, frame| match block {
            Some(b) => self.reenter(b, scope, program, ctx, opts, frame),
            None => Err(String::new()),
        });
        if self.has_deferred.get() {
            return Err(self.take_deferred());
        }
        let what = if t.func.is_some() { "Function" } else { "Helper" };
        let msg = |m: String| format!("{what} '{name}' {m}");
        match out {
            HostOut::Nothing => Ok((Value::Null, false)),
            HostOut::Text(t) => Ok((Value::String(t), false)),
            HostOut::Safe(t) => Ok((Value::String(t), true)),
            // The crate's own JSON reader: serde_json's would add its
            // deserializer to the wasm.
            HostOut::Json(t) => match super::ctx::parse(t.as_bytes(), "helper result") {
                Ok(v) => Ok((v.to_value(), false)),
                Err(e) => Err(self.err("helper_error", &msg(format!("returned a value that is not JSON-like ({})", e.message)), pos)),
            },
            HostOut::Bad(m) => Err(self.err("helper_error", &msg(format!("returned {m}")), pos)),
            HostOut::Threw(m) => Err(self.err("helper_error", &msg(format!("threw: {m}")), pos)),
            HostOut::Inner => match self.inner_err.take() {
                Some(e) => Err(e),
                None => Err(self.err("helper_error", &msg("failed rendering its block".into()), pos)),
            },
        }
    }

    /// `options.fn(ctx, {data, blockParams})` / `options.inverse(...)`:
    /// render the block's body or inverse with `ctx` (JSON text; `None`:
    /// undefined) pushed as the context. Counts as one level of nesting.
    fn reenter(
        &mut self,
        b: &'t Block,
        scope: &Scope<'_>,
        program: Program,
        ctx: Option<&str>,
        opts: Option<&str>,
        frame: Option<u32>,
    ) -> std::result::Result<String, String> {
        let saved_pos = self.pos;
        self.host_depth += 1;
        let done = if self.host_depth > MAX_HOST_DEPTH {
            let msg = format!("Helper blocks nested more than {MAX_HOST_DEPTH} deep through options.fn");
            Err(self.err("limit_exceeded", &msg, b.pos))
        } else {
            self.reenter_inner(b, scope, program, ctx, opts, frame)
        };
        self.host_depth -= 1;
        self.pos = saved_pos;
        done.map_err(|e| {
            let text = json_text(&e.to_json());
            self.inner_err = Some(e);
            text
        })
    }

    fn reenter_inner(
        &mut self,
        b: &'t Block,
        scope: &Scope<'_>,
        program: Program,
        ctx: Option<&str>,
        opts: Option<&str>,
        frame: Option<u32>,
    ) -> Result<String> {
        self.enter(b.pos)?;
        let same = ctx == Some(super::host_helper::SAME_CONTEXT);
        let value = match ctx {
            Some(t) if !same => super::ctx::parse(t.as_bytes(), "options.fn context")?,
            _ => Ctx::Null,
        };
        let opts = match opts {
            Some(t) => super::ctx::parse(t.as_bytes(), "options.fn options")?,
            None => Ctx::Null,
        };
        let field = |k: &str| match &opts {
            Ctx::Obj(m) => m.get(k),
            _ => None,
        };
        // As Handlebars.js, `options.fn(this)` (the current context again)
        // pushes no new level: `../` still reaches the enclosing context.
        // We get a copy, so "the same" means equal.
        let mut child = if same || value == *scope.value {
            Scope { value: scope.value, parent: scope.parent, lp: scope.lp, names: scope.names, vals: scope.vals, frame: scope.frame }
        } else {
            scope.child(&value)
        };
        // `options.fn(ctx, {data})`: that data is the whole `@`-data inside
        // (Handlebars.js does not merge it with the outer data).
        if frame.is_some() {
            child.frame = frame;
            child.lp = None;
        }
        if let Some(Ctx::Arr(params)) = field("blockParams") {
            child.names = &b.params;
            child.vals = [params.first(), params.get(1)];
        }
        let nodes = match program {
            Program::Body => &b.body,
            Program::Inverse => &b.inverse,
        };
        let start = self.out.len();
        self.nodes(nodes, &child)?;
        self.depth -= 1;
        Ok(self.out.split_off(start))
    }

    /// A host helper as a block: its result is written unescaped.
    #[inline(never)]
    fn host_block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        if let Expr::Call(c) = &b.expr {
            let (v, _) = self.host_call(c, scope, Some(b))?;
            self.write_value(&Ctx::owned(v), false)?;
        }
        Ok(())
    }

    fn enter(&mut self, pos: Pos) -> Result<()> {
        self.pos = pos;
        self.depth += 1;
        if self.depth > MAX_RENDER_DEPTH {
            return Err(self.err("limit_exceeded", "Blocks and partials nested too deeply while rendering", pos));
        }
        Ok(())
    }

    fn block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        self.enter(b.pos)?;
        // One function per kind: every level of nesting pays the stack frame
        // of `block` plus the one kind it is (debug wasm has a 1 MiB stack,
        // and 100 nested blocks must fit).
        match b.kind {
            BlockKind::If | BlockKind::Unless => self.if_block(b, scope)?,
            BlockKind::With => self.with_block(b, scope)?,
            BlockKind::Each => self.each_block(b, scope)?,
            BlockKind::Section => self.section_block(b, scope)?,
            BlockKind::Body => self.body_block(b, scope)?,
            BlockKind::Hide => self.hide_block(b, scope)?,
            BlockKind::Host => self.host_block(b, scope)?,
        }
        self.depth -= 1;
        Ok(())
    }

    #[inline(never)]
    fn if_block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        if let Expr::Path(p) = &b.expr {
            if is_partial_block(p) {
                // Handlebars.js's `if` calls the `@partial-block` function:
                // true when the block renders something here.
                let t = self.partial_block_renders(scope)?;
                return self.nodes(if t == (b.kind == BlockKind::If) { &b.body } else { &b.inverse }, scope);
            }
        }
        let v = self.eval(&b.expr, scope)?;
        let mut include_zero = false;
        if let Some((_, e)) = b.hash.iter().find(|(k, _)| &**k == "includeZero") {
            include_zero = self.eval(e, scope)?.is_some_and(|v| v.truthy(false));
        }
        let t = v.as_deref().is_some_and(|v| v.truthy(include_zero));
        self.nodes(if t == (b.kind == BlockKind::If) { &b.body } else { &b.inverse }, scope)
    }

    /// Whether the current `@partial-block` renders a non-empty string in
    /// `scope` (what it renders is discarded). No partial block: false.
    #[inline(never)]
    fn partial_block_renders(&mut self, scope: &Scope<'_>) -> Result<bool> {
        let Some(f) = self.cur_block.and_then(|k| self.blocks.get(k)) else { return Ok(false) };
        let (body, source, outer) = (f.body, f.source, f.outer);
        self.partial_depth += 1;
        if self.partial_depth > MAX_PARTIAL_DEPTH {
            return Err(self.err("limit_exceeded", &format!("Partials nested more than {MAX_PARTIAL_DEPTH} deep"), self.pos));
        }
        let (saved_source, saved_block, start) = (self.source, self.cur_block, self.out.len());
        self.source = source;
        self.cur_block = outer;
        let r = self.nodes(body, scope);
        self.source = saved_source;
        self.cur_block = saved_block;
        self.partial_depth -= 1;
        let rendered = self.out.len() > start;
        self.out.truncate(start);
        r.map(|()| rendered)
    }

    #[inline(never)]
    fn with_block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        let v = self.eval(&b.expr, scope)?;
        match v.as_deref() {
            Some(val) if !with_empty(val) => {
                let mut child = scope.child(val);
                child.names = &b.params;
                child.vals = [Some(val), None];
                self.nodes(&b.body, &child)
            }
            _ => self.nodes(&b.inverse, scope),
        }
    }

    #[inline(never)]
    fn each_block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        let v = self.eval(&b.expr, scope)?;
        match v.as_deref() {
            Some(val @ (Ctx::Arr(_) | Ctx::Obj(_))) if !empty_collection(val) => self.iterate(val, b, scope),
            _ => self.nodes(&b.inverse, scope),
        }
    }

    /// Courier's `conditional` as a block (see `BlockKind::Hide`).
    #[inline(never)]
    fn hide_block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        let t = self.eval(&b.expr, scope)?.is_some_and(|v| v.truthy(false));
        self.nodes(if t == shows_when_true(b) { &b.body } else { &b.inverse }, scope)
    }

    #[inline(never)]
    fn section_block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        let v = self.eval(&b.expr, scope)?;
        match v.as_deref() {
            None | Some(Ctx::Null) if self.opts.missing == Missing::Error && matches!(b.expr, Expr::Path(_)) => {
                // As Handlebars.js strict mode: a missing section value is an error.
                let (text, pos) = match &b.expr {
                    Expr::Path(p) => (&*p.text, p.pos),
                    _ => ("", b.pos),
                };
                Err(self.err("missing_variable", &format!("Missing variable '{text}'"), pos))
            }
            None | Some(Ctx::Null | Ctx::Bool(false)) => self.nodes(&b.inverse, scope),
            Some(Ctx::Arr(a)) if a.is_empty() => self.nodes(&b.inverse, scope),
            Some(val @ Ctx::Arr(_)) => self.iterate(val, b, scope),
            Some(Ctx::Bool(true)) => self.nodes(&b.body, scope),
            Some(val) => {
                let mut child = scope.child(val);
                child.names = &b.params;
                child.vals = [Some(val), None];
                self.nodes(&b.body, &child)
            }
        }
    }

    /// A `Kind::Body` helper as a block: the body is rendered on its own and
    /// handed to the helper.
    #[inline(never)]
    fn body_block(&mut self, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        if let Expr::Call(c) = &b.expr {
            let start = self.out.len();
            self.nodes(&b.body, scope)?;
            let body = self.out.split_off(start);
            let v = self.call_with(c, scope, Some(Value::String(body)))?;
            write_into(&mut self.out, &Ctx::owned(v), false);
            self.check_size()?;
        }
        Ok(())
    }

    fn iterate(&mut self, val: &Ctx<'_>, b: &'t Block, scope: &Scope<'_>) -> Result<()> {
        match val {
            Ctx::Arr(items) => {
                let n = items.len();
                for (i, item) in items.iter().enumerate() {
                    self.step()?;
                    let idx = num(i);
                    let mut child = scope.child(item);
                    child.lp = Some(Loop { index: i, key: None, first: i == 0, last: i + 1 == n });
                    child.names = &b.params;
                    child.vals = [Some(item), Some(&idx)];
                    self.nodes(&b.body, &child)?;
                }
            }
            Ctx::Obj(map) => {
                let n = map.len();
                for (i, (k, item)) in map.iter().enumerate() {
                    self.step()?;
                    let key = Ctx::Str(Cow::Borrowed(&**k));
                    let mut child = scope.child(item);
                    child.lp = Some(Loop { index: i, key: Some(k), first: i == 0, last: i + 1 == n });
                    child.names = &b.params;
                    child.vals = [Some(item), Some(&key)];
                    self.nodes(&b.body, &child)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The partial `name` resolves to: an inline partial in scope, else
    /// the file partial compiled for this tag (`index`, or any file
    /// partial for a dynamic name).
    fn find_partial(&self, name: &str, p: &'t PartialCall) -> Option<Target<'t>> {
        let hit = |k: usize| self.partials.get(k).map(|e| (k, e));
        let found = match self.inline.iter().rev().find(|(n, _, _)| *n == name) {
            Some(&(_, k, end)) => hit(k).map(|(_, e)| (end, e)),
            None => match (&p.name, p.index) {
                (PartialName::Static(_), Some(k)) => hit(k).map(|(_, e)| (usize::MAX, e)),
                (PartialName::Dynamic(_), _) => {
                    self.partials.iter().find(|e| !e.inline && e.name == name).map(|e| (usize::MAX, e))
                }
                _ => None,
            },
        };
        let (visible, e) = found?;
        Some(Target { nodes: &e.nodes, source: e.source, block: self.cur_block, visible })
    }

    fn partial(&mut self, p: &'t PartialCall, scope: &Scope<'_>) -> Result<()> {
        self.enter(p.pos)?;
        self.partial_depth += 1;
        if self.partial_depth > MAX_PARTIAL_DEPTH {
            return Err(self.err("limit_exceeded", &format!("Partials nested more than {MAX_PARTIAL_DEPTH} deep"), p.pos));
        }
        let dynamic;
        let name: &str = match &p.name {
            PartialName::Static(n) => n,
            PartialName::Block => "@partial-block",
            PartialName::Dynamic(e) => {
                dynamic = match self.eval(e, scope)?.as_deref() {
                    Some(Ctx::Str(s)) => s.to_string(),
                    Some(v) => json_text(&v.to_value()),
                    None => "undefined".to_string(),
                };
                &dynamic
            }
        };
        let target = match &p.name {
            PartialName::Block => self.cur_block.and_then(|f| self.blocks.get(f)).map(|f| Target {
                nodes: f.body,
                source: f.source,
                block: f.outer,
                visible: usize::MAX,
            }),
            _ => self.find_partial(name, p),
        };
        // A partial block whose partial does not exist renders its body
        // (whose `@partial-block` stays the caller's).
        let fallback = target.is_none();
        let target = match (target, &p.body) {
            (Some(t), _) => t,
            (None, Some(body)) => Target { nodes: body, source: self.source, block: self.cur_block, visible: usize::MAX },
            (None, None) => {
                return Err(self.err("missing_partial", &format!("The partial {name} could not be found"), p.pos));
            }
        };
        let ctx = match &p.context {
            Some(e) => Some(self.eval(e, scope)?.unwrap_or(Cow::Owned(Ctx::Null))),
            None if self.opts.explicit_partial_context => Some(Cow::Owned(Ctx::Obj(Obj::default()))),
            None => None,
        };
        let ctx = if p.hash.is_empty() {
            ctx
        } else {
            let base = ctx.as_deref().unwrap_or(scope.value);
            let mut map = match base {
                Ctx::Obj(m) => m.members().to_vec(),
                _ => Vec::new(),
            };
            for (k, e) in &p.hash {
                let v = self.eval(e, scope)?.map_or(Ctx::Null, Cow::into_owned);
                match map.iter_mut().find(|(k2, _)| k2 == &**k) {
                    Some(slot) => slot.1 = v,
                    None => map.push((Cow::Borrowed(&**k), v)),
                }
            }
            Some(Cow::Owned(Ctx::Obj(Obj::new(map))))
        };
        let (saved_source, saved_block, inline_mark, blocks_mark) =
            (self.source, self.cur_block, self.inline.len(), self.blocks.len());
        self.source = target.source;
        self.cur_block = target.block;
        if let (Some(body), false) = (&p.body, fallback) {
            // The called partial gets this body as its `@partial-block`, and
            // sees the inline partials the body defines.
            self.blocks.push(BlockFrame { body, source: saved_source, outer: saved_block });
            self.cur_block = Some(self.blocks.len() - 1);
            if let Some(Node::Inline(defs)) = body.first() {
                self.inline.extend(defs.iter().map(|(n, k)| (&**n, *k, inline_mark)));
            }
        }
        let hidden = if target.visible < self.inline.len() { self.inline.split_off(target.visible) } else { Vec::new() };
        // Handlebars.js's `preventIndent`: the indentation once, as text.
        let indent = if self.opts.prevent_indent {
            self.write_str(&p.indent)?;
            ""
        } else {
            &*p.indent
        };
        let start = self.out.len();
        match ctx.as_deref() {
            Some(v) => {
                let child = scope.child(v);
                self.nodes(target.nodes, &child)?;
            }
            None => self.nodes(target.nodes, scope)?,
        }
        self.inline.extend(hidden);
        if !indent.is_empty() {
            self.indent_from(start, indent)?;
        }
        self.source = saved_source;
        self.cur_block = saved_block;
        self.inline.truncate(inline_mark);
        self.blocks.truncate(blocks_mark);
        self.partial_depth -= 1;
        self.depth -= 1;
        Ok(())
    }

    /// Indent every line of the output written since `start` (a standalone
    /// partial: Handlebars.js indents the partial's output, so the lines of a
    /// multi-line value are indented too).
    fn indent_from(&mut self, start: usize, indent: &str) -> Result<()> {
        let tail = self.out.split_off(start.min(self.out.len()));
        let mut lines = tail.split('\n').peekable();
        while let Some(line) = lines.next() {
            let last = lines.peek().is_none();
            if !(last && line.is_empty()) {
                append(&mut self.out, indent);
            }
            append(&mut self.out, line);
            if !last {
                self.out.push('\n');
            }
        }
        self.check_size()
    }
}

/// Append `v` as JSON text (keys in order; a `__proto__` key is just a key).
fn json_into(out: &mut String, v: &Ctx<'_>) {
    match v {
        Ctx::Null => append(out, "null"),
        Ctx::Bool(b) => append(out, if *b { "true" } else { "false" }),
        Ctx::Num(n) => crate::json::number::write_number(out, &n.get()),
        Ctx::Str(s) => crate::json::write::write_str(out, s),
        Ctx::Arr(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_into(out, x);
            }
            out.push(']');
        }
        Ctx::Obj(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                crate::json::write::write_str(out, k);
                out.push(':');
                json_into(out, x);
            }
            out.push('}');
        }
    }
}


/// [`data_of`] written as JSON text.
fn data_into(out: &mut String, scope: &Scope<'_>) {
    let mut loops: Vec<Loop<'_>> = Vec::new();
    let mut frame = 0;
    let mut s = Some(scope);
    while let Some(sc) = s {
        if let Some(id) = sc.frame {
            frame = id;
            break;
        }
        if let Some(lp) = sc.lp {
            loops.push(lp);
        }
        s = sc.parent;
    }
    out.push('[');
    out.push_str(&frame.to_string());
    out.push_str(",[");
    for (n, lp) in loops.iter().rev().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push('[');
        out.push_str(&lp.index.to_string());
        out.push(',');
        match lp.key {
            Some(k) => crate::json::write::write_str(out, k),
            None => out.push_str(&lp.index.to_string()),
        }
        out.push_str(if lp.first { ",true" } else { ",false" });
        out.push_str(if lp.last { ",true]" } else { ",false]" });
    }
    out.push_str("]]");
}

/// `options.data` of a host helper as `[frame, [[index, key, first,
/// last]...]]`: the nearest host data frame (0: the root data) and the
/// loops entered since, outer first (see `HostCall::json`).
fn data_of(scope: &Scope<'_>) -> Value {
    let mut loops = Vec::new();
    let mut frame = 0;
    let mut s = Some(scope);
    while let Some(sc) = s {
        if let Some(id) = sc.frame {
            frame = id;
            break;
        }
        if let Some(lp) = sc.lp {
            let key = lp.key.map_or_else(|| Value::from(lp.index), |k| Value::String(k.into()));
            loops.push(Value::Array(vec![Value::from(lp.index), key, Value::Bool(lp.first), Value::Bool(lp.last)]));
        }
        s = sc.parent;
    }
    loops.reverse();
    Value::Array(vec![Value::from(frame), Value::Array(loops)])
}

/// Whether a `Hide` block (Courier's `conditional`) shows its body when
/// its conditions pass: only with `behavior="show"`.
fn shows_when_true(b: &Block) -> bool {
    match &b.expr {
        Expr::Call(c) => c.hash.iter().any(|(k, e)| &**k == "behavior" && matches!(e, Expr::Lit(Value::String(s)) if s == "show")),
        _ => false,
    }
}

/// Handlebars `with`: skipped for null, missing, false, `""` and `[]` (0 is kept).
fn with_empty(v: &Ctx<'_>) -> bool {
    match v {
        Ctx::Null | Ctx::Bool(false) => true,
        Ctx::Str(s) => s.is_empty(),
        Ctx::Arr(a) => a.is_empty(),
        _ => false,
    }
}

/// `@partial-block` as a value (`{{#if @partial-block}}`).
fn is_partial_block(p: &Path) -> bool {
    p.kind == PathKind::Data && p.depth == 0 && p.segs.len() == 1 && p.segs.first().is_some_and(|s| &**s == "partial-block")
}

fn empty_collection(v: &Ctx<'_>) -> bool {
    match v {
        Ctx::Arr(a) => a.is_empty(),
        Ctx::Obj(m) => m.is_empty(),
        _ => true,
    }
}

/// Resolve `path` in `scope` (see the module docs).
pub fn resolve<'a>(path: &Path, scope: &'a Scope<'a>, mode: Lookup) -> Option<Cow<'a, Ctx<'a>>> {
    match path.kind {
        PathKind::Data => {
            let (name, rest) = path.segs.split_first()?;
            let mut skip = path.depth;
            let mut s = Some(scope);
            while let Some(sc) = s {
                if let Some(lp) = sc.lp {
                    if skip == 0 {
                        let v = match &**name {
                            "index" => num(lp.index),
                            "key" => lp.key.map_or_else(|| num(lp.index), |k| Ctx::Str(Cow::Borrowed(k))),
                            "first" => Ctx::Bool(lp.first),
                            "last" => Ctx::Bool(lp.last),
                            _ => return None,
                        };
                        return descend(Cow::Owned(v), rest);
                    }
                    skip -= 1;
                }
                s = sc.parent;
            }
            None
        }
        PathKind::Root => {
            let mut s = scope;
            while let Some(p) = s.parent {
                s = p;
            }
            descend(Cow::Borrowed(s.value), &path.segs)
        }
        PathKind::Local => {
            let mut s = scope;
            for _ in 0..path.depth {
                s = s.parent?;
            }
            descend(Cow::Borrowed(s.value), &path.segs)
        }
        PathKind::Normal => {
            let (first, rest) = path.segs.split_first()?;
            let mut s = Some(scope);
            while let Some(sc) = s {
                if let Some(k) = sc.names.iter().position(|n| n == first) {
                    let v = sc.vals.get(k).copied().flatten()?;
                    return descend(Cow::Borrowed(v), rest);
                }
                s = sc.parent;
            }
            if mode == Lookup::Current {
                return get(scope.value, first).and_then(|v| descend(v, rest));
            }
            let mut s = Some(scope);
            while let Some(sc) = s {
                if sc.parent.is_none() {
                    return root_lookup(sc.value, &path.segs, mode);
                }
                if let Some(v) = get(sc.value, first) {
                    return descend(v, rest);
                }
                s = sc.parent;
            }
            None
        }
    }
}
