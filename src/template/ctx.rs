//! The renderer's read-only view of a context: a small tree whose strings
//! borrow from where they came from (the JSON bytes, or a [`Value`])
//! and whose objects keep their members in insertion order ([`Obj`]: small
//! ones are searched linearly, wide ones through a hash index built once).
//!
//! [`parse`] reads JSON bytes straight into it (no `Value`, no hashing, no
//! copy of strings without escapes). Duplicate keys keep the first position
//! and the last value, like `JSON.parse`. Helpers still work on `Value`:
//! the renderer converts their arguments with [`Ctx::to_value`].

use super::escape::escape_into;
use crate::json::number::write_number;
use crate::error::{ProfileError, Result};
use crate::json::write::append;
use crate::json::{Map, Number, Value};
use std::borrow::Cow;

/// Array/object nesting at which [`parse`] fails with `limit_exceeded`
/// (serde_json's recursion limit: 127 levels parse, 128 do not).
pub const MAX_DEPTH: u32 = 128;

/// A JSON number packed at 4-byte alignment, so a [`Ctx`] is 16 bytes on
/// wasm32 instead of 24 (`serde_json::Number` holds a `u64`/`f64`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    bits: [u32; 2],
    /// 0: `u64`, 1: `i64`, 2: `f64`.
    kind: u8,
}

impl Num {
    /// Pack `n`.
    pub fn new(n: &Number) -> Num {
        let (bits, kind) = match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => (u, 0),
            (None, Some(i)) => (i as u64, 1),
            (None, None) => (n.as_f64().unwrap_or(0.0).to_bits(), 2),
        };
        Num { bits: [bits as u32, (bits >> 32) as u32], kind }
    }

    /// An unsigned integer.
    pub fn from_u64(u: u64) -> Num {
        Num { bits: [u as u32, (u >> 32) as u32], kind: 0 }
    }

    fn raw(self) -> u64 {
        let [lo, hi] = self.bits;
        u64::from(lo) | (u64::from(hi) << 32)
    }

    /// Unpack.
    pub fn get(self) -> Number {
        let bits = self.raw();
        match self.kind {
            0 => Number::from(bits),
            1 => Number::from(bits as i64),
            _ => Number::from_f64(f64::from_bits(bits)).unwrap_or_else(|| Number::from(0u64)),
        }
    }

    /// As `f64`.
    pub fn as_f64(self) -> f64 {
        let bits = self.raw();
        match self.kind {
            0 => bits as f64,
            1 => bits as i64 as f64,
            _ => f64::from_bits(bits),
        }
    }
}

/// One object member.
pub type Member<'a> = (Cow<'a, str>, Ctx<'a>);

use crate::json::value::INDEX_FROM;

/// An object: unique keys in insertion order, and for more than 16
/// members an open-addressing table of member positions
/// (1-based, 0 = empty; FNV-1a of the key), so [`Obj::get`] is O(1) and not
/// a scan. Derefs to the member slice.
#[derive(Debug, Clone, Default)]
pub struct Obj<'a> {
    members: Box<[Member<'a>]>,
    /// Boxed twice so an `Obj` (and a [`Ctx`]) stays as small as a `Vec`.
    index: Option<Box<Box<[u32]>>>,
}

impl PartialEq for Obj<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
    }
}

impl<'a> std::ops::Deref for Obj<'a> {
    type Target = [Member<'a>];
    fn deref(&self) -> &[Member<'a>] {
        &self.members
    }
}

impl<'o, 'a> IntoIterator for &'o Obj<'a> {
    type Item = &'o Member<'a>;
    type IntoIter = std::slice::Iter<'o, Member<'a>>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

pub(super) use crate::json::value::fnv;

impl<'a> Obj<'a> {
    /// An object of `members`, whose keys must be unique (as [`parse`]
    /// and `serde_json` maps make them).
    pub fn new(members: Vec<Member<'a>>) -> Obj<'a> {
        let index = (members.len() > INDEX_FROM).then(|| {
            let mask = (members.len() * 2).next_power_of_two() - 1;
            let mut table = vec![0u32; mask + 1];
            for (i, (k, _)) in members.iter().enumerate() {
                let mut h = fnv(key_str(k));
                while let Some(slot) = table.get_mut(h & mask) {
                    if *slot == 0 {
                        *slot = i as u32 + 1;
                        break;
                    }
                    h = (h & mask) + 1;
                }
            }
            Box::new(table.into_boxed_slice())
        });
        Obj { members: members.into_boxed_slice(), index }
    }

    /// The members, in order.
    pub fn members(&self) -> &[Member<'a>] {
        &self.members
    }

    /// The value of member `key`. Counts the keys it compares
    /// ([`crate::cost`]): small objects are scanned, wide ones probed.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Ctx<'a>> {
        let key = key.as_bytes();
        let Some(table) = &self.index else {
            // Lengths first: most keys differ in length, no byte compare.
            let mut n = 0;
            let mut found = None;
            for (k, v) in self.members.iter() {
                n += 1;
                let k = key_str(k);
                if k.len() == key.len() && k == key {
                    found = Some(v);
                    break;
                }
            }
            crate::cost::add(n as u64);
            return found;
        };
        let mask = table.len() - 1;
        let mut h = fnv(key);
        let mut probes = 0;
        let found = loop {
            probes += 1;
            match table.get(h & mask) {
                Some(&at) if at != 0 => match self.members.get(at as usize - 1) {
                    Some((k, v)) if key_str(k) == key => break Some(v),
                    _ => h = (h & mask) + 1,
                },
                _ => break None,
            }
        };
        crate::cost::add(probes);
        found
    }
}

/// A JSON value as the renderer reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ctx<'a> {
    /// `null`.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// A number.
    Num(Num),
    /// A string.
    Str(Cow<'a, str>),
    /// An array.
    Arr(Vec<Ctx<'a>>),
    /// An object (unique keys, insertion order).
    Obj(Obj<'a>),
}

impl<'a> Ctx<'a> {
    /// A view of `v` borrowing its strings.
    pub fn borrow(v: &'a Value) -> Ctx<'a> {
        match v {
            Value::Null => Ctx::Null,
            Value::Bool(b) => Ctx::Bool(*b),
            Value::Number(n) => Ctx::Num(Num::new(n)),
            Value::String(s) => Ctx::Str(Cow::Borrowed(s)),
            Value::Array(a) => Ctx::Arr(a.iter().map(Ctx::borrow).collect()),
            Value::Object(m) => Ctx::Obj(Obj::new(m.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Ctx::borrow(v))).collect())),
        }
    }

    /// A view of a literal (a scalar; anything else reads as `null`).
    pub fn scalar(v: &'a Value) -> Ctx<'a> {
        match v {
            Value::Null => Ctx::Null,
            Value::Bool(b) => Ctx::Bool(*b),
            Value::Number(n) => Ctx::Num(Num::new(n)),
            Value::String(s) => Ctx::Str(Cow::Borrowed(s)),
            // Literals are scalars.
            _ => Ctx::Null,
        }
    }

    /// `v` moved into a `Ctx` (strings are moved, not copied).
    pub fn owned(v: Value) -> Ctx<'static> {
        match v {
            Value::Null => Ctx::Null,
            Value::Bool(b) => Ctx::Bool(b),
            Value::Number(n) => Ctx::Num(Num::new(&n)),
            Value::String(s) => Ctx::Str(Cow::Owned(s)),
            // Plain loops: smaller wasm than the in-place `collect` machinery.
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for v in a {
                    out.push(Ctx::owned(v));
                }
                Ctx::Arr(out)
            }
            Value::Object(m) => {
                let mut out = Vec::with_capacity(m.len());
                for (k, v) in m {
                    out.push((Cow::Owned(k), Ctx::owned(v)));
                }
                Ctx::Obj(Obj::new(out))
            }
        }
    }

    /// A [`Value`] copy.
    pub fn to_value(&self) -> Value {
        match self {
            Ctx::Null => Value::Null,
            Ctx::Bool(b) => Value::Bool(*b),
            Ctx::Num(n) => Value::Number(n.get()),
            Ctx::Str(s) => Value::String(s.to_string()),
            Ctx::Arr(a) => {
                let mut out = Vec::with_capacity(a.len());
                for v in a {
                    out.push(v.to_value());
                }
                Value::Array(out)
            }
            Ctx::Obj(m) => {
                let mut out = Vec::with_capacity(m.len());
                for (k, v) in m.iter() {
                    out.push((k.to_string(), v.to_value()));
                }
                // Keys are unique: the reader and `Obj::new` make them so.
                Value::Object(Map::from_unique(out))
            }
        }
    }

    /// `self` as a [`Value`], moving the strings it owns (those with
    /// escapes) and copying the ones it borrows. Every copy is reserved
    /// fallibly: `Err` when the allocator cannot serve one (see
    /// [`crate::json::parse`]: `out_of_memory`, not an abort).
    pub fn into_value(self) -> std::result::Result<Value, std::collections::TryReserveError> {
        fn text(s: Cow<'_, str>) -> std::result::Result<String, std::collections::TryReserveError> {
            match s {
                Cow::Owned(s) => Ok(s),
                Cow::Borrowed(s) => {
                    let mut out = String::new();
                    out.try_reserve_exact(s.len())?;
                    append(&mut out, s);
                    Ok(out)
                }
            }
        }
        Ok(match self {
            Ctx::Null => Value::Null,
            Ctx::Bool(b) => Value::Bool(b),
            Ctx::Num(n) => Value::Number(n.get()),
            Ctx::Str(s) => Value::String(text(s)?),
            Ctx::Arr(a) => {
                let mut out = Vec::new();
                out.try_reserve_exact(a.len())?;
                for v in a {
                    out.push(v.into_value()?);
                }
                Value::Array(out)
            }
            Ctx::Obj(m) => {
                let mut out = Vec::new();
                out.try_reserve_exact(m.len())?;
                for (k, v) in m.members.into_vec() {
                    out.push((text(k)?, v.into_value()?));
                }
                // Same members in the same places: the reader's index serves.
                Value::Object(Map::from_indexed(out, m.index.map(|t| *t)))
            }
        })
    }

    /// `null`?
    pub fn is_null(&self) -> bool {
        matches!(self, Ctx::Null)
    }

    /// Member `key` of an object.
    pub fn member(&self, key: &str) -> Option<&Ctx<'a>> {
        match self {
            Ctx::Obj(m) => m.get(key),
            _ => None,
        }
    }

    /// Handlebars truthiness (see [`super::helpers::truthy`]).
    pub fn truthy(&self, include_zero: bool) -> bool {
        match self {
            Ctx::Null => false,
            Ctx::Bool(b) => *b,
            Ctx::Num(n) => include_zero || n.as_f64() != 0.0,
            Ctx::Str(s) => !s.is_empty(),
            Ctx::Arr(a) => !a.is_empty(),
            Ctx::Obj(_) => true,
        }
    }
}

/// Append the string form of `v` as JavaScript's `String(v)` prints it
/// (see [`super::escape::stringify_into`]).
pub fn stringify_into(out: &mut String, v: &Ctx<'_>, depth: u32) {
    match v {
        Ctx::Null => {}
        Ctx::Bool(b) => append(out, if *b { "true" } else { "false" }),
        Ctx::Num(n) => write_number(out, &n.get()),
        Ctx::Str(s) => append(out, s),
        Ctx::Arr(items) => {
            if depth > 32 {
                return;
            }
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                stringify_into(out, item, depth + 1);
            }
        }
        Ctx::Obj(_) => append(out, "[object Object]"),
    }
}

/// Append `v` to `out`, HTML-escaped or raw.
pub fn write_into(out: &mut String, v: &Ctx<'_>, escape: bool) {
    match v {
        Ctx::Str(s) if escape => escape_into(out, s),
        Ctx::Str(s) => append(out, s),
        Ctx::Arr(_) if escape => {
            let mut tmp = String::new();
            stringify_into(&mut tmp, v, 0);
            escape_into(out, &tmp);
        }
        _ => stringify_into(out, v, 0),
    }
}

/// Parse JSON `bytes` (UTF-8) into a [`Ctx`] borrowing from them. Malformed
/// input fails with code `invalid_json`, nesting [`MAX_DEPTH`] deep with
/// `limit_exceeded`; `what` names the input in the message.
pub fn parse<'a>(bytes: &'a [u8], what: &str) -> Result<Ctx<'a>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let p = Parser { s: "", b: bytes, i: e.valid_up_to(), depth: 0, items: Vec::new(), members: Vec::new() };
            return Err(p.fail(what, "invalid UTF-8"));
        }
    };
    // Scratch sized for typical contexts: no regrowth while parsing them.
    let mut p = Parser { s: text, b: bytes, i: 0, depth: 0, items: Vec::with_capacity(32), members: Vec::with_capacity(32) };
    let v = p.document().map_err(|m| p.fail(what, m))?;
    Ok(v)
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    depth: u32,
    /// Scratch stacks: containers collect their children here and take
    /// them in one exact-size allocation when they close.
    items: Vec<Ctx<'a>>,
    members: Vec<Member<'a>>,
}

type PResult<T> = std::result::Result<T, &'static str>;

const DEPTH_ERROR: &str = "recursion limit exceeded";
/// Every buffer the reader grows is reserved fallibly: an allocator that
/// cannot serve it gives this error (`out_of_memory`) instead of an abort,
/// which in wasm traps and kills the instance.
const OOM_ERROR: &str = "out of memory";

/// `v` with room for `n` more, or [`OOM_ERROR`].
#[inline(always)]
fn room<T>(v: &mut Vec<T>, n: usize) -> PResult<()> {
    if v.capacity() - v.len() < n {
        v.try_reserve(n).map_err(|_| OOM_ERROR)?;
    }
    Ok(())
}

/// `s` with room for `n` more bytes, or [`OOM_ERROR`].
#[inline(always)]
fn room_str(s: &mut String, n: usize) -> PResult<()> {
    if s.capacity() - s.len() < n {
        s.try_reserve(n).map_err(|_| OOM_ERROR)?;
    }
    Ok(())
}

/// Bytes that end the plain run of a JSON string: `"`, `\\` and controls.
static STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        if let Some((_, [slot, ..])) = t.split_at_mut_checked(i) {
            *slot = i < 0x20 || i == b'"' as usize || i == b'\\' as usize;
        }
        i += 1;
    }
    t
};

/// The items of `v` from `base` on, moved into an exact-size vector
/// (`split_off`, but fallible).
fn take_tail<T>(v: &mut Vec<T>, base: usize) -> PResult<Vec<T>> {
    let mut out = Vec::new();
    if base < v.len() {
        out.try_reserve_exact(v.len() - base).map_err(|_| OOM_ERROR)?;
        // Popped and reversed: `extend(drain(..))` is several out-of-line
        // calls at opt-level z, for a handful of items.
        while v.len() > base {
            match v.pop() {
                Some(x) => out.push(x),
                None => break,
            }
        }
        out.reverse();
    }
    Ok(out)
}

impl<'a> Parser<'a> {
    fn fail(&self, what: &str, msg: &str) -> ProfileError {
        let before = self.b.get(..self.i).unwrap_or(self.b);
        let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&c| c != b'\n').count() + 1;
        let code = match msg {
            DEPTH_ERROR => "limit_exceeded",
            OOM_ERROR => "out_of_memory",
            _ => "invalid_json",
        };
        ProfileError::invalid(code, format!("{what}: {msg} at line {line} column {column}"))
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.i += 1;
        }
    }

    fn document(&mut self) -> PResult<Ctx<'a>> {
        self.ws();
        let v = self.value()?;
        self.ws();
        if self.i < self.b.len() {
            return Err("trailing characters");
        }
        Ok(v)
    }

    fn value(&mut self) -> PResult<Ctx<'a>> {
        match self.peek() {
            Some(b'"') => {
                self.i += 1;
                Ok(Ctx::Str(self.string()?))
            }
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b't') => self.word(b"true", Ctx::Bool(true)),
            Some(b'f') => self.word(b"false", Ctx::Bool(false)),
            Some(b'n') => self.word(b"null", Ctx::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err("expected value"),
            None => Err("EOF while parsing a value"),
        }
    }

    fn word(&mut self, w: &[u8], v: Ctx<'a>) -> PResult<Ctx<'a>> {
        if self.b.get(self.i..self.i + w.len()) == Some(w) {
            self.i += w.len();
            Ok(v)
        } else {
            Err("expected value")
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.i += 1;
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(DEPTH_ERROR);
        }
        Ok(())
    }

    fn array(&mut self) -> PResult<Ctx<'a>> {
        self.enter()?;
        let base = self.items.len();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
        } else {
            loop {
                self.ws();
                let v = self.value()?;
                room(&mut self.items, 1)?;
                self.items.push(v);
                self.ws();
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(b']') => {
                        self.i += 1;
                        break;
                    }
                    Some(_) => return Err("expected `,` or `]`"),
                    None => return Err("EOF while parsing a list"),
                }
            }
        }
        self.depth -= 1;
        Ok(Ctx::Arr(take_tail(&mut self.items, base)?))
    }

    fn object(&mut self) -> PResult<Ctx<'a>> {
        self.enter()?;
        let base = self.members.len();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            loop {
                self.ws();
                match self.peek() {
                    Some(b'"') => self.i += 1,
                    Some(_) => return Err("key must be a string"),
                    None => return Err("EOF while parsing an object"),
                }
                let key = self.string()?;
                self.ws();
                if self.peek() != Some(b':') {
                    return Err("expected `:`");
                }
                self.i += 1;
                self.ws();
                let v = self.value()?;
                room(&mut self.members, 1)?;
                self.members.push((key, v));
                self.ws();
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(b'}') => {
                        self.i += 1;
                        break;
                    }
                    Some(_) => return Err("expected `,` or `}`"),
                    None => return Err("EOF while parsing an object"),
                }
            }
        }
        self.depth -= 1;
        let mut members: Vec<Member<'a>> = take_tail(&mut self.members, base)?;
        let index = dedupe(&mut members)?;
        // Exact size (no shrinking realloc, which could fail too) when
        // duplicates were dropped.
        if members.len() != members.capacity() {
            members = take_tail(&mut members, 0)?;
        }
        Ok(Ctx::Obj(Obj { members: members.into_boxed_slice(), index: index.map(Box::new) }))
    }

    /// The rest of a string whose opening quote was consumed.
    fn string(&mut self) -> PResult<Cow<'a, str>> {
        let start = self.i;
        // The plain run: one table lookup a byte (the closure `position`
        // took was an out-of-line call per byte at opt-level z).
        let mut i = start;
        while let Some(&c) = self.b.get(i) {
            if STRING_STOP.get(usize::from(c)).copied().unwrap_or(true) {
                break;
            }
            i += 1;
        }
        self.i = i;
        loop {
            match self.peek() {
                // Slices end on ASCII bytes of valid UTF-8: char boundaries.
                Some(b'"') => {
                    let s = self.s.get(start..self.i).ok_or("invalid string")?;
                    self.i += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err("control character in string"),
                Some(_) => self.i += 1,
                None => return Err("EOF while parsing a string"),
            }
        }
        let mut out = String::new();
        room_str(&mut out, self.i - start + 8)?;
        append(&mut out, self.s.get(start..self.i).unwrap_or(""));
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                Some(0..=0x1f) => return Err("control character in string"),
                Some(_) => {
                    let run = self.i;
                    while let Some(c) = self.peek() {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.i += 1;
                    }
                    let run = self.s.get(run..self.i).ok_or("invalid string")?;
                    room_str(&mut out, run.len())?;
                    append(&mut out, run);
                }
                None => return Err("EOF while parsing a string"),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> PResult<()> {
        let c = self.peek().ok_or("EOF while parsing a string")?;
        self.i += 1;
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let code = match hi {
                    0xD800..=0xDBFF => {
                        if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                            return Err("lone leading surrogate in hex escape");
                        }
                        self.i += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err("lone leading surrogate in hex escape");
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err("lone trailing surrogate in hex escape"),
                    _ => hi,
                };
                char::from_u32(code).ok_or("invalid unicode code point")?
            }
            _ => return Err("invalid escape"),
        };
        room_str(out, 4)?;
        out.push(ch);
        Ok(())
    }

    fn hex4(&mut self) -> PResult<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let c = self.peek().ok_or("EOF while parsing a string")?;
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return Err("invalid escape"),
            };
            n = n * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(n)
    }

    fn number(&mut self) -> PResult<Ctx<'a>> {
        // The longest run of number characters, checked and read by
        // serde_json's number reader (`-0`, floats and integers beyond 64
        // bits exactly as serde_json reads them).
        let start = self.i;
        let rest = self.b.get(start..).unwrap_or(&[]);
        self.i += rest.iter().position(|c| !matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')).unwrap_or(rest.len());
        // Fast path: a plain unsigned integer of up to 19 digits, no leading zero.
        let run = self.b.get(start..self.i).unwrap_or(&[]);
        if matches!(run, [b'1'..=b'9', ..] | [b'0']) && run.len() <= 19 && run.iter().all(u8::is_ascii_digit) {
            let u = run.iter().fold(0u64, |u, &d| u * 10 + u64::from(d - b'0'));
            return Ok(Ctx::Num(Num::from_u64(u)));
        }
        match self.s.get(start..self.i).unwrap_or("").parse::<Number>() {
            Ok(n) => Ok(Ctx::Num(Num::new(&n))),
            Err(_) => {
                self.i = start;
                Err("invalid number")
            }
        }
    }
}

// Takes the `Cow` to match on it inline: its `Deref` is an out-of-line
// call at opt-level z, on the hottest comparison.
#[allow(clippy::ptr_arg)]
#[inline(always)]
fn key_str<'k>(k: &'k Cow<'_, str>) -> &'k [u8] {
    match k {
        Cow::Borrowed(s) => s.as_bytes(),
        Cow::Owned(s) => s.as_bytes(),
    }
}

/// Pairwise check (for small objects).
fn has_duplicate(members: &[Member<'_>]) -> bool {
    let mut rest = members;
    while let Some(((k, _), tail)) = rest.split_first() {
        let k = key_str(k);
        if tail.iter().any(|(k2, _)| {
            let k2 = key_str(k2);
            k2.len() == k.len() && k2 == k
        }) {
            return true;
        }
        rest = tail;
    }
    false
}

/// Keep the first position and the last value of duplicate keys. Small
/// objects are checked pair by pair; larger ones (or ones with duplicates)
/// are rebuilt through the open-addressing table [`Obj`] indexes with,
/// which is returned when the object is wide enough to keep it.
fn dedupe(members: &mut Vec<Member<'_>>) -> PResult<Option<Box<[u32]>>> {
    let n = members.len();
    if n <= INDEX_FROM && !has_duplicate(members) {
        return Ok(None);
    }
    let mask = (n * 2).next_power_of_two() - 1;
    let mut table: Vec<u32> = Vec::new();
    table.try_reserve_exact(mask + 1).map_err(|_| OOM_ERROR)?;
    table.resize(mask + 1, 0);
    let mut out: Vec<Member<'_>> = Vec::new();
    out.try_reserve_exact(n).map_err(|_| OOM_ERROR)?;
    for (k, v) in members.drain(..) {
        let mut h = fnv(key_str(&k));
        loop {
            h &= mask;
            let Some(slot) = table.get_mut(h) else { break };
            if *slot == 0 {
                out.push((k, v));
                *slot = out.len() as u32;
                break;
            }
            if let Some(m) = out.get_mut(*slot as usize - 1).filter(|m| m.0 == k) {
                m.1 = v;
                break;
            }
            h += 1;
        }
    }
    *members = out;
    Ok((members.len() > INDEX_FROM).then(|| table.into_boxed_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_json as json;

    fn p(text: &str) -> Ctx<'_> {
        parse(text.as_bytes(), "context").unwrap()
    }

    fn code(text: &str) -> String {
        parse(text.as_bytes(), "context").unwrap_err().code
    }

    #[test]
    fn parses_like_serde_json() {
        let texts = [
            r#"{"a":1,"b":[true,false,null],"c":{"d":"x"},"e":-2,"f":1.5,"g":"","h":[],"i":{}}"#,
            r#"  [ 1 , 2 ,{ "k" : [ ] } ]  "#,
            r#""plain""#,
            "0",
            "-0",
            "-1",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "-18446744073709551615",
            "1.7976931348623157e308",
            "5e-324",
            "123.456e-2",
            "123456789012345678",
            "1e3",
            "1E-3",
            "2.5e+2",
            "0.1",
            "-0.0",
            r#"{"__proto__":{"x":1},"constructor":"c"}"#,
        ];
        for t in texts {
            let want: Value = serde_json::from_str(t).unwrap();
            let got = p(t);
            assert_eq!(got.to_value(), want, "{t}");
            assert_eq!(got, Ctx::borrow(&want), "{t}");
        }
    }

    #[test]
    fn strings_borrow_without_escapes() {
        assert!(matches!(p(r#""héllo""#), Ctx::Str(Cow::Borrowed("héllo"))));
        assert!(matches!(p(r#""a\nb""#), Ctx::Str(Cow::Owned(_))));
    }

    #[test]
    fn escapes_and_surrogates() {
        let t = r#""q\" b\\ s\/ \b\f\n\r\t \u0041\u00e9\u20AC \ud83d\ude00 end""#;
        assert_eq!(p(t).to_value(), json!("q\" b\\ s/ \u{8}\u{c}\n\r\t Aé€ 😀 end"));
        assert_eq!(p(r#""\uD83D\uDE00""#).to_value(), json!("😀"));
        assert_eq!(code(r#""\ud83d""#), "invalid_json");
        assert_eq!(code(r#""\ud83dx""#), "invalid_json");
        assert_eq!(code(r#""\ud83d\u0041""#), "invalid_json");
        assert_eq!(code(r#""\ude00""#), "invalid_json");
        assert_eq!(code(r#""\u12""#), "invalid_json");
        assert_eq!(code(r#""\x""#), "invalid_json");
    }

    #[test]
    fn numbers() {
        assert_eq!(p("42"), Ctx::Num(Num::from_u64(42)));
        assert_eq!(p("-42").to_value(), json!(-42));
        for n in [json!(0), json!(u64::MAX), json!(i64::MIN), json!(-1), json!(1.5), json!(-0.0), json!(f64::MAX)] {
            let Value::Number(num) = &n else { panic!() };
            assert_eq!(Num::new(num).get(), *num);
            assert_eq!(Num::new(num).as_f64(), num.as_f64().unwrap());
        }
        assert_eq!(p("1.25").to_value(), json!(1.25));
        assert_eq!(p("-1.5e-3").to_value(), json!(-0.0015));
        assert_eq!(code("1e400"), "invalid_json");
        assert_eq!(p("12345678901234567890123").to_value(), json!(1.2345678901234568e22));
    }

    #[test]
    fn malformed_input_is_an_error() {
        for t in [
            "", " ", "{", "[", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "tru", "nul", "01", "1.", ".5",
            "-", "1e", "+1", "\"abc", "\"a\u{1}b\"", "[1]]", "{} x", "NaN", "\"\\", "'a'",
        ] {
            assert_eq!(code(t), "invalid_json", "{t:?}");
        }
        assert_eq!(parse(b"\"\xff\"", "context").unwrap_err().code, "invalid_json");
        let e = parse(b"{\n  \"a\": x}", "context").unwrap_err();
        assert!(e.message.contains("context: expected value at line 2 column 8"), "{}", e.message);
    }

    #[test]
    fn nesting_limit() {
        // The same boundary as serde_json's recursion limit.
        let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(parse(ok.as_bytes(), "c").is_ok());
        assert!(serde_json::from_str::<Value>(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert_eq!(code(&deep), "limit_exceeded");
        assert!(serde_json::from_str::<Value>(&deep).is_err());
        let deep_obj = "{\"a\":".repeat(200) + "1" + &"}".repeat(200);
        assert_eq!(code(&deep_obj), "limit_exceeded");
        // Much deeper input fails the same way, without overflowing the stack.
        assert_eq!(code(&"[".repeat(100_000)), "limit_exceeded");
    }

    /// Truncated and byte-mutated documents never panic, and whatever
    /// parses agrees with serde_json.
    #[test]
    fn mutated_input_never_panics() {
        let doc = br#"{"a":[1,-2.5e3,"x\u00e9\ud83d\ude00\n",{"b":null,"c":true}],"d":{"e":"<&>","f":[]},"g":0}"#;
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut bytes = doc.to_vec();
            let at = (seed % bytes.len() as u64) as usize;
            match seed % 3 {
                0 => bytes.truncate(at),
                1 => bytes[at] = (seed >> 24) as u8,
                _ => {
                    bytes.remove(at);
                }
            }
            let ours = parse(&bytes, "c");
            let theirs = serde_json::from_slice::<Value>(&bytes);
            match (ours, theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a.to_value(), b, "{:?}", String::from_utf8_lossy(&bytes)),
                (Err(_), Err(_)) => {}
                (a, b) => panic!("disagree on {:?}: {a:?} vs {b:?}", String::from_utf8_lossy(&bytes)),
            }
        }
    }

    #[test]
    fn duplicate_keys_keep_first_position_and_last_value() {
        assert_eq!(p(r#"{"a":1,"b":2,"a":3}"#).to_value(), json!({"a": 3, "b": 2}));
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{}\":{i}", i % 20)).collect();
        let text = format!("{{{}}}", keys.join(","));
        let v = p(&text);
        let Ctx::Obj(m) = &v else { panic!("object") };
        assert_eq!(m.len(), 20);
        assert_eq!(v.member("k0"), Some(&Ctx::Num(Num::from_u64(20))));
        assert_eq!(m.first().map(|(k, _)| &**k), Some("k0"));
    }
}
