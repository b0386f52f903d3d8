//! Compact JSON text of a [`Value`], byte for byte what
//! `serde_json::to_string` writes (the same escapes, numbers through
//! `serde_json::Number`'s own formatting), written straight into a
//! `String` in runs rather than through serde's serializer, char by char.

use super::value::Value;
use std::fmt::Write;

/// Append the JSON text of `v`. Recursion is bounded by the depth limit
/// every input passes ([`super::MAX_DEPTH`]).
pub fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            // Writing into a String cannot fail.
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => map.write_json(out),
    }
}

/// Append `s` as a JSON string: `"` and `\` escaped, control characters as
/// `\b \t \n \f \r` or `\u00xx`; everything else (non-ASCII too) as is.
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
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
        out.push_str(s.get(run..i).unwrap_or(""));
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
            out.push(char::from(HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0')));
        } else {
            out.push_str(esc);
        }
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out.push('"');
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
        out.push('{');
        for (i, (k, item)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(out, k);
            out.push(':');
            write_value(out, item);
        }
        out.push('}');
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
        let _ = write!(out, "{self}");
    }
}

/// `None` is `null`.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
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
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
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
    /// Open the object.
    pub fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Member `key: value`.
    pub fn field(&mut self, key: &str, value: &dyn WriteJson) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
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
        self.out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
