//! `variables()` and `missing()`.
//!
//! `variables()` lists every path the template's own source reads (output
//! tags, block arguments, helper arguments, the path strings given to
//! `var`/`path`), as written, once per (path, line, column), in source
//! order. Literals, `this`/`.`/`..`, `@index @key @first @last` and
//! the bodies of `options.partials` are not listed (`@root.x` is; inline
//! partials and partial-block bodies, written in the template, are).
//!
//! `missing(ctx)` is the subset that does not resolve to a non-null value
//! against `ctx` with the template dialect's lookup rule. Inside blocks it is a
//! best effort, without rendering: the context of an `#each`/section body
//! is the set of all its items (and of `#with`, the value), and a path
//! counts as present when it resolves in *any* of them or further out;
//! inside an `#each`/`#with`/section over a missing or empty value every
//! path that could be relative to the item counts as present (the body
//! never renders, so nothing is known about it). Block params resolve to
//! the items (the index/key param is always present). Blocks over helper
//! results keep the outer context.

use super::ast::{Block, BlockKind, Expr, Node, PartialName, Path, PathKind};
use super::parser::Partial;
use super::ctx::Ctx;
use super::render::{descend, root_lookup};
use super::dialect::Lookup;
use super::VariableRef;
use std::borrow::Cow;

/// Cap on the candidate values tracked for one block body.
const MAX_CANDIDATES: usize = 1000;

struct SScope<'a> {
    vals: Vec<&'a Ctx<'a>>,
    names: &'a [Box<str>],
    unknown: bool,
    parent: Option<&'a SScope<'a>>,
}

struct Walker<'a> {
    root: Option<&'a Ctx<'a>>,
    partials: &'a [Partial],
    mode: Lookup,
    out: Vec<VariableRef>,
}

/// Variables of `nodes`; with `ctx`, only those missing from it.
pub fn analyze(nodes: &[Node], partials: &[Partial], ctx: Option<&Ctx<'_>>, mode: Lookup) -> Vec<VariableRef> {
    let mut w = Walker { root: ctx, partials, mode, out: Vec::new() };
    let root_scope = SScope { vals: ctx.into_iter().collect(), names: &[], unknown: false, parent: None };
    w.nodes(nodes, &root_scope, 0);
    w.out.sort_by_key(|v| (v.line, v.column));
    w.out
}

fn non_null(v: Option<Cow<'_, Ctx<'_>>>) -> bool {
    v.is_some_and(|v| !v.is_null())
}

fn get_key(v: &Ctx<'_>, key: &str) -> bool {
    match v {
        Ctx::Obj(m) => m.get(key).is_some(),
        Ctx::Arr(a) => key == "length" || key.parse::<usize>().is_ok_and(|i| i < a.len()),
        Ctx::Str(_) => key == "length",
        _ => false,
    }
}

impl<'a> Walker<'a> {
    fn record(&mut self, p: &Path, scope: &SScope<'_>) {
        if p.kind == PathKind::Data || p.segs.is_empty() {
            return;
        }
        if self.root.is_some() && self.present(p, scope) {
            return;
        }
        let exists = self.out.iter().any(|v| v.line == p.pos.line && v.column == p.pos.column && *v.path == *p.text);
        if !exists {
            self.out.push(VariableRef { path: p.text.to_string(), line: p.pos.line, column: p.pos.column });
        }
    }

    fn present(&self, p: &Path, scope: &SScope<'_>) -> bool {
        let Some(root) = self.root else { return false };
        match p.kind {
            PathKind::Data => true,
            PathKind::Root => non_null(descend(Cow::Borrowed(root), &p.segs)),
            PathKind::Local => {
                let mut s = scope;
                for _ in 0..p.depth {
                    if s.unknown {
                        return true;
                    }
                    match s.parent {
                        Some(parent) => s = parent,
                        None => return false,
                    }
                }
                s.unknown || s.vals.iter().any(|v| non_null(descend(Cow::Borrowed(*v), &p.segs)))
            }
            PathKind::Normal => {
                let Some((first, rest)) = p.segs.split_first() else { return true };
                let mut s = Some(scope);
                while let Some(sc) = s {
                    if sc.unknown {
                        return true;
                    }
                    match sc.names.iter().position(|n| n == first) {
                        Some(0) => return sc.vals.iter().any(|v| non_null(descend(Cow::Borrowed(*v), rest))),
                        Some(_) => return rest.is_empty(),
                        None => {}
                    }
                    s = sc.parent;
                }
                let mut s = Some(scope);
                while let Some(sc) = s {
                    if sc.parent.is_none() {
                        return non_null(root_lookup(root, &p.segs, self.mode));
                    }
                    if sc.vals.iter().any(|v| get_key(v, first)) {
                        return sc.vals.iter().any(|v| non_null(descend(Cow::Borrowed(*v), &p.segs)));
                    }
                    s = sc.parent;
                }
                false
            }
        }
    }

    fn expr(&mut self, e: &Expr, scope: &SScope<'_>, depth: u32) {
        if depth > 200 {
            return;
        }
        match e {
            Expr::Path(p) => self.record(p, scope),
            Expr::Lit(_) => {}
            Expr::Call(c) => {
                for a in &c.args {
                    self.expr(a, scope, depth + 1);
                }
                for (_, a) in &c.hash {
                    self.expr(a, scope, depth + 1);
                }
            }
        }
    }

    /// Candidate values of `p` in `scope` (empty when unknown/missing).
    fn values<'s>(&self, p: &Path, scope: &'s SScope<'s>) -> Option<Vec<&'s Ctx<'s>>>
    where
        'a: 's,
    {
        let root: &'s Ctx<'s> = self.root?;
        let from_vals = |vals: &[&'s Ctx<'s>], segs: &[Box<str>]| -> Vec<&'s Ctx<'s>> {
            vals.iter()
                .filter_map(|v| match descend(Cow::Borrowed(*v), segs) {
                    Some(Cow::Borrowed(x)) => Some(x),
                    _ => None,
                })
                .collect()
        };
        match p.kind {
            PathKind::Data => None,
            PathKind::Root => Some(from_vals(&[root], &p.segs)),
            PathKind::Local => {
                let mut s = scope;
                for _ in 0..p.depth {
                    s = s.parent?;
                }
                if s.unknown {
                    return None;
                }
                Some(from_vals(&s.vals, &p.segs))
            }
            PathKind::Normal => {
                let (first, rest) = p.segs.split_first()?;
                let mut s = Some(scope);
                while let Some(sc) = s {
                    if sc.unknown {
                        return None;
                    }
                    match sc.names.iter().position(|n| n == first) {
                        Some(0) => return Some(from_vals(&sc.vals, rest)),
                        Some(_) => return None,
                        None => {}
                    }
                    s = sc.parent;
                }
                let mut s = Some(scope);
                while let Some(sc) = s {
                    if sc.parent.is_none() {
                        return Some(match root_lookup(root, &p.segs, self.mode) {
                            Some(Cow::Borrowed(x)) => vec![x],
                            _ => Vec::new(),
                        });
                    }
                    if sc.vals.iter().any(|v| get_key(v, first)) {
                        return Some(from_vals(&sc.vals, &p.segs));
                    }
                    s = sc.parent;
                }
                None
            }
        }
    }

    fn nodes(&mut self, nodes: &[Node], scope: &SScope<'_>, depth: u32) {
        if depth > 300 {
            return;
        }
        for n in nodes {
            match n {
                Node::Text(_) => {}
                Node::Partial(p) => {
                    if let PartialName::Dynamic(e) = &p.name {
                        self.expr(e, scope, 0);
                    }
                    if let Some(e) = &p.context {
                        self.expr(e, scope, 0);
                    }
                    for (_, e) in &p.hash {
                        self.expr(e, scope, 0);
                    }
                    // Best effort: the body renders where the partial puts
                    // `@partial-block`, usually in the caller's context.
                    if let Some(body) = &p.body {
                        self.nodes(body, scope, depth + 1);
                    }
                }
                Node::Inline(defs) => {
                    // Written in this source, but rendered wherever the
                    // partial is called: listed, never reported missing.
                    let unknown = SScope { vals: Vec::new(), names: &[], unknown: true, parent: Some(scope) };
                    for (_, k) in defs.iter() {
                        if let Some(e) = self.partials.get(*k) {
                            self.nodes(&e.nodes, &unknown, depth + 1);
                        }
                    }
                }
                Node::Out(o) => self.expr(&o.expr, scope, 0),
                Node::Block(b) => self.block(b, scope, depth),
            }
        }
    }

    fn block(&mut self, b: &Block, scope: &SScope<'_>, depth: u32) {
        self.expr(&b.expr, scope, 0);
        for (_, e) in &b.hash {
            self.expr(e, scope, 0);
        }
        let pushes = matches!(b.kind, BlockKind::Each | BlockKind::With | BlockKind::Section);
        let path = match &b.expr {
            Expr::Path(p) if pushes && !p.is_this() => Some(p),
            _ => None,
        };
        match path {
            None => self.nodes(&b.body, scope, depth + 1),
            Some(p) => {
                let vals = if self.root.is_some() { self.values(p, scope) } else { None };
                let mut items: Vec<&Ctx<'_>> = Vec::new();
                let mut unknown = vals.is_none();
                let mut keep_scope = false;
                for v in vals.unwrap_or_default() {
                    match v {
                        Ctx::Arr(a) if b.kind != BlockKind::With => items.extend(a.iter()),
                        Ctx::Obj(m) if b.kind == BlockKind::Each => items.extend(m.iter().map(|(_, v)| v)),
                        Ctx::Bool(true) if b.kind == BlockKind::Section => keep_scope = true,
                        Ctx::Null | Ctx::Bool(false) => {}
                        other => items.push(other),
                    }
                    if items.len() > MAX_CANDIDATES {
                        unknown = true;
                        break;
                    }
                }
                if items.is_empty() && !keep_scope {
                    unknown = true;
                }
                if keep_scope && items.is_empty() {
                    self.nodes(&b.body, scope, depth + 1);
                } else {
                    let child = SScope { vals: items, names: &b.params, unknown, parent: Some(scope) };
                    self.nodes(&b.body, &child, depth + 1);
                }
            }
        }
        self.nodes(&b.inverse, scope, depth + 1);
    }
}
