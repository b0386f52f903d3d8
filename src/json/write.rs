//! Compact JSON text of a [`Value`], byte for byte what
//! `serde_json::to_string` writes (the same escapes, numbers through
//! `serde_json::Number`'s own formatting), written straight into a
//! `String` in runs rather than through serde's serializer, char by char.

// `append(out, "{")`, not `push('{')`: at opt-level "z" `String::push` is
// an out-of-line call that UTF-8-encodes its char (measured: 8% of a
// previewJson); a one-byte `append` is one byte store.

use super::value::Value;
use super::number::{write_i64, write_u64};
use std::fmt::Write;

/// Append the JSON text of `v`. Recursion is bounded by the depth limit
/// every input passes ([`super::MAX_DEPTH`]).
pub fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => append(out, "null"),
        Value::Bool(b) => append(out, if *b { "true" } else { "false" }),
        Value::Number(n) => write_json_number(out, n),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            append(out, "[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    append(out, ",");
                }
                write_value(out, item);
            }
            append(out, "]");
        }
        Value::Object(map) => map.write_json(out),
    }
}

/// Append the JSON text of `v` indented as `serde_json`'s `PrettyFormatter`
/// writes it: one member or item a line, `indent` repeated once per level,
/// `": "` after keys, `[]` and `{}` when empty. `level` is the nesting of
/// `v` itself (0 at the top).
pub fn write_pretty(out: &mut String, v: &Value, indent: &str, level: usize) {
    let (open, close, len) = match v {
        Value::Array(items) => ("[", "]", items.len()),
        Value::Object(map) => ("{", "}", map.len()),
        _ => return write_value(out, v),
    };
    append(out, open);
    if len == 0 {
        append(out, close);
        return;
    }
    let line = |out: &mut String, level: usize| {
        append(out, "\n");
        for _ in 0..level {
            append(out, indent);
        }
    };
    let mut first = true;
    let mut item = |out: &mut String, key: Option<&str>, value: &Value| {
        if !first {
            append(out, ",");
        }
        first = false;
        line(out, level + 1);
        if let Some(k) = key {
            write_escaped(out, "\"", k, "\": ");
        }
        write_pretty(out, value, indent, level + 1);
    };
    match v {
        Value::Array(items) => items.iter().for_each(|x| item(out, None, x)),
        Value::Object(map) => map.iter().for_each(|(k, x)| item(out, Some(k), x)),
        _ => {}
    }
    line(out, level);
    append(out, close);
}

/// Append `n` as serde_json writes it: integers digit by digit, floats
/// through `Number`'s `Display` (ryu's shortest round-trip digits).
pub fn write_json_number(out: &mut String, n: &super::Number) {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => write_u64(out, u),
        (None, Some(i)) => write_i64(out, i),
        // Writing into a String cannot fail.
        _ => drop(write!(out, "{n}")),
    }
}

/// Append `s` as a JSON string: `"` and `\` escaped, control characters as
/// `\b \t \n \f \r` or `\u00xx`; everything else (non-ASCII too) as is.
pub fn write_str(out: &mut String, s: &str) {
    write_escaped(out, "\"", s, "\"");
}

/// `open`, the escaped body of `s`, `close`: a string with whatever
/// punctuation surrounds it written in the same pieces (`,"key":`), which
/// at opt-level "z" are each an out-of-line call.
fn write_escaped(out: &mut String, open: &str, s: &str, close: &str) {
    out.reserve(s.len() + open.len() + close.len());
    append(out, open);
    // Most strings need no escape: one copy.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        append(out, s);
        append(out, close);
        return;
    }
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `run..i` ends before an ASCII byte: a char boundary.
        append(out, s.get(run..i).unwrap_or(""));
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let hex = [b'\\', b'u', b'0', b'0', HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'), HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0')];
            append(out, std::str::from_utf8(&hex).unwrap_or(""));
        } else {
            append(out, esc);
        }
        run = i + 1;
    }
    append(out, s.get(run..).unwrap_or(""));
    append(out, close);
}

/// Append `s` to `out`. Pieces of up to 16 bytes (most keys, most profile
/// strings, all punctuation) are copied with two overlapping word loads and
/// stores; longer ones with `push_str`. Why: Rust lowers every variable-length
/// copy to wasm's `memory.copy`, which V8 runs as a call out of the
/// compiled code into the engine (its `memory_copy_wrapper`), tens of
/// instructions before the first byte moves — and a JSON document is
/// written in thousands of such small pieces.
#[inline(never)]
pub(crate) fn append(out: &mut String, s: &str) {
    let n = s.len();
    if n > 16 {
        out.push_str(s);
        return;
    }
    // The room check inline: `reserve` is an out-of-line call at opt-level z.
    if out.capacity() - out.len() < n {
        out.reserve(n);
    }
    // SAFETY: `reserve` made room for `n` more bytes after `len`; every
    // read below is inside `s` (the two reads of each arm cover `0..n`,
    // overlapping when `n` is not the word size) and every write inside
    // the reserved room at the same offsets, so the `n` bytes appended are
    // exactly `s`'s: valid UTF-8, and the new length is initialised.
    unsafe {
        let v = out.as_mut_vec();
        let len = v.len();
        let src = s.as_ptr();
        let dst = v.as_mut_ptr().add(len);
        if n >= 8 {
            let head = src.cast::<u64>().read_unaligned();
            let tail = src.add(n - 8).cast::<u64>().read_unaligned();
            dst.cast::<u64>().write_unaligned(head);
            dst.add(n - 8).cast::<u64>().write_unaligned(tail);
        } else if n >= 4 {
            let head = src.cast::<u32>().read_unaligned();
            let tail = src.add(n - 4).cast::<u32>().read_unaligned();
            dst.cast::<u32>().write_unaligned(head);
            dst.add(n - 4).cast::<u32>().write_unaligned(tail);
        } else if n > 0 {
            // 1 to 3 bytes: first, middle, last.
            *dst = *src;
            *dst.add(n / 2) = *src.add(n / 2);
            *dst.add(n - 1) = *src.add(n - 1);
        }
        v.set_len(len + n);
    }
}

/// The JSON text of `v`.
pub fn to_string(v: &(impl WriteJson + ?Sized)) -> String {
    let mut out = String::new();
    v.write_json(&mut out);
    out
}

/// Writes its own JSON text, byte for byte what `serde_json::to_string`
/// writes for it: the fast path of the results that cross to JS as text
/// (previews, profiles), without serde's serializer.
pub trait WriteJson {
    /// Append the JSON text of `self` to `out`.
    fn write_json(&self, out: &mut String);
}

impl WriteJson for Value {
    fn write_json(&self, out: &mut String) {
        write_value(out, self);
    }
}

impl WriteJson for super::Map {
    fn write_json(&self, out: &mut String) {
        if self.is_empty() {
            append(out, "{}");
            return;
        }
        for (i, (k, item)) in self.iter().enumerate() {
            write_escaped(out, if i == 0 { "{\"" } else { ",\"" }, k, "\":");
            write_value(out, item);
        }
        append(out, "}");
    }
}

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl WriteJson for Box<str> {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl WriteJson for u16 {
    fn write_json(&self, out: &mut String) {
        write_u64(out, u64::from(*self));
    }
}

/// `None` is `null`.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => append(out, "null"),
        }
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut String) {
        append(out, "[");
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                append(out, ",");
            }
            item.write_json(out);
        }
        append(out, "]");
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// Writes a struct as a JSON object, member by member in the order given
/// (the order of the fields, as serde's derive writes them).
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    /// Start an object (its `{` goes out with the first member).
    pub fn new(out: &'o mut String) -> Self {
        ObjectWriter { out, first: true }
    }

    /// Member `key: value`. `key` is a field name (plain ASCII, nothing
    /// to escape), written as is.
    pub fn field(&mut self, key: &str, value: &dyn WriteJson) -> &mut Self {
        debug_assert!(!key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
        append(self.out, if self.first { "{\"" } else { ",\"" });
        self.first = false;
        append(self.out, key);
        append(self.out, "\":");
        value.write_json(self.out);
        self
    }

    /// Member `key: value` when there is a value (`skip_serializing_if =
    /// "Option::is_none"`).
    pub fn opt(&mut self, key: &str, value: Option<&dyn WriteJson>) -> &mut Self {
        if let Some(v) = value {
            self.field(key, v);
        }
        self
    }

    /// Close the object.
    pub fn end(&mut self) {
        append(self.out, if self.first { "{}" } else { "}" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_copies_every_length_exactly() {
        // Every arm (0, 1–3, 4–7, 8–16, longer) and its edges, onto buffers
        // with and without spare room, with multi-byte characters inside.
        let text = "abcé😀defghijklmnopqrstuvwxyz0123456789";
        for start in 0..6 {
            for len in 0..=text.len() - start {
                let (Some(piece), true) = (text.get(start..start + len), text.is_char_boundary(start)) else { continue };
                for prefix in ["", "xyz"] {
                    let mut tight = String::from(prefix);
                    tight.shrink_to_fit();
                    let mut roomy = String::with_capacity(64);
                    roomy.push_str(prefix);
                    for out in [&mut tight, &mut roomy] {
                        append(out, piece);
                        assert_eq!(*out, format!("{prefix}{piece}"));
                    }
                }
            }
        }
    }

    #[test]
    fn pretty_writes_what_serde_json_writes() {
        let texts = [r#"{"a":[1,{"b":[],"c":{}},"x\"y"],"d":{"e":null}}"#, "[]", "{}", "1", r#"[[[]],[{}]]"#];
        for t in texts {
            let theirs: serde_json::Value = serde_json::from_str(t).unwrap();
            for indent in ["  ", "\t", "--"] {
                let mut want = Vec::new();
                let fmt = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
                serde::Serialize::serialize(&theirs, &mut serde_json::Serializer::with_formatter(&mut want, fmt)).unwrap();
                let mut ours = String::new();
                write_pretty(&mut ours, &Value::from(theirs.clone()), indent, 0);
                assert_eq!(ours, String::from_utf8(want).unwrap(), "{t}");
            }
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let texts = [
            r#"{"a":[1,-2,3.5,1e300,0.1,null,true,false],"b":{"c":"x\"\\\/\b\f\n\r\t\u0001\u001fé😀\u007f"}}"#,
            r#"[]"#,
            r#"{}"#,
            r#"[18446744073709551615,-9223372036854775808,1.0,-0.0,2.5e-8]"#,
            r#""\u2028 and \u2029""#,
        ];
        for t in texts {
            let theirs: serde_json::Value = serde_json::from_str(t).unwrap();
            let ours = Value::from(theirs.clone());
            assert_eq!(to_string(&ours), serde_json::to_string(&theirs).unwrap(), "{t}");
            assert_eq!(ours.to_string(), theirs.to_string());
        }
    }
}
