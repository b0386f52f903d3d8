//! Parses the expression inside a tag: a head (name/path/literal), then
//! positional arguments, `key=value` hash arguments and `as |a b|` block
//! params. Arguments are paths, literals (`"s"`, `'s'`, numbers, `true`,
//! `false`, `null`, `undefined`) or subexpressions `(helper arg ...)`.

use super::ast::{Call, Callee, Expr, Path, PathKind, Pos};
use super::dialect::Dialect;
use super::helpers::Row;
use super::lexer::LineIndex;
use crate::json::Value;

/// Deepest subexpression nesting.
pub const MAX_SUBEXPR_DEPTH: u32 = 50;

/// A syntax error at a byte offset.
#[derive(Debug, Clone)]
pub struct SynErr {
    /// Error code (`template_syntax` or `limit_exceeded`).
    pub code: &'static str,
    /// Message (without the code frame).
    pub message: String,
    /// Byte offset in the source.
    pub offset: usize,
}

impl From<super::lexer::LexError> for SynErr {
    fn from(e: super::lexer::LexError) -> Self {
        SynErr { code: e.code, message: e.message, offset: e.offset }
    }
}

impl SynErr {
    /// A `template_syntax` error.
    pub fn syntax(message: impl Into<String>, offset: usize) -> Self {
        SynErr { code: "template_syntax", message: message.into(), offset }
    }
}

/// The parts of a tag expression.
#[derive(Debug)]
pub struct TagExpr {
    /// The first item.
    pub head: Expr,
    /// Byte offset of the head.
    pub head_offset: usize,
    /// Position of the head.
    pub head_pos: Pos,
    /// The head as written.
    pub head_text: std::ops::Range<usize>,
    /// Helper named by the head, if any.
    pub helper: Option<Callee>,
    /// Positional arguments.
    pub args: Vec<Expr>,
    /// Hash arguments.
    pub hash: Vec<(Box<str>, Expr)>,
    /// Block params.
    pub params: Vec<Box<str>>,
}

#[inline(always)]
fn is_id(c: u8) -> bool {
    !c.is_ascii_whitespace()
        && !matches!(
            c,
            b'!' | b'"' | b'#' | b'%' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b'.' | b'/' | b';' | b'<'
                | b'=' | b'>' | b'@' | b'[' | b'\\' | b']' | b'^' | b'`' | b'{' | b'|' | b'}' | b'~'
        )
}

/// Expression parser over `src[i..end]`.
pub struct Ex<'s> {
    src: &'s str,
    b: &'s [u8],
    /// Current byte offset.
    pub i: usize,
    end: usize,
    lines: &'s LineIndex,
    depth: u32,
    dialect: &'static Dialect,
    host: &'s [String],
}

impl<'s> Ex<'s> {
    /// Parse `src[start..end]`.
    pub fn new(src: &'s str, start: usize, end: usize, lines: &'s LineIndex) -> Self {
        Ex { src, b: src.as_bytes(), i: start, end: end.min(src.len()), lines, depth: 0, dialect: &super::dialect::COURIER, host: &[] }
    }

    /// Resolve helper names in `dialect` (default: Courier).
    pub fn with_dialect(mut self, dialect: &'static Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    /// Also resolve the template's host helpers (they override built-ins
    /// of the same name, as a registered helper does in Handlebars.js).
    pub fn with_host(mut self, host: &'s [String]) -> Self {
        self.host = host;
        self
    }

    /// The helper a head names: a plain one-segment name that is a host
    /// helper of the template or a helper of the dialect.
    pub fn helper_of(&self, head: &Expr) -> Option<Callee> {
        match head {
            Expr::Path(p) if p.kind == PathKind::Normal && p.depth == 0 && p.segs.len() == 1 && !p.text.starts_with('[') => {
                let name = p.segs.first()?;
                if let Some(k) = self.host.iter().position(|h| h.as_str() == &**name) {
                    return Some(Callee::Host(k as u32));
                }
                self.dialect.helper(name).map(Callee::Row)
            }
            _ => None,
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(self.src, offset)
    }

    // The byte accessors are forced inline: at opt-level "z" they would
    // otherwise be a call per byte of every tag.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        if self.i < self.end {
            self.b.get(self.i).copied()
        } else {
            None
        }
    }

    #[inline(always)]
    fn at(&self, k: usize) -> Option<u8> {
        if k < self.end {
            self.b.get(k).copied()
        } else {
            None
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    /// Skip blanks; true when nothing is left.
    pub fn done(&mut self) -> bool {
        self.ws();
        self.i >= self.end
    }

    fn term(&self, k: usize) -> bool {
        match self.at(k) {
            None => true,
            Some(c) => c.is_ascii_whitespace() || matches!(c, b')' | b'(' | b'|' | b'='),
        }
    }

    fn text(&self, from: usize, to: usize) -> &'s str {
        self.src.get(from..to).unwrap_or("")
    }

    fn unexpected(&self) -> SynErr {
        match self.src.get(self.i..).and_then(|s| s.chars().next()) {
            Some(c) => SynErr::syntax(format!("Unexpected character '{c}' in tag"), self.i),
            None => SynErr::syntax("Unexpected end of tag", self.i),
        }
    }

    /// A path at the current position.
    pub fn path(&mut self) -> Result<Path, SynErr> {
        let start = self.i;
        let mut kind = PathKind::Normal;
        let mut depth = 0;
        if self.peek() == Some(b'@') {
            kind = PathKind::Data;
            self.i += 1;
        }
        loop {
            if self.peek() == Some(b'.') && self.at(self.i + 1) == Some(b'.') {
                if self.at(self.i + 2) == Some(b'/') {
                    depth += 1;
                    self.i += 3;
                    continue;
                }
                if self.term(self.i + 2) {
                    depth += 1;
                    self.i += 2;
                }
            }
            break;
        }
        if depth > 0 && kind == PathKind::Normal {
            kind = PathKind::Local;
        }
        let mut segs: Vec<Box<str>> = Vec::new();
        let mut first_bracketed = false;
        if self.peek() == Some(b'.') && self.at(self.i + 1) == Some(b'/') {
            self.i += 2;
            if kind == PathKind::Normal {
                kind = PathKind::Local;
            }
        } else if self.peek() == Some(b'.') && self.term(self.i + 1) {
            self.i += 1;
            if kind == PathKind::Normal {
                kind = PathKind::Local;
            }
            return Ok(self.finish_path(kind, depth, segs, start));
        }
        if depth > 0 && self.term(self.i) {
            return Ok(self.finish_path(kind, depth, segs, start));
        }
        loop {
            if self.peek() == Some(b'[') {
                let from = self.i + 1;
                let mut k = from;
                while matches!(self.at(k), Some(c) if c != b']') {
                    k += 1;
                }
                if self.at(k) != Some(b']') {
                    return Err(SynErr::syntax("Unclosed '[' in path", self.i));
                }
                if segs.is_empty() {
                    first_bracketed = true;
                }
                segs.push(self.text(from, k).into());
                self.i = k + 1;
            } else {
                let from = self.i;
                while matches!(self.peek(), Some(c) if is_id(c)) {
                    self.i += 1;
                }
                if from == self.i {
                    return Err(if segs.is_empty() && self.i >= self.end {
                        SynErr::syntax("Expected a name", self.i)
                    } else {
                        self.unexpected()
                    });
                }
                let seg = self.text(from, self.i);
                if !segs.is_empty() && matches!(seg, "this" | "." | "..") {
                    return Err(SynErr::syntax(
                        format!("Invalid path: {}: 'this' can only start a path", self.text(start, self.i)),
                        start,
                    ));
                }
                segs.push(seg.into());
            }
            if matches!(self.peek(), Some(b'.' | b'/')) && !self.term(self.i + 1) {
                self.i += 1;
                continue;
            }
            break;
        }
        if !self.term(self.i) {
            return Err(self.unexpected());
        }
        if kind == PathKind::Normal && !first_bracketed && segs.first().is_some_and(|s| &**s == "this") {
            kind = PathKind::Local;
            segs.remove(0);
        } else if kind == PathKind::Data && segs.first().is_some_and(|s| &**s == "root") {
            kind = PathKind::Root;
            segs.remove(0);
        }
        Ok(self.finish_path(kind, depth, segs, start))
    }

    fn finish_path(&self, kind: PathKind, depth: u32, segs: Vec<Box<str>>, start: usize) -> Path {
        Path { kind, depth, segs, text: self.text(start, self.i).into(), pos: self.pos(start) }
    }

    fn string(&mut self, quote: u8) -> Result<String, SynErr> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        let mut from = self.i;
        loop {
            match self.peek() {
                None => return Err(SynErr::syntax("Unterminated string literal", start)),
                Some(b'\\') if self.at(self.i + 1) == Some(quote) => {
                    out.push_str(self.text(from, self.i));
                    self.i += 1;
                    from = self.i;
                    self.i += 1;
                }
                Some(c) if c == quote => {
                    out.push_str(self.text(from, self.i));
                    self.i += 1;
                    return Ok(out);
                }
                Some(_) => self.i += 1,
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let mut k = start;
        if self.at(k) == Some(b'-') {
            k += 1;
        }
        let digits = |k: &mut usize, me: &Self| {
            let s = *k;
            while me.at(*k).is_some_and(|c| c.is_ascii_digit()) {
                *k += 1;
            }
            *k > s
        };
        if !digits(&mut k, self) {
            return None;
        }
        if self.at(k) == Some(b'.') && self.at(k + 1).is_some_and(|c| c.is_ascii_digit()) {
            k += 1;
            digits(&mut k, self);
        }
        if !self.term(k) {
            return None;
        }
        let text = self.text(start, k);
        let v = match text.parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => serde_json::Number::from_f64(crate::json::number::parse_f64(text)?).map(Value::Number)?,
        };
        self.i = k;
        Some(v)
    }

    /// One argument.
    pub fn param(&mut self, helper: Option<&'static Row>, index: usize) -> Result<Expr, SynErr> {
        self.ws();
        match self.peek() {
            None => Err(SynErr::syntax("Expected an argument", self.i)),
            Some(b'(') => self.sub(),
            Some(q @ (b'"' | b'\'')) => {
                let start = self.i;
                let s = self.string(q)?;
                // `var "profile.x"` / `path "items[0].name"`: the string is a
                // path (Handlebars or JSONPath syntax).
                if index == 0 && helper.is_some_and(|h| takes_path(h.name)) {
                    // `$`-rooted text is JSONPath only (`$` is also a
                    // valid Handlebars name).
                    if s.starts_with('$') {
                        if let Some((kind, segs)) = jsonpath(&s) {
                            let pos = self.pos(start + 1);
                            return Ok(Expr::Path(Path { kind, depth: 0, segs, text: s.into(), pos }));
                        }
                    }
                    let mut inner = Ex::new(self.src, start + 1, self.i - 1, self.lines).with_host(self.host);
                    if let Ok(p) = inner.path() {
                        if inner.done() {
                            return Ok(Expr::Path(p));
                        }
                    }
                    if let Some((kind, segs)) = jsonpath(&s) {
                        let pos = self.pos(start + 1);
                        return Ok(Expr::Path(Path { kind, depth: 0, segs, text: s.into(), pos }));
                    }
                }
                Ok(Expr::Lit(Value::String(s)))
            }
            Some(c) if c.is_ascii_digit() || c == b'-' => match self.number() {
                Some(v) => Ok(Expr::Lit(v)),
                None => Ok(Expr::Path(self.path()?)),
            },
            Some(_) => {
                let p = self.path()?;
                if p.kind == PathKind::Normal && p.segs.len() == 1 && p.depth == 0 {
                    match &*p.text {
                        "true" => return Ok(Expr::Lit(Value::Bool(true))),
                        "false" => return Ok(Expr::Lit(Value::Bool(false))),
                        "null" | "undefined" => return Ok(Expr::Lit(Value::Null)),
                        _ => {}
                    }
                }
                Ok(Expr::Path(p))
            }
        }
    }

    fn sub(&mut self) -> Result<Expr, SynErr> {
        let open = self.i;
        self.depth += 1;
        if self.depth > MAX_SUBEXPR_DEPTH {
            return Err(SynErr { code: "limit_exceeded", message: "Subexpressions nested too deeply".into(), offset: open });
        }
        self.i += 1;
        self.ws();
        let head_offset = self.i;
        // Positions are asked for in source order (see `LineIndex`).
        let head_pos = self.pos(head_offset);
        let head = self.param(None, usize::MAX)?;
        let helper = self.helper_of(&head);
        let (args, hash, params) = self.args(helper, true)?;
        if !params.is_empty() {
            return Err(SynErr::syntax("Block params are not allowed in a subexpression", open));
        }
        self.depth -= 1;
        let e = build(head, helper, args, hash, head_pos, true, host_index(self.host, "helperMissing")).map_err(|m| SynErr::syntax(m, head_offset))?;
        let e = lambda(e, head_pos);
        block_only(&e).map_or(Ok(e), |m| Err(SynErr::syntax(m, head_offset)))
    }

    /// Arguments up to the end (or `)` when `in_sub`).
    #[allow(clippy::type_complexity)]
    pub fn args(
        &mut self,
        helper: Option<Callee>,
        in_sub: bool,
    ) -> Result<(Vec<Expr>, Vec<(Box<str>, Expr)>, Vec<Box<str>>), SynErr> {
        let mut args = Vec::new();
        let mut hash = Vec::new();
        let mut params = Vec::new();
        loop {
            self.ws();
            match self.peek() {
                None if in_sub => return Err(SynErr::syntax("Unclosed '(' in subexpression", self.i)),
                None => break,
                Some(b')') if in_sub => {
                    self.i += 1;
                    break;
                }
                Some(b')') => return Err(self.unexpected()),
                _ => {}
            }
            // `as |a b|`
            if !in_sub && self.text(self.i, self.end).starts_with("as") && self.at(self.i + 2).is_some_and(|c| c.is_ascii_whitespace()) {
                let save = self.i;
                self.i += 2;
                self.ws();
                if self.peek() == Some(b'|') {
                    self.i += 1;
                    loop {
                        self.ws();
                        match self.peek() {
                            Some(b'|') => {
                                self.i += 1;
                                break;
                            }
                            Some(c) if is_id(c) => {
                                let from = self.i;
                                while matches!(self.peek(), Some(c) if is_id(c)) {
                                    self.i += 1;
                                }
                                params.push(self.text(from, self.i).into());
                            }
                            _ => return Err(SynErr::syntax("Invalid block params: expected 'as |name index|'", save)),
                        }
                    }
                    if !self.done() {
                        return Err(self.unexpected());
                    }
                    break;
                }
                self.i = save;
            }
            // `key=value`
            let mut k = self.i;
            while matches!(self.at(k), Some(c) if is_id(c)) {
                k += 1;
            }
            if k > self.i && self.at(k) == Some(b'=') {
                let key: Box<str> = self.text(self.i, k).into();
                self.i = k + 1;
                let v = self.param(None, usize::MAX)?;
                hash.push((key, v));
                continue;
            }
            let idx = args.len();
            args.push(self.param(helper.and_then(Callee::row), idx)?);
        }
        Ok((args, hash, params))
    }

    /// The whole tag expression.
    pub fn tag(&mut self, keywords_as_paths: bool) -> Result<TagExpr, SynErr> {
        self.ws();
        let head_offset = self.i;
        let head_pos = self.pos(head_offset);
        let mut head = self.param(None, usize::MAX)?;
        if keywords_as_paths && matches!(head, Expr::Lit(Value::Bool(_) | Value::Null)) {
            self.i = head_offset;
            head = Expr::Path(self.path()?);
        }
        let head_text = head_offset..self.i;
        let helper = self.helper_of(&head);
        let (args, hash, params) = self.args(helper, false)?;
        Ok(TagExpr { head, head_offset, head_pos, head_text, helper, args, hash, params })
    }
}

/// Helpers whose first argument names a variable (`var "a.b"`).
fn takes_path(name: &str) -> bool {
    matches!(name, "var" | "path" | "inline-var" | "get-list-items")
}

/// Courier's JSONPath subset for `var`/`path`: `a.b`, `a[0]`, `a["k"]`,
/// `a['k']`, optionally rooted at `$` (the root) or `@` (this).
pub fn jsonpath(text: &str) -> Option<(PathKind, Vec<Box<str>>)> {
    let (kind, mut rest) = match text.as_bytes().first() {
        Some(b'$') => (PathKind::Root, text.get(1..)?),
        Some(b'@') => (PathKind::Local, text.get(1..)?),
        _ => (PathKind::Normal, text),
    };
    let mut segs: Vec<Box<str>> = Vec::new();
    let name = |t: &str| t.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$').count();
    if kind == PathKind::Normal {
        let n = name(rest);
        if n == 0 {
            return None;
        }
        segs.push(rest.get(..n)?.into());
        rest = rest.get(n..)?;
    }
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let n = name(r);
            if n == 0 {
                return None;
            }
            segs.push(r.get(..n)?.into());
            rest = r.get(n..)?;
        } else if let Some(r) = rest.strip_prefix('[') {
            let (seg, after) = match r.as_bytes().first() {
                Some(q @ (b'"' | b'\'')) => {
                    let body = r.get(1..)?;
                    let end = body.find(*q as char)?;
                    (body.get(..end)?, body.get(end + 1..)?.strip_prefix(']')?)
                }
                _ => {
                    let end = r.find(']')?;
                    let digits = r.get(..end)?;
                    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    (digits, r.get(end + 1..)?)
                }
            };
            segs.push(seg.into());
            rest = after;
        } else {
            return None;
        }
    }
    Some((kind, segs))
}

/// A zero-argument subexpression over a name that is no helper, `(bar)`
/// or `(false)` (a literal names a context key, as in Handlebars.js):
/// a [`LAMBDA`](super::ast::LAMBDA) call, so a function value is called.
fn lambda(e: Expr, pos: Pos) -> Expr {
    let path = match e {
        Expr::Path(p) if p.kind == PathKind::Normal => p,
        Expr::Lit(ref v @ (Value::Bool(_) | Value::Number(_) | Value::String(_))) => {
            let text: Box<str> = match v {
                Value::String(s) => s.as_str().into(),
                other => other.to_string().into(),
            };
            Path { kind: PathKind::Normal, depth: 0, segs: vec![text.clone()], text, pos }
        }
        other => return other,
    };
    let (pos, name) = (path.pos, Some(path.text.clone()));
    Expr::Call(Box::new(Call { callee: Callee::Host(super::ast::LAMBDA), args: vec![Expr::Path(path)], hash: Vec::new(), pos, name }))
}

/// Index of host helper `name` (`helperMissing`, `blockHelperMissing`).
pub fn host_index(host: &[String], name: &str) -> Option<u32> {
    host.iter().position(|h| h == name).map(|k| k as u32)
}

/// The error for a block-only helper (`Kind::Block`) called outside a
/// block tag (`{{replace-all "a" "b"}}`, `(courier-block "x")`).
pub fn block_only(e: &Expr) -> Option<String> {
    match e {
        Expr::Call(c) => match c.callee {
            Callee::Row(r) if r.kind == super::helpers::Kind::Block => {
                let n = r.name;
                Some(format!("'{n}' is a block helper: write {{{{#{n} ...}}}}...{{{{/{n}}}}}"))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Whether `name` is a built-in block helper.
pub fn is_block_helper(head: &Expr) -> Option<&'static str> {
    match head {
        Expr::Path(p) if p.kind == PathKind::Normal && p.depth == 0 && p.segs.len() == 1 => {
            match p.segs.first().map(|s| &**s) {
                Some("if") => Some("if"),
                Some("unless") => Some("unless"),
                Some("each") => Some("each"),
                Some("with") => Some("with"),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Turn a head and its arguments into an expression: a name that is a
/// helper of the dialect is a call, checked for arity and literal patterns
/// here; otherwise a bare head is a path/literal, and a head with arguments
/// is an unknown helper. A helper name alone in an output tag (`{{trim}}`)
/// stays a variable; `force` (subexpressions and blocks) makes it a call,
/// so `(and)` and `{{#trim}}` call their helper. `missing` is the host's
/// `helperMissing`: a name with arguments that is no helper calls it (as
/// Handlebars.js) instead of failing.
pub fn build(
    head: Expr,
    helper: Option<Callee>,
    args: Vec<Expr>,
    hash: Vec<(Box<str>, Expr)>,
    pos: Pos,
    force: bool,
    missing: Option<u32>,
) -> Result<Expr, String> {
    // A host helper is called even alone in a tag (`{{name}}`), as a
    // registered helper is in Handlebars.js; its arity is its own business.
    if let Some(Callee::Host(k)) = helper {
        return Ok(Expr::Call(Box::new(Call { callee: Callee::Host(k), args, hash, pos, name: None })));
    }
    if let Some(h) = helper.and_then(Callee::row).filter(|h| force || h.called_alone() || !args.is_empty() || !hash.is_empty()) {
        if !h.arity_ok(args.len()) {
            return Err(format!("'{}' takes {}, got {}", h.name, h.arity_text(), args.len()));
        }
        if let (Some(lint), Some(Expr::Lit(crate::json::Value::String(p)))) = (h.lint, args.get(1)) {
            lint(p)?;
        }
        return Ok(Expr::Call(Box::new(Call { callee: Callee::Row(h), args, hash, pos, name: None })));
    }
    if args.is_empty() && hash.is_empty() {
        return Ok(head);
    }
    if let Some(b) = is_block_helper(&head) {
        return Err(format!("'{b}' is a block helper: write {{{{#{b} ...}}}}...{{{{/{b}}}}}"));
    }
    match &head {
        Expr::Path(p) => match missing {
            Some(k) => Ok(Expr::Call(Box::new(Call { callee: Callee::Host(k), args, hash, pos, name: Some(p.text.clone()) }))),
            None => Err(format!("Unknown helper '{}'", p.text)),
        },
        _ => Err("A literal cannot take arguments".to_string()),
    }
}
