//! Splits template source into text and tags.
//!
//! Delimiters: `{{ }}` and/or `<< >>` (see [`Delimiters`]) until a Mustache
//! set-delimiter tag `{{=<% %>=}}` replaces them with exactly the given pair.
//!
//! **The `<<` rule.** So that HTML or prose such as `a << b`, `<<<` or
//! `x <<= 2` stays text, `<<` (in `auto` and `angle` modes) opens a tag only
//! when the character right after it (or after `<<~`) can start a tag: a
//! letter, `_`, `$`, a non-ASCII character, or one of `# / ^ ! > { & @ . [ =`
//! (`>` not followed by another `>`), and only when a closing `>>` follows.
//! Anything else is literal text. `{{` always opens a tag (an unclosed `{{`
//! is a syntax error). A backslash before an opening delimiter (`\{{x}}`,
//! `\<<x>>`) prints the tag literally, as in Handlebars.
//!
//! After lexing, Mustache "standalone" lines are stripped: a block, inverse,
//! close, else, comment, partial or set-delimiter tag alone on its line
//! (only spaces/tabs around it) removes that whole line, newline included.
//! Then `~` whitespace control trims the neighbouring text.

use std::ops::Range;

/// Which opening delimiters are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delimiters {
    /// `{{ }}` and `<< >>`.
    #[default]
    Auto,
    /// `{{ }}` only.
    Handlebars,
    /// `<< >>` only.
    Angle,
}

/// What a tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    /// `{{x}}`.
    Escaped,
    /// `{{{x}}}` or `{{&x}}`.
    Raw,
    /// `{{#x}}`.
    Open,
    /// `{{^x}}`.
    Inverse,
    /// `{{/x}}`.
    Close,
    /// `{{else}}`, `{{else if x}}`, `{{^}}`.
    Else,
    /// `{{! }}`, `{{!-- --}}`.
    Comment,
    /// `{{> name}}`.
    Partial,
    /// `{{#> name}}`: a partial block, closed by `{{/name}}`.
    PartialBlock,
    /// `{{#*inline "name"}}`: an inline partial, closed by `{{/inline}}`.
    InlineOpen,
    /// `{{*decorator}}`: a decorator statement (not supported; an error).
    Decorator,
    /// `{{=<% %>=}}`.
    Delim,
}

impl TagKind {
    fn standalone_eligible(self) -> bool {
        !matches!(self, TagKind::Escaped | TagKind::Raw)
    }
}

/// A tag with its byte ranges in the source.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Kind.
    pub kind: TagKind,
    /// The expression inside (after the sigil, before `~` and the closing delimiter).
    pub body: Range<usize>,
    /// The whole tag.
    pub span: Range<usize>,
    /// Indentation of a standalone partial tag.
    pub indent: String,
    strip_before: bool,
    strip_after: bool,
}

/// Lexer output item.
#[derive(Debug, Clone)]
pub enum Token {
    /// Literal text.
    Text(String),
    /// A tag.
    Tag(Tag),
}

/// A lexing error at a byte offset.
#[derive(Debug, Clone)]
pub struct LexError {
    /// Error code: `template_syntax`, or `out_of_memory` when a buffer
    /// that grows with the source could not grow.
    pub code: &'static str,
    /// Message.
    pub message: String,
    /// Byte offset in the source.
    pub offset: usize,
}

/// The buffers that grow with the source (the token list, text runs, the
/// per-token flags) grow fallibly: running out of memory on a huge template
/// is a `ProfileError` (`out_of_memory`), not an abort that kills the wasm
/// instance.
pub(super) fn out_of_memory(offset: usize) -> LexError {
    LexError { code: "out_of_memory", message: "Out of memory while compiling the template".into(), offset }
}

/// `tokens.push(t)`, failing instead of aborting when the list cannot grow.
fn push_token(tokens: &mut Vec<Token>, t: Token, offset: usize) -> Result<(), LexError> {
    tokens.try_reserve(1).map_err(|_| out_of_memory(offset))?;
    tokens.push(t);
    Ok(())
}

/// `text.push_str(part)`, failing instead of aborting.
fn push_text(text: &mut String, part: &str, offset: usize) -> Result<(), LexError> {
    text.try_reserve(part.len()).map_err(|_| out_of_memory(offset))?;
    text.push_str(part);
    Ok(())
}

/// `vec![false; n]`, failing instead of aborting.
fn flags(n: usize) -> Result<Vec<bool>, LexError> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| out_of_memory(0))?;
    v.resize(n, false);
    Ok(v)
}

/// Shared bytes: the lexer copies the current delimiters for every tag
/// (a set-delimiter tag may replace them mid-loop), and a copy must not
/// allocate.
#[derive(Debug, Clone)]
struct Delim {
    open: std::rc::Rc<[u8]>,
    close: std::rc::Rc<[u8]>,
    angle_rule: bool,
}

impl Delim {
    fn new(open: &str, close: &str) -> Self {
        Delim {
            open: open.as_bytes().into(),
            close: close.as_bytes().into(),
            angle_rule: open == "<<",
        }
    }
}

#[inline(always)]
fn starts(b: &[u8], at: usize, pat: &[u8]) -> bool {
    // Delimiters are short: a byte loop beats a memcmp call (and this is
    // forced inline: at opt-level "z" it is otherwise a call per byte).
    let Some(r) = b.get(at..).and_then(|r| r.get(..pat.len())) else { return false };
    // A plain loop, not `.all()`: that stays an out-of-line call at "z".
    for (x, y) in r.iter().zip(pat) {
        if x != y {
            return false;
        }
    }
    true
}

/// Whether `<<` at `j - 2` can open a tag (see the module docs).
fn angle_ok(b: &[u8], mut j: usize) -> bool {
    if b.get(j) == Some(&b'~') {
        j += 1;
    }
    match b.get(j) {
        Some(&c) if c.is_ascii_alphabetic() || c >= 0x80 => true,
        Some(b'_' | b'$' | b'#' | b'/' | b'^' | b'!' | b'{' | b'&' | b'@' | b'.' | b'[' | b'=') => true,
        Some(b'>') => b.get(j + 1) != Some(&b'>'),
        _ => false,
    }
}

/// What earlier searches for one closing pattern (`prefix` + `close`)
/// proved, so that no byte is searched again for the same answer: every
/// unclosed `<<x` (or a quoted string that hides the closing delimiter)
/// would otherwise rescan to the end of the source, O(n²) over a template.
#[derive(Debug, Default)]
struct Memo {
    prefix: Vec<u8>,
    /// A plain search from here (or later) finds nothing.
    plain_none_from: Option<usize>,
    /// Bit per byte: a quote-aware search that reaches this position at the
    /// top level (outside quotes) finds nothing. The walk from a position is
    /// deterministic, so this holds for every later search too.
    dead: Vec<u64>,
    /// Reused buffer of the positions one quote-aware search visits (a
    /// fresh `Vec` per tag was an allocation per tag).
    scratch: Vec<usize>,
}

impl Memo {
    fn is_dead(&self, k: usize) -> bool {
        self.dead.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 == 1)
    }

    fn mark_dead(&mut self, len: usize, visited: &[usize]) {
        if self.dead.is_empty() {
            self.dead = vec![0; len / 64 + 1];
        }
        for &k in visited {
            if let Some(w) = self.dead.get_mut(k / 64) {
                *w |= 1 << (k % 64);
            }
        }
    }
}

/// The memos of every closing pattern the template used, by closing
/// delimiter (then by prefix, one of a few) in a small hash table, so
/// finding one is O(1): a template that switches delimiters (`{{=<% %>=}}`)
/// thousands of times keeps every pair's memo (switching back must not
/// search again) without scanning all of them per tag.
#[derive(Debug, Default)]
struct Memos {
    lists: Vec<(Vec<u8>, Vec<Memo>)>,
    /// Open addressing (FNV-1a of the closing delimiter): positions in
    /// `lists`, 1-based, 0 = empty; at most half full.
    table: Vec<u32>,
}

impl Memos {
    /// The slot of `close` in `table`: its entry, or the empty slot where it goes.
    fn slot(&self, close: &[u8]) -> usize {
        let mask = self.table.len().wrapping_sub(1);
        let mut h = super::ctx::fnv(close) & mask;
        let mut probes = 1;
        while let Some(&at) = self.table.get(h) {
            if at == 0 || self.lists.get(at as usize - 1).is_some_and(|(c, _)| c == close) {
                break;
            }
            h = (h + 1) & mask;
            probes += 1;
        }
        crate::cost::add(probes);
        h
    }

    /// The memo of `prefix` + `close`, created empty the first time.
    fn get(&mut self, prefix: &[u8], close: &[u8]) -> Option<&mut Memo> {
        if (self.lists.len() + 1) * 2 > self.table.len() {
            self.table = vec![0; (self.table.len() * 2).max(8)];
            for i in 0..self.lists.len() {
                let slot = self.slot(self.lists.get(i).map_or(&[][..], |(c, _)| c));
                if let Some(s) = self.table.get_mut(slot) {
                    *s = i as u32 + 1;
                }
            }
        }
        let slot = self.slot(close);
        let at = match self.table.get(slot).copied().unwrap_or(0) {
            0 => {
                self.lists.push((close.to_vec(), Vec::new()));
                if let Some(s) = self.table.get_mut(slot) {
                    *s = self.lists.len() as u32;
                }
                self.lists.len()
            }
            at => at as usize,
        };
        let (_, list) = self.lists.get_mut(at - 1)?;
        let at = match list.iter().position(|m| m.prefix == prefix) {
            Some(at) => at,
            None => {
                list.push(Memo { prefix: prefix.to_vec(), ..Memo::default() });
                list.len() - 1
            }
        };
        list.get_mut(at)
    }
}

/// Find `prefix`, optional `~`, then `close`, from `from`: first skipping
/// quoted strings (when `quotes`), then, if that finds nothing, plainly.
/// Returns (start of prefix, strip_after, end of tag).
fn find_tag_end(
    b: &[u8],
    from: usize,
    prefix: &[u8],
    close: &[u8],
    quotes: bool,
    memos: &mut Memos,
) -> Option<(usize, bool, usize)> {
    let Some(memo) = memos.get(prefix, close) else { return find_close(b, from, prefix, close, None) };
    if memo.plain_none_from.is_some_and(|f| from >= f) {
        return None;
    }
    if quotes {
        if let Some(found) = find_close(b, from, prefix, close, Some(memo)) {
            return Some(found);
        }
    }
    let found = find_close(b, from, prefix, close, None);
    if found.is_none() {
        memo.plain_none_from = Some(memo.plain_none_from.map_or(from, |f| f.min(from)));
    }
    found
}

/// Find `prefix`, optional `~`, then `close`, from `from`. Skips quoted
/// strings when given a memo (whose dead positions it also records).
/// Returns (start of prefix, strip_after, end of tag).
fn find_close(
    b: &[u8],
    from: usize,
    prefix: &[u8],
    close: &[u8],
    mut quotes: Option<&mut Memo>,
) -> Option<(usize, bool, usize)> {
    let mut k = from;
    // Top-level positions this quote-aware search stopped at: all dead if
    // it finds nothing.
    let mut visited = quotes.as_deref_mut().map(|m| std::mem::take(&mut m.scratch)).unwrap_or_default();
    visited.clear();
    // The only bytes that can matter: a quote, or the first byte of what
    // must come next (the prefix, or `~` / the closing delimiter).
    let (first, tilde) = match prefix.first() {
        Some(&p) => (p, p),
        None => (close.first().copied().unwrap_or(0), b'~'),
    };
    let q = quotes.is_some();
    // Bytes walked, for the linear-cost tests (quoted strings included).
    let mut walked = 0;
    while k < b.len() {
        let interesting = |&c: &u8| c == first || c == tilde || (q && (c == b'"' || c == b'\''));
        let skip = b.get(k..).and_then(|r| r.iter().position(interesting));
        match skip {
            Some(n) => k += n,
            None => {
                k = b.len();
                break;
            }
        }
        let c = b.get(k).copied().unwrap_or(0);
        if let Some(memo) = quotes.as_deref() {
            if memo.is_dead(k) {
                break;
            }
            visited.push(k);
        }
        if q && (c == b'"' || c == b'\'') {
            let mut q = k + 1;
            let mut found = None;
            while q < b.len() {
                match b.get(q) {
                    Some(b'\\') => q += 2,
                    Some(&x) if x == c => {
                        found = Some(q);
                        break;
                    }
                    _ => q += 1,
                }
            }
            walked += q - k;
            if let Some(q) = found {
                k = q + 1;
                continue;
            }
        }
        if starts(b, k, prefix) {
            let m = k + prefix.len();
            let found = if starts(b, m, close) {
                Some((k, false, m + close.len()))
            } else if b.get(m) == Some(&b'~') && starts(b, m + 1, close) {
                Some((k, true, m + 1 + close.len()))
            } else {
                None
            };
            if found.is_some() {
                crate::cost::add((walked + k - from) as u64);
                if let Some(memo) = quotes {
                    memo.scratch = visited;
                }
                return found;
            }
        }
        k += 1;
    }
    crate::cost::add((walked + k.min(b.len()).saturating_sub(from)) as u64);
    if let Some(memo) = quotes {
        memo.mark_dead(b.len(), &visited);
        memo.scratch = visited;
    }
    None
}

/// Split `src` into tokens.
pub fn lex(src: &str, mode: Delimiters, standalone: bool) -> Result<Vec<Token>, LexError> {
    let b = src.as_bytes();
    let mut delims = match mode {
        Delimiters::Auto => vec![Delim::new("{{", "}}"), Delim::new("<<", ">>")],
        Delimiters::Handlebars => vec![Delim::new("{{", "}}")],
        Delimiters::Angle => vec![Delim::new("<<", ">>")],
    };
    let mut tokens = Vec::new();
    let mut memos = Memos::default();
    let mut text = String::new();
    let mut text_from = 0;
    let mut i = 0;
    let mut firsts: Vec<u8> = delims.iter().filter_map(|d| d.open.first().copied()).collect();
    while i < b.len() {
        // Skip to the next byte that can start a delimiter.
        let f0 = firsts.first().copied().unwrap_or(0);
        let f1 = firsts.get(1).copied().unwrap_or(f0);
        match b.get(i..).and_then(|rest| rest.iter().position(|&c| c == f0 || c == f1)) {
            Some(k) => i += k,
            None => break,
        }
        let Some(d) = delims.iter().find(|d| starts(b, i, &d.open)) else {
            i += 1;
            continue;
        };
        let d = d.clone();
        let after_open = i + d.open.len();
        if d.angle_rule && !angle_ok(b, after_open) {
            i += 1;
            continue;
        }
        // `\{{x}}` prints the tag literally; `\\{{x}}` is a backslash and a tag.
        if i > 0 && b.get(i - 1) == Some(&b'\\') {
            let double = i > 1 && b.get(i - 2) == Some(&b'\\');
            push_text(&mut text, src.get(text_from..i - 1).unwrap_or(""), i)?;
            text_from = i;
            if !double {
                let end = find_tag_end(b, after_open, b"", &d.close, false, &mut memos).map_or(b.len(), |r| r.2);
                push_text(&mut text, src.get(i..end).unwrap_or(""), i)?;
                text_from = end;
                i = end;
                continue;
            }
        }
        if *d.open == *b"{{" && starts(b, i, b"{{{{") {
            push_text(&mut text, src.get(text_from..i).unwrap_or(""), i)?;
            if !text.is_empty() {
                push_token(&mut tokens, Token::Text(std::mem::take(&mut text)), i)?;
            }
            let end = raw_block(src, i, &mut tokens)?;
            i = end;
            text_from = end;
            continue;
        }
        let mut j = after_open;
        let strip_before = b.get(j) == Some(&b'~');
        if strip_before {
            j += 1;
        }
        let sigil = b.get(j).copied().unwrap_or(0);
        let (kind, body_start, prefix, quotes): (TagKind, usize, &[u8], bool) = match sigil {
            b'{' => (TagKind::Raw, j + 1, b"}", true),
            b'!' if starts(b, j + 1, b"--") => (TagKind::Comment, j + 3, b"--", false),
            b'!' => (TagKind::Comment, j + 1, b"", false),
            b'=' => (TagKind::Delim, j + 1, b"=", false),
            b'#' if b.get(j + 1) == Some(&b'>') => (TagKind::PartialBlock, j + 2, b"", true),
            b'#' if b.get(j + 1) == Some(&b'*') => (TagKind::InlineOpen, j + 2, b"", true),
            b'#' => (TagKind::Open, j + 1, b"", true),
            b'*' => (TagKind::Decorator, j + 1, b"", true),
            b'^' => (TagKind::Inverse, j + 1, b"", true),
            b'/' => (TagKind::Close, j + 1, b"", true),
            b'>' => (TagKind::Partial, j + 1, b"", true),
            b'&' => (TagKind::Raw, j + 1, b"", true),
            _ => (TagKind::Escaped, j, b"", true),
        };
        let found = find_tag_end(b, body_start, prefix, &d.close, quotes, &mut memos);
        let Some((body_end, strip_after, end)) = found else {
            if d.angle_rule {
                i += 1;
                continue;
            }
            let what = match kind {
                TagKind::Comment => "comment",
                TagKind::Raw if sigil == b'{' => "triple-stash tag",
                _ => "tag",
            };
            let close = String::from_utf8_lossy(&d.close).into_owned();
            let prefix = String::from_utf8_lossy(prefix).into_owned();
            return Err(LexError {
                code: "template_syntax",
                message: format!("Unclosed {what}: expected '{prefix}{close}'"),
                offset: i,
            });
        };
        // Handlebars.js reads `}}}` as the end of a triple-stash: `{{a}}}` is
        // a syntax error there, not a tag and a `}`.
        if *d.open == *b"{{" && !(kind == TagKind::Raw && sigil == b'{') && b.get(end) == Some(&b'}') {
            return Err(LexError { code: "template_syntax", message: "Unexpected '}}}': a '{{' tag ends with '}}'".into(), offset: end - 2 });
        }
        push_text(&mut text, src.get(text_from..i).unwrap_or(""), i)?;
        if !text.is_empty() {
            push_token(&mut tokens, Token::Text(std::mem::take(&mut text)), i)?;
        }
        let mut tag = Tag {
            kind,
            body: body_start..body_end,
            span: i..end,
            indent: String::new(),
            strip_before,
            strip_after,
        };
        let body = src.get(body_start..body_end).unwrap_or("");
        match kind {
            TagKind::Escaped => {
                let t = body.trim_start();
                if t == "else" || (t.starts_with("else") && t.as_bytes().get(4).is_some_and(u8::is_ascii_whitespace)) {
                    tag.kind = TagKind::Else;
                    tag.body = body_end - t.len() + 4..body_end;
                }
            }
            TagKind::Inverse if body.trim().is_empty() => tag.kind = TagKind::Else,
            TagKind::Delim => {
                let parts: Vec<&str> = body.split_whitespace().collect();
                match parts.as_slice() {
                    [o, c] if !o.contains('=') && !c.contains('=') => {
                        delims = vec![Delim::new(o, c)];
                        firsts = delims.iter().filter_map(|d| d.open.first().copied()).collect();
                    }
                    _ => {
                        return Err(LexError {
                code: "template_syntax",
                            message: "Invalid set-delimiter tag: expected two delimiters like {{=<% %>=}}".into(),
                            offset: i,
                        })
                    }
                }
            }
            _ => {}
        }
        push_token(&mut tokens, Token::Tag(tag), i)?;
        i = end;
        text_from = end;
    }
    push_text(&mut text, src.get(text_from..).unwrap_or(""), i)?;
    if !text.is_empty() {
        push_token(&mut tokens, Token::Text(text), i)?;
    }
    whitespace(&mut tokens, standalone)?;
    Ok(tokens)
}

/// A raw block `{{{{name args}}}}body{{{{/name}}}}` at `i`: pushes an
/// `Open` tag, the body as one text token (nested raw blocks counted, as
/// Handlebars.js does) and a `Close` tag; returns the end offset. The
/// body is never scanned for tags, standalone lines or `~`.
fn raw_block(src: &str, i: usize, tokens: &mut Vec<Token>) -> Result<usize, LexError> {
    let b = src.as_bytes();
    let body_start = i + 4;
    let Some((body_end, _, open_end)) = find_close(b, body_start, b"", b"}}}}", Some(&mut Memo::default())) else {
        return Err(LexError { code: "template_syntax", message: "Unclosed raw block tag: expected '}}}}'".into(), offset: i });
    };
    let tag = |kind, body: Range<usize>, span: Range<usize>| {
        Token::Tag(Tag { kind, body, span, indent: String::new(), strip_before: false, strip_after: false })
    };
    push_token(tokens, tag(TagKind::Open, body_start..body_end, i..open_end), i)?;
    // Scan for `{{{{` only: one pass, each byte looked at once.
    let mut depth = 0usize;
    let mut k = open_end;
    while let Some(n) = b.get(k..).and_then(|r| r.windows(4).position(|w| w == b"{{{{")) {
        k += n;
        if b.get(k + 4) == Some(&b'/') {
            // A close is `{{{{/` + a Handlebars ID (no spaces, dots,
            // slashes or brackets) + `}}}}`, as Handlebars.js's lexer reads
            // it; anything else there is body text.
            let name_len = b.get(k + 5..).map_or(0, |r| r.iter().take_while(|&&c| is_id_byte(c)).count());
            let name_end = k + 5 + name_len;
            if name_len == 0 || b.get(name_end..name_end + 4) != Some(b"}}}}") {
                k += 4;
                continue;
            }
            if depth == 0 {
                let content = src.get(open_end..k).unwrap_or("");
                if !content.is_empty() {
                    push_token(tokens, Token::Text(content.to_string()), i)?;
                }
                push_token(tokens, tag(TagKind::Close, k + 5..name_end, k..name_end + 4), i)?;
                return Ok(name_end + 4);
            }
            depth -= 1;
            k = name_end + 4;
        } else {
            depth += 1;
            k += 4;
        }
    }
    Err(LexError { code: "template_syntax", message: "Unclosed raw block: expected '{{{{/name}}}}'".into(), offset: i })
}

/// A byte of a Handlebars.js ID (`[^\s!"#%-,\.\/;->@\[-\^`\{-~]`; bytes of
/// non-ASCII characters all are).
fn is_id_byte(c: u8) -> bool {
    !(c.is_ascii_whitespace() || c == 0x0b || b"!\"#%&'()*+,./;<=>@[\\]^`{|}~".contains(&c))
}

fn is_blank(s: &str) -> bool {
    s.bytes().all(|c| c == b' ' || c == b'\t' || c == b'\r')
}

/// Tag indices in the order Handlebars.js's `WhitespaceControl` visits
/// them: the tags inside a block before the block's own open, `else` and
/// close tags (so a standalone partial first in `{{#each xs~}}` keeps its
/// indentation: it is seen before the `~` trims it).
#[inline(never)]
fn post_order(tokens: &[Token]) -> Result<Vec<usize>, LexError> {
    // Room for every token up front: the pushes below never grow it.
    let mut order = Vec::new();
    order.try_reserve_exact(tokens.len()).map_err(|_| out_of_memory(0))?;
    let mut open: Vec<(usize, Vec<usize>)> = Vec::new();
    for (k, tok) in tokens.iter().enumerate() {
        let Token::Tag(tag) = tok else { continue };
        match tag.kind {
            TagKind::Open | TagKind::Inverse | TagKind::PartialBlock | TagKind::InlineOpen => open.push((k, Vec::new())),
            TagKind::Else => match open.last_mut() {
                Some((_, elses)) => elses.push(k),
                None => order.push(k),
            },
            TagKind::Close => {
                if let Some((o, elses)) = open.pop() {
                    order.push(o);
                    order.extend(elses);
                }
                order.push(k);
            }
            _ => order.push(k),
        }
    }
    // Unclosed blocks (a syntax error later).
    for (o, elses) in open {
        order.push(o);
        order.extend(elses);
    }
    Ok(order)
}

/// Standalone lines and `~`, over the tags in [`post_order`] as
/// Handlebars.js's `WhitespaceControl` does: a tag's `~` trims the
/// neighbouring text fully; then, if the tag is standalone (alone on its
/// line in the *original* text), the blanks before it and the rest of its
/// line are removed, unless a `~` already trimmed that side. A standalone
/// partial is indented by the blanks before it only when they were removed
/// here (`{{~> p}}` is not indented).
// Kept out of `lex`: inlined, it slows the scanning loop (opt-level "z").
#[inline(never)]
fn whitespace(tokens: &mut [Token], standalone_lines: bool) -> Result<(), LexError> {
    let n = tokens.len();
    let mut standalone = flags(n)?;
    // Handlebars.js's `ignoreStandalone`: only `~` trims.
    let eligible = if standalone_lines { n } else { 0 };
    for (k, flag) in standalone.iter_mut().enumerate().take(eligible) {
        let Some(Token::Tag(tag)) = tokens.get(k) else { continue };
        if !tag.kind.standalone_eligible() {
            continue;
        }
        let prev_ok = match k.checked_sub(1).and_then(|p| tokens.get(p)) {
            None => true,
            Some(Token::Text(t)) => match t.rfind('\n') {
                Some(nl) => is_blank(t.get(nl + 1..).unwrap_or("")),
                None => k == 1 && is_blank(t),
            },
            Some(Token::Tag(_)) => false,
        };
        let next_ok = match tokens.get(k + 1) {
            None => true,
            Some(Token::Text(t)) => match t.find('\n') {
                Some(nl) => is_blank(t.get(..nl).unwrap_or("")),
                None => k + 2 == n && is_blank(t),
            },
            Some(Token::Tag(_)) => false,
        };
        *flag = prev_ok && next_ok;
    }
    // Text tokens already trimmed on their left (start) / right (end) side.
    let mut start_trimmed = flags(n)?;
    let mut end_trimmed = flags(n)?;
    for k in post_order(tokens)? {
        let (before, after) = match tokens.get(k) {
            Some(Token::Tag(t)) => (t.strip_before, t.strip_after),
            _ => continue,
        };
        if after {
            if let Some(Token::Text(t)) = tokens.get_mut(k + 1) {
                let cut = t.len() - t.trim_start().len();
                t.replace_range(..cut, "");
                if let Some(f) = start_trimmed.get_mut(k + 1) {
                    *f = cut > 0;
                }
            }
        }
        if before {
            if let Some(Token::Text(t)) = k.checked_sub(1).and_then(|p| tokens.get_mut(p)) {
                let keep = t.trim_end().len();
                let cut = t.len() - keep;
                t.truncate(keep);
                if let Some(f) = k.checked_sub(1).and_then(|p| end_trimmed.get_mut(p)) {
                    *f = cut > 0;
                }
            }
        }
        if !standalone.get(k).copied().unwrap_or(false) {
            continue;
        }
        // The rest of the line: blanks and the newline.
        if !start_trimmed.get(k + 1).copied().unwrap_or(true) {
            if let Some(Token::Text(t)) = tokens.get_mut(k + 1) {
                let blanks = t.len() - t.trim_start_matches([' ', '\t']).len();
                let mut cut = blanks;
                if t.get(cut..).is_some_and(|r| r.starts_with("\r\n")) {
                    cut += 2;
                } else if t.get(cut..).is_some_and(|r| r.starts_with('\n')) {
                    cut += 1;
                }
                t.replace_range(..cut, "");
                if let Some(f) = start_trimmed.get_mut(k + 1) {
                    *f = cut > 0;
                }
            }
        }
        // The indentation before it.
        let mut indent = String::new();
        if !k.checked_sub(1).and_then(|p| end_trimmed.get(p)).copied().unwrap_or(true) {
            if let Some(Token::Text(t)) = k.checked_sub(1).and_then(|p| tokens.get_mut(p)) {
                let keep = t.trim_end_matches([' ', '\t']).len();
                indent = t.get(keep..).unwrap_or("").to_string();
                t.truncate(keep);
            }
            if let Some(f) = k.checked_sub(1).and_then(|p| end_trimmed.get_mut(p)) {
                *f = !indent.is_empty();
            }
        }
        if let Some(Token::Tag(tag)) = tokens.get_mut(k) {
            tag.indent = indent;
        }
    }
    Ok(())
}

/// Characters in `bytes`: the bytes that are not UTF-8 continuation bytes.
fn chars(bytes: &[u8]) -> u32 {
    let mut n = 0;
    for &c in bytes {
        n += u32::from(c & 0xC0 != 0x80);
    }
    n
}

/// Byte offset -> 1-based line and column (in characters).
///
/// Computed on demand by scanning forward from the last position asked
/// for: the parser asks in (nearly) increasing order, so a compile costs
/// one pass over the source instead of a table of line starts plus a
/// binary search and a character count per path.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// `(offset, line start, line, column)` of the last answer.
    at: std::cell::Cell<(usize, usize, u32, u32)>,
}

impl LineIndex {
    /// A position finder for `src` (the text is given to each [`pos`](Self::pos) call).
    pub fn new(_src: &str) -> Self {
        LineIndex { at: std::cell::Cell::new((0, 0, 1, 1)) }
    }

    /// Position of byte `offset`.
    pub fn pos(&self, src: &str, offset: usize) -> super::ast::Pos {
        let offset = offset.min(src.len());
        let (mut from, mut start, mut line, mut column) = self.at.get();
        if offset < from {
            if offset >= start {
                // Going back on the same line (a tag's head after its
                // arguments): no newline in between, step back by the
                // characters of the gap.
                let gap = src.as_bytes().get(offset..from).unwrap_or(&[]);
                column = column.saturating_sub(chars(gap));
                self.at.set((offset, start, line, column));
                return super::ast::Pos { line, column };
            }
            // To an earlier line: count again from the start.
            (from, start, line, column) = (0, 0, 1, 1);
        }
        for (k, &c) in src.as_bytes().get(from..offset).unwrap_or(&[]).iter().enumerate() {
            if c == b'\n' {
                line += 1;
                column = 1;
                start = from + k + 1;
            } else if c & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: one more character.
                column += 1;
            }
        }
        self.at.set((offset, start, line, column));
        super::ast::Pos { line, column }
    }
}
