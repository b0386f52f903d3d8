//! Tokens -> AST: matches blocks with their closing tags, builds `else`
//! chains, resolves helpers and partials at compile time.

use super::ast::{Block, BlockKind, Expr, Node, Output, PartialCall, Pos};
use super::dialect::Dialect;
use super::expr::{build, is_block_helper, Ex, SynErr, TagExpr};
use super::helpers::Kind;
use super::lexer::{lex, Delimiters, LineIndex, Tag, TagKind, Token};
use std::collections::BTreeMap;

/// Deepest block nesting in one template.
pub const MAX_DEPTH: usize = 100;
/// Most distinct partial variants (name x standalone indentation) compiled for one template.
pub const MAX_PARTIAL_VARIANTS: usize = 64;

/// Partials compiled for a template: each (name, indentation) pair once.
#[derive(Debug, Default)]
pub struct PartialTable<'o> {
    sources: Option<&'o BTreeMap<String, String>>,
    /// (name, indent) of each variant, by index.
    pub variants: Vec<(String, String)>,
}

impl<'o> PartialTable<'o> {
    /// A table over the given partial sources.
    pub fn new(sources: &'o BTreeMap<String, String>) -> Self {
        PartialTable { sources: Some(sources), variants: Vec::new() }
    }

    /// The source of variant `k`, indented.
    pub fn source(&self, k: usize) -> Option<String> {
        let (name, indent) = self.variants.get(k)?;
        let src = self.sources?.get(name)?;
        if indent.is_empty() {
            return Some(src.clone());
        }
        let mut out = String::with_capacity(src.len() + indent.len() * 4);
        for line in src.split_inclusive('\n') {
            out.push_str(indent);
            out.push_str(line);
        }
        Some(out)
    }

    fn index(&mut self, name: &str, indent: &str, offset: usize) -> Result<usize, SynErr> {
        if !self.sources.is_some_and(|s| s.contains_key(name)) {
            return Err(SynErr::syntax(format!("Unknown partial '{name}'"), offset));
        }
        if let Some(k) = self.variants.iter().position(|(n, i)| n == name && i == indent) {
            return Ok(k);
        }
        if self.variants.len() >= MAX_PARTIAL_VARIANTS {
            return Err(SynErr {
                code: "limit_exceeded",
                message: format!("Too many partial variants (more than {MAX_PARTIAL_VARIANTS})"),
                offset,
            });
        }
        self.variants.push((name.to_string(), indent.to_string()));
        Ok(self.variants.len() - 1)
    }
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
}

impl Frame {
    fn finish(self) -> Node {
        let (body, inverse) = if self.inverted { (self.inverse, self.body) } else { (self.body, self.inverse) };
        Node::Block(Box::new(Block {
            kind: self.kind,
            expr: self.expr,
            hash: self.hash,
            params: self.params,
            body,
            inverse,
            pos: self.pos,
        }))
    }

    fn target(&mut self) -> &mut Vec<Node> {
        if self.in_inverse {
            &mut self.inverse
        } else {
            &mut self.body
        }
    }
}

struct Parser<'a, 'o> {
    dialect: &'static Dialect,
    src: &'a str,
    lines: LineIndex,
    partials: &'a mut PartialTable<'o>,
    root: Vec<Node>,
    stack: Vec<Frame>,
}

/// Compile `src`.
pub fn parse(
    src: &str,
    mode: Delimiters,
    partials: &mut PartialTable<'_>,
    dialect: &'static Dialect,
) -> Result<Vec<Node>, (SynErr, LineIndex)> {
    let lines = LineIndex::new(src);
    let tokens = match lex(src, mode) {
        Ok(t) => t,
        Err(e) => return Err((SynErr::syntax(e.message, e.offset), lines)),
    };
    let mut p = Parser { dialect, src, lines, partials, root: Vec::new(), stack: Vec::new() };
    match p.run(tokens) {
        Ok(()) => Ok(p.root),
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
        let mut ex = Ex::new(self.src, tag.body.start, tag.body.end, &self.lines).with_dialect(self.dialect);
        if ex.done() {
            return Err(SynErr::syntax("Empty tag: expected a name", tag.span.start));
        }
        ex.tag(block)
    }

    fn run(&mut self, tokens: Vec<Token>) -> Result<(), SynErr> {
        for tok in tokens {
            match tok {
                Token::Text(t) => {
                    if !t.is_empty() {
                        self.target().push(Node::Text(t.into()));
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
                let at = te.head_offset;
                let expr = build(te.head, te.helper, te.args, te.hash, te.head_pos, false)
                    .map_err(|m| SynErr::syntax(m, at))?;
                let node = Node::Out(Box::new(Output {
                    expr,
                    escape: tag.kind == TagKind::Escaped,
                    raw: (tag.span.start as u32, tag.span.end as u32),
                    pos,
                }));
                self.target().push(node);
                Ok(())
            }
            TagKind::Open | TagKind::Inverse => {
                let frame = self.open(&tag, tag.kind == TagKind::Inverse, false)?;
                self.push(frame, tag.span.start)
            }
            TagKind::Else => {
                let Some(top) = self.stack.last_mut() else {
                    return Err(SynErr::syntax("{{else}} outside a block", tag.span.start));
                };
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
            TagKind::Partial => self.partial(&tag),
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
        let (kind, expr, hash) = if let Some(b) = is_block_helper(&te.head) {
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
            let expr = build(te.head, te.helper, te.args, te.hash, te.head_pos, true).map_err(|m| SynErr::syntax(m, at))?;
            let kind = match &expr {
                Expr::Lit(_) => return Err(SynErr::syntax("A block needs a name, not a literal", at)),
                Expr::Call(c) => match c.helper.kind {
                    Kind::Test => BlockKind::Section,
                    Kind::Body => BlockKind::Body,
                    Kind::Hide => BlockKind::Hide,
                    Kind::Inline => {
                        let n = c.helper.name;
                        return Err(SynErr::syntax(
                            format!("'{n}' is not a block helper: use it inside a tag, e.g. {{{{{n} ...}}}} or {{{{#if ({n} ...)}}}}"),
                            at,
                        ));
                    }
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
            if frame.name != name {
                let p = frame.pos;
                return Err(SynErr::syntax(
                    format!(
                        "Mismatched closing tag {{{{/{name}}}}}: expected {{{{/{}}}}} for the block opened at line {}, column {}",
                        frame.name, p.line, p.column
                    ),
                    tag.span.start,
                ));
            }
            let node = frame.finish();
            self.target().push(node);
            return Ok(());
        }
    }

    fn partial(&mut self, tag: &Tag) -> Result<(), SynErr> {
        let pos = self.pos(tag.span.start);
        let mut ex = Ex::new(self.src, tag.body.start, tag.body.end, &self.lines).with_dialect(self.dialect);
        if ex.done() {
            return Err(SynErr::syntax("Partial tag needs a name", tag.span.start));
        }
        let start = ex.i;
        let body = self.src.get(start..tag.body.end).unwrap_or("");
        let name: String = match body.as_bytes().first() {
            Some(b'(') => return Err(SynErr::syntax("Dynamic partial names are not supported", start)),
            Some(q @ (b'"' | b'\'')) => {
                let Some(end) = body.get(1..).and_then(|b| b.find(*q as char)) else {
                    return Err(SynErr::syntax("Unterminated string literal", start));
                };
                ex.i = start + end + 2;
                body.get(1..end + 1).unwrap_or("").to_string()
            }
            _ => {
                let len = body.find(|c: char| c.is_ascii_whitespace()).unwrap_or(body.len());
                ex.i = start + len;
                body.get(..len).unwrap_or("").to_string()
            }
        };
        let index = self.partials.index(&name, &tag.indent, start)?;
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
        self.target().push(Node::Partial(Box::new(PartialCall { index, context, hash, pos })));
        Ok(())
    }
}

