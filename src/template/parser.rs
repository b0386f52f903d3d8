//! Tokens -> AST: matches blocks with their closing tags, builds `else`
//! chains, resolves helpers and partials at compile time.

use super::ast::{Block, BlockKind, Call, Callee, Expr, Node, Output, PartialCall, PartialName, Path, PathKind, Pos};
use super::dialect::Dialect;
use super::expr::{build, host_index, is_block_helper, Ex, SynErr, TagExpr};
use super::helpers::Kind;
use super::lexer::{lex, Delimiters, LineIndex, Tag, TagKind, Token};
use std::collections::BTreeMap;

/// Deepest block nesting in one template.
pub const MAX_DEPTH: usize = 100;
/// Most partials (`options.partials` entries called, inline partials) compiled for one template.
pub const MAX_PARTIAL_VARIANTS: usize = 64;

/// A compiled partial: an `options.partials` entry or an inline partial.
#[derive(Debug, Clone, Default)]
pub struct Partial {
    /// Its name.
    pub name: String,
    /// The compiled nodes (empty until compiled).
    pub nodes: Vec<Node>,
    /// Index of its source text in the template's sources.
    pub source: usize,
    /// An `{{#*inline}}` partial (looked up through the inline scopes only).
    pub inline: bool,
    /// Compiled yet (file partials are compiled after the file that calls them).
    pub compiled: bool,
}

/// Partials compiled for a template: each `options.partials` entry it
/// calls once, and every inline partial. (A standalone call's indentation
/// is applied to the partial's output, as Handlebars.js does.)
#[derive(Debug, Default)]
pub struct PartialTable<'o> {
    sources: Option<&'o BTreeMap<String, String>>,
    /// Every partial, by index.
    pub entries: Vec<Partial>,
}

impl<'o> PartialTable<'o> {
    /// A table over the given partial sources.
    pub fn new(sources: &'o BTreeMap<String, String>) -> Self {
        PartialTable { sources: Some(sources), entries: Vec::new() }
    }

    /// The source of file partial `k`.
    pub fn source(&self, k: usize) -> Option<&'o str> {
        let e = self.entries.get(k)?;
        self.sources?.get(&e.name).map(String::as_str)
    }

    fn full(&self, offset: usize) -> Result<(), SynErr> {
        if self.entries.len() >= MAX_PARTIAL_VARIANTS {
            return Err(SynErr {
                code: "limit_exceeded",
                message: format!("Too many partials (more than {MAX_PARTIAL_VARIANTS})"),
                offset,
            });
        }
        Ok(())
    }

    /// The entry of file partial `name`, if `options.partials` has it.
    fn index(&mut self, name: &str, offset: usize) -> Result<Option<usize>, SynErr> {
        if !self.sources.is_some_and(|s| s.contains_key(name)) {
            return Ok(None);
        }
        if let Some(k) = self.entries.iter().position(|e| !e.inline && e.name == name) {
            return Ok(Some(k));
        }
        self.full(offset)?;
        self.entries.push(Partial { name: name.to_string(), ..Partial::default() });
        Ok(Some(self.entries.len() - 1))
    }

    /// Every file partial (a dynamic partial may name any).
    fn index_all(&mut self, offset: usize) -> Result<(), SynErr> {
        let names: Vec<String> = self.sources.map(|s| s.keys().cloned().collect()).unwrap_or_default();
        for name in names {
            self.index(&name, offset)?;
        }
        Ok(())
    }

    fn inline(&mut self, name: String, nodes: Vec<Node>, source: usize, offset: usize) -> Result<usize, SynErr> {
        self.full(offset)?;
        self.entries.push(Partial { name, nodes, source, inline: true, compiled: true });
        Ok(self.entries.len() - 1)
    }
}

/// What an open frame becomes when closed.
enum Form {
    /// A block.
    Block,
    /// A partial block `{{#> name}}`.
    PartialBlock(Box<PartialCall>),
    /// An inline partial `{{#*inline "name"}}`.
    Inline(String),
}

struct Frame {
    kind: BlockKind,
    expr: Expr,
    hash: Vec<(Box<str>, Expr)>,
    params: Vec<Box<str>>,
    name: String,
    offset: usize,
    pos: Pos,
    body: Vec<Node>,
    inverse: Vec<Node>,
    in_inverse: bool,
    inverted: bool,
    chained: bool,
    form: Form,
    /// Inline partials defined in the body and in the inverse.
    inl_body: Vec<(Box<str>, usize)>,
    inl_inverse: Vec<(Box<str>, usize)>,
}

/// Hoist inline partial definitions to the start of their program.
fn hoist(nodes: &mut Vec<Node>, defs: Vec<(Box<str>, usize)>) {
    if !defs.is_empty() {
        nodes.insert(0, Node::Inline(defs.into_boxed_slice()));
    }
}

impl Frame {
    fn new(name: String, offset: usize, pos: Pos, form: Form) -> Self {
        Frame {
            kind: BlockKind::Section,
            expr: Expr::Lit(crate::json::Value::Null),
            hash: Vec::new(),
            params: Vec::new(),
            name,
            offset,
            pos,
            body: Vec::new(),
            inverse: Vec::new(),
            in_inverse: false,
            inverted: false,
            chained: false,
            form,
            inl_body: Vec::new(),
            inl_inverse: Vec::new(),
        }
    }

    /// The finished block or partial block (inline partials are taken
    /// apart by `Parser::close` instead).
    fn finish(mut self) -> Node {
        hoist(&mut self.body, std::mem::take(&mut self.inl_body));
        hoist(&mut self.inverse, std::mem::take(&mut self.inl_inverse));
        let (body, inverse) = if self.inverted { (self.inverse, self.body) } else { (self.body, self.inverse) };
        match self.form {
            Form::PartialBlock(mut call) => {
                call.body = Some(body);
                Node::Partial(call)
            }
            _ => Node::Block(Box::new(Block {
                kind: self.kind,
                expr: self.expr,
                hash: self.hash,
                params: self.params,
                body,
                inverse,
                pos: self.pos,
            })),
        }
    }

    fn target(&mut self) -> &mut Vec<Node> {
        if self.in_inverse {
            &mut self.inverse
        } else {
            &mut self.body
        }
    }
}

/// `nodes.push(node)`, failing with `out_of_memory` instead of aborting:
/// a node list grows with the source (a huge flat template), so it is the
/// buffer that meets a full memory first.
fn push_node(nodes: &mut Vec<Node>, node: Node) -> Result<(), SynErr> {
    nodes.try_reserve(1).map_err(|_| SynErr::from(super::lexer::out_of_memory(0)))?;
    nodes.push(node);
    Ok(())
}

struct Parser<'a, 'o> {
    dialect: &'static Dialect,
    /// Names of the template's host helpers (see `Callee::Host`).
    host: &'a [String],
    src: &'a str,
    lines: LineIndex,
    partials: &'a mut PartialTable<'o>,
    root: Vec<Node>,
    root_inl: Vec<(Box<str>, usize)>,
    stack: Vec<Frame>,
    /// Index of this source in the template's sources.
    source: usize,
}

/// Compile `src`, source number `source` of the template (0: the template
/// itself, else a partial); `standalone`: remove standalone lines (false:
/// Handlebars.js's `ignoreStandalone`).
pub fn parse(
    src: &str,
    mode: Delimiters,
    standalone: bool,
    partials: &mut PartialTable<'_>,
    source: usize,
    dialect: &'static Dialect,
    host: &[String],
) -> Result<Vec<Node>, (SynErr, LineIndex)> {
    let lines = LineIndex::new(src);
    let tokens = match lex(src, mode, standalone) {
        Ok(t) => t,
        Err(e) => return Err((e.into(), lines)),
    };
    let mut p = Parser { dialect, host, src, lines, partials, root: Vec::new(), root_inl: Vec::new(), stack: Vec::new(), source };
    match p.run(tokens) {
        Ok(()) => {
            hoist(&mut p.root, p.root_inl);
            Ok(p.root)
        }
        Err(e) => Err((e, p.lines)),
    }
}

impl Parser<'_, '_> {
    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(self.src, offset)
    }

    fn target(&mut self) -> &mut Vec<Node> {
        match self.stack.last_mut() {
            Some(f) => f.target(),
            None => &mut self.root,
        }
    }

    fn tag_expr(&self, tag: &Tag) -> Result<TagExpr, SynErr> {
        let block = matches!(tag.kind, TagKind::Open | TagKind::Inverse | TagKind::Else);
        let mut ex = Ex::new(self.src, tag.body.start, tag.body.end, &self.lines).with_dialect(self.dialect).with_host(self.host);
        if ex.done() {
            return Err(SynErr::syntax("Empty tag: expected a name", tag.span.start));
        }
        let mut te = ex.tag(block)?;
        // A block param in scope wins over a JS helper of the same name
        // (Handlebars.js: "block params take precedence over helper values").
        if let (Some(Callee::Host(_)), Expr::Path(p)) = (te.helper, &te.head) {
            if p.segs.len() == 1 && self.stack.iter().any(|f| f.params.iter().any(|n| Some(n) == p.segs.first())) {
                te.helper = None;
            }
        }
        Ok(te)
    }

    fn run(&mut self, tokens: Vec<Token>) -> Result<(), SynErr> {
        for tok in tokens {
            match tok {
                Token::Text(t) => {
                    if !t.is_empty() {
                        push_node(self.target(), Node::Text(t.into()))?;
                    }
                }
                Token::Tag(tag) => self.tag(tag)?,
            }
        }
        if let Some(f) = self.stack.iter().rev().find(|f| !f.chained) {
            return Err(SynErr::syntax(
                format!("Unclosed block '{}': expected {{{{/{}}}}}", f.name, f.name),
                f.offset,
            ));
        }
        Ok(())
    }

    fn tag(&mut self, tag: Tag) -> Result<(), SynErr> {
        match tag.kind {
            TagKind::Comment | TagKind::Delim => Ok(()),
            TagKind::Escaped | TagKind::Raw => {
                // Positions are asked for in source order (see `LineIndex`).
                let pos = self.pos(tag.span.start);
                let te = self.tag_expr(&tag)?;
                if !te.params.is_empty() {
                    return Err(SynErr::syntax("Block params are only allowed on blocks", te.head_offset));
                }
                if te.helper.is_none() && is_name(&te.head, "log") {
                    // Handlebars.js's built-in `log` writes to the console
                    // and renders nothing.
                    return Ok(());
                }
                let at = te.head_offset;
                let head = literal_path(te.head, &te.args, &te.hash, te.head_pos);
                let missing = host_index(self.host, "helperMissing");
                let expr = build(head, te.helper, te.args, te.hash, te.head_pos, false, missing).map_err(|m| SynErr::syntax(m, at))?;
                if let Some(m) = super::expr::block_only(&expr) {
                    return Err(SynErr::syntax(m, at));
                }
                let node = Node::Out(Box::new(Output {
                    expr,
                    escape: tag.kind == TagKind::Escaped,
                    raw: (tag.span.start as u32, tag.span.end as u32),
                    pos,
                }));
                push_node(self.target(), node)
            }
            TagKind::Open | TagKind::Inverse => {
                let frame = self.open(&tag, tag.kind == TagKind::Inverse, false)?;
                self.push(frame, tag.span.start)
            }
            TagKind::Else => {
                let Some(top) = self.stack.last_mut() else {
                    return Err(SynErr::syntax("{{else}} outside a block", tag.span.start));
                };
                if !matches!(top.form, Form::Block) {
                    return Err(SynErr::syntax(
                        format!("Unexpected {{{{else}}}}: '{}' is a partial block or inline partial", top.name),
                        tag.span.start,
                    ));
                }
                if top.in_inverse {
                    return Err(SynErr::syntax(
                        format!("Unexpected {{{{else}}}}: block '{}' already has one", top.name),
                        tag.span.start,
                    ));
                }
                top.in_inverse = true;
                let body = self.src.get(tag.body.clone()).unwrap_or("");
                if body.trim().is_empty() {
                    return Ok(());
                }
                let frame = self.open(&tag, false, true)?;
                self.push(frame, tag.span.start)
            }
            TagKind::Close => self.close(&tag),
            TagKind::Partial => {
                let call = self.partial(&tag, false)?;
                push_node(self.target(), Node::Partial(Box::new(call)))
            }
            TagKind::PartialBlock => {
                let pos = self.pos(tag.span.start);
                let call = self.partial(&tag, true)?;
                let name = match &call.name {
                    PartialName::Static(n) => n.to_string(),
                    _ => self.src.get(tag.body.clone()).unwrap_or("").trim().to_string(),
                };
                let frame = Frame::new(name, tag.span.start, pos, Form::PartialBlock(Box::new(call)));
                self.push(frame, tag.span.start)
            }
            TagKind::InlineOpen => {
                let pos = self.pos(tag.span.start);
                let name = self.inline_name(&tag)?;
                self.push(Frame::new("inline".into(), tag.span.start, pos, Form::Inline(name)), tag.span.start)
            }
            TagKind::Decorator => Err(SynErr::syntax(
                "Decorators are not supported (only {{#*inline \"name\"}} partials)",
                tag.span.start,
            )),
        }
    }

    fn push(&mut self, frame: Frame, offset: usize) -> Result<(), SynErr> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SynErr {
                code: "limit_exceeded",
                message: format!("Blocks nested too deeply (more than {MAX_DEPTH})"),
                offset,
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn open(&self, tag: &Tag, inverted: bool, chained: bool) -> Result<Frame, SynErr> {
        let pos = self.pos(tag.span.start);
        let te = self.tag_expr(tag)?;
        let at = te.head_offset;
        let host = matches!(te.helper, Some(Callee::Host(_)));
        let (kind, expr, hash) = if let (false, Some(b)) = (host, is_block_helper(&te.head)) {
            let kind = match b {
                "if" => BlockKind::If,
                "unless" => BlockKind::Unless,
                "each" => BlockKind::Each,
                _ => BlockKind::With,
            };
            let mut args = te.args.into_iter();
            let Some(first) = args.next() else {
                return Err(SynErr::syntax(format!("#{b} needs an argument, e.g. {{{{#{b} profile.x}}}}"), at));
            };
            if args.next().is_some() {
                return Err(SynErr::syntax(format!("#{b} takes one argument"), at));
            }
            (kind, first, te.hash)
        } else {
            let head = literal_path(te.head, &te.args, &te.hash, te.head_pos);
            let expr = build(head, te.helper, te.args, te.hash, te.head_pos, true, host_index(self.host, "helperMissing"))
                .map_err(|m| SynErr::syntax(m, at))?;
            // A block over a value that is no helper goes to the host's
            // `blockHelperMissing` when there is one (Handlebars.js: it
            // implements sections), with the path as `options.name`.
            let expr = match (expr, host_index(self.host, "blockHelperMissing")) {
                (Expr::Path(p), Some(k)) => {
                    let (pos, name) = (p.pos, Some(p.text.clone()));
                    Expr::Call(Box::new(Call { callee: Callee::Host(k), args: vec![Expr::Path(p)], hash: Vec::new(), pos, name }))
                }
                (expr, _) => expr,
            };
            let kind = match &expr {
                Expr::Lit(_) => return Err(SynErr::syntax("A block needs a name, not a literal", at)),
                Expr::Call(c) => match c.callee {
                    Callee::Host(_) => BlockKind::Host,
                    Callee::Row(r) => match r.kind {
                    Kind::Test => BlockKind::Section,
                    Kind::Body | Kind::Block => BlockKind::Body,
                    Kind::Hide => BlockKind::Hide,
                    Kind::Inline => {
                        let n = r.name;
                        return Err(SynErr::syntax(
                            format!("'{n}' is not a block helper: use it inside a tag, e.g. {{{{{n} ...}}}} or {{{{#if ({n} ...)}}}}"),
                            at,
                        ));
                    }
                    },
                },
                Expr::Path(_) => BlockKind::Section,
            };
            if kind == BlockKind::Body && inverted {
                return Err(SynErr::syntax(format!("'{}' cannot be an inverted block", self.src.get(te.head_text.clone()).unwrap_or("")), at));
            }
            (kind, expr, Vec::new())
        };
        Ok(Frame {
            kind,
            expr,
            hash,
            params: te.params,
            name: self.src.get(te.head_text).unwrap_or("").to_string(),
            offset: tag.span.start,
            pos,
            body: Vec::new(),
            inverse: Vec::new(),
            in_inverse: false,
            inverted,
            chained,
            form: Form::Block,
            inl_body: Vec::new(),
            inl_inverse: Vec::new(),
        })
    }

    fn close(&mut self, tag: &Tag) -> Result<(), SynErr> {
        let name = self.src.get(tag.body.clone()).unwrap_or("").trim();
        loop {
            let Some(frame) = self.stack.pop() else {
                return Err(SynErr::syntax(format!("Unexpected closing tag {{{{/{name}}}}}: no block is open"), tag.span.start));
            };
            if frame.chained {
                let node = frame.finish();
                if let Some(parent) = self.stack.last_mut() {
                    parent.inverse.push(node);
                }
                continue;
            }
            let raw = self.src.get(tag.span.clone()).is_some_and(|t| t.starts_with("{{{{"));
            if !same_block_name(&frame.name, name, raw) {
                let p = frame.pos;
                return Err(SynErr::syntax(
                    format!(
                        "Mismatched closing tag {{{{/{name}}}}}: expected {{{{/{}}}}} for the block opened at line {}, column {}{}",
                        frame.name,
                        p.line,
                        p.column,
                        if raw && original(&frame.name).is_err() { " (a raw block named by a number, boolean, null or undefined is never closed)" } else { "" }
                    ),
                    tag.span.start,
                ));
            }
            if let Form::Inline(name) = frame.form {
                let mut body = frame.body;
                hoist(&mut body, frame.inl_body);
                let k = self.partials.inline(name.clone(), body, self.source, frame.offset)?;
                let defs = match self.stack.last_mut() {
                    Some(f) if f.in_inverse => &mut f.inl_inverse,
                    Some(f) => &mut f.inl_body,
                    None => &mut self.root_inl,
                };
                defs.retain(|(n, _)| **n != *name);
                defs.push((name.into(), k));
                return Ok(());
            }
            let node = frame.finish();
            return push_node(self.target(), node);
        }
    }

    /// The name of `{{#*inline "name"}}`.
    fn inline_name(&self, tag: &Tag) -> Result<String, SynErr> {
        let mut ex = Ex::new(self.src, tag.body.start, tag.body.end, &self.lines).with_dialect(self.dialect).with_host(self.host);
        let te = ex.tag(false)?;
        if !is_name(&te.head, "inline") {
            return Err(SynErr::syntax(
                "Unknown decorator: only {{#*inline \"name\"}}...{{/inline}} is supported",
                te.head_offset,
            ));
        }
        match (te.args.as_slice(), te.hash.is_empty(), te.params.is_empty()) {
            ([Expr::Lit(crate::json::Value::String(name))], true, true) => Ok(name.clone()),
            _ => Err(SynErr::syntax("An inline partial needs one name: {{#*inline \"name\"}}", te.head_offset)),
        }
    }

    /// A partial tag's name, context and hash (`block`: a partial block,
    /// which is never indented).
    fn partial(&mut self, tag: &Tag, block: bool) -> Result<PartialCall, SynErr> {
        let pos = self.pos(tag.span.start);
        let mut ex = Ex::new(self.src, tag.body.start, tag.body.end, &self.lines).with_dialect(self.dialect).with_host(self.host);
        if ex.done() {
            return Err(SynErr::syntax("Partial tag needs a name", tag.span.start));
        }
        let start = ex.i;
        let body = self.src.get(start..tag.body.end).unwrap_or("");
        let indent = if block { "" } else { tag.indent.as_str() };
        let name = match body.as_bytes().first() {
            Some(b'(') => {
                let e = ex.param(None, usize::MAX)?;
                // `(name)` over a value ([`LAMBDA`](super::ast::LAMBDA)) is no helper call either.
                if !matches!(&e, Expr::Call(c) if !matches!(c.callee, Callee::Host(super::ast::LAMBDA))) {
                    return Err(SynErr::syntax(
                        "A dynamic partial name must be a helper call, e.g. {{> (lookup . 'name')}}",
                        start,
                    ));
                }
                self.partials.index_all(start)?;
                PartialName::Dynamic(e)
            }
            Some(q @ (b'"' | b'\'')) => {
                let Some(end) = body.get(1..).and_then(|b| b.find(*q as char)) else {
                    return Err(SynErr::syntax("Unterminated string literal", start));
                };
                ex.i = start + end + 2;
                PartialName::Static(body.get(1..end + 1).unwrap_or("").into())
            }
            Some(b'[') => {
                let Some(end) = body.find(']') else {
                    return Err(SynErr::syntax("Unclosed '[' in partial name", start));
                };
                ex.i = start + end + 1;
                PartialName::Static(body.get(1..end).unwrap_or("").into())
            }
            _ => {
                let len = body.find(|c: char| c.is_ascii_whitespace()).unwrap_or(body.len());
                ex.i = start + len;
                // Outside a partial called as a block, `{{> @partial-block}}`
                // fails when rendered (in a branch that renders), as in
                // Handlebars.js.
                match body.get(..len).unwrap_or("") {
                    "@partial-block" => PartialName::Block,
                    n => PartialName::Static(n.into()),
                }
            }
        };
        let index = match &name {
            PartialName::Static(n) => self.partials.index(n, start)?,
            _ => None,
        };
        let mut context = None;
        let mut hash = Vec::new();
        if !ex.done() {
            let (args, h, params) = ex.args(None, false)?;
            if !params.is_empty() || args.len() > 1 {
                return Err(SynErr::syntax("A partial takes at most one context argument and hash arguments", start));
            }
            context = args.into_iter().next();
            hash = h;
        }
        Ok(PartialCall { name, index, context, hash, body: None, indent: indent.into(), pos })
    }
}

/// Whether `e` is the plain one-segment name `name`.
fn is_name(e: &Expr, name: &str) -> bool {
    matches!(e, Expr::Path(p) if p.kind == PathKind::Normal && p.depth == 0 && p.segs.len() == 1 && &*p.text == name)
}

/// Handlebars.js looks a literal head up as a name: `{{"foo bar"}}`,
/// `{{'x'}}`, `{{12}}` and `{{true}}` read the key `foo bar`, `x`, `12`,
/// `true` of the context.
fn literal_path(head: Expr, args: &[Expr], hash: &[(Box<str>, Expr)], pos: Pos) -> Expr {
    let Expr::Lit(v) = &head else { return head };
    if !args.is_empty() || !hash.is_empty() {
        return head;
    }
    let seg = match v {
        crate::json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Expr::Path(Path { kind: PathKind::Normal, depth: 0, text: seg.as_str().into(), segs: vec![seg.into()], pos })
}

/// Whether a block opened as `open` may be closed by `close`: Handlebars.js
/// compares the two names' `original` — a path without its brackets
/// (`{{#[a]}}…{{/a}}`) or a string literal's value (`{{{{"a"}}}}…{{{{/a}}}}`);
/// a number, boolean, `null` or `undefined` only matches the same literal,
/// and never closes a raw block (whose close is compared as text).
fn same_block_name(open: &str, close: &str, raw: bool) -> bool {
    if open == close {
        // The common case, without allocating.
        return !raw || original(open).is_ok();
    }
    match (original(open), original(close)) {
        (Ok(a), Ok(b)) => a == b,
        (Err(a), Err(b)) => !raw && a == b,
        _ => false,
    }
}

/// A block name's `original`: `Ok` for a path or string literal, `Err`
/// (its text) for a number, boolean, `null` or `undefined`.
fn original(name: &str) -> Result<String, &str> {
    // (Only reached for names that differ as written, or a raw block's.)
    let n = name.trim();
    if let Some(q @ (b'"' | b'\'')) = n.bytes().next() {
        let inner = n.get(1..n.len().saturating_sub(1)).unwrap_or("");
        return Ok(if q == b'"' { inner.replace("\\\"", "\"") } else { inner.replace("\\'", "'") });
    }
    let num = n.strip_prefix('-').unwrap_or(n);
    let is_num = !num.is_empty()
        && num.split_once('.').map_or(num.bytes().all(|c| c.is_ascii_digit()), |(i, f)| {
            !i.is_empty() && !f.is_empty() && i.bytes().chain(f.bytes()).all(|c| c.is_ascii_digit())
        });
    if is_num || matches!(n, "true" | "false" | "null" | "undefined") {
        return Err(n);
    }
    Ok(n.replace(['[', ']'], ""))
}
