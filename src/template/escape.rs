//! Output helpers: HTML escaping, JavaScript-like stringification of JSON
//! values, and the code frame shown in error messages.

use crate::json::write::append;
use crate::json::Value;

/// The replacement of each byte Handlebars.js escapes (index into
/// [`ESCAPES`], plus one), 0 for every other byte.
const fn escape_of(b: u8) -> u8 {
    match b {
        b'&' => 1,
        b'<' => 2,
        b'>' => 3,
        b'"' => 4,
        b'\'' => 5,
        b'`' => 6,
        b'=' => 7,
        _ => 0,
    }
}

/// [`escape_of`] of every byte, looked up once per output byte.
static ESCAPE_OF: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        if let Some((_, [slot, ..])) = t.split_at_mut_checked(i) {
            *slot = escape_of(i as u8);
        }
        i += 1;
    }
    t
};
static ESCAPES: [&str; 7] = ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#x60;", "&#x3D;"];

/// Append `s` to `out`, HTML-escaping `& < > " ' ` =` exactly like
/// Handlebars.js (`&amp; &lt; &gt; &quot; &#x27; &#x60; &#x3D;`).
pub fn escape_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    // A table lookup per byte: the `match` it replaces compiled to a
    // chain of compares at opt-level z (~25 instructions a byte).
    while let Some(&b) = bytes.get(i) {
        let k = ESCAPE_OF.get(usize::from(b)).copied().unwrap_or(0);
        if k != 0 {
            // `i` and `last` sit on ASCII bytes, hence on char boundaries.
            append(out, s.get(last..i).unwrap_or(""));
            append(out, ESCAPES.get(usize::from(k - 1)).copied().unwrap_or(""));
            last = i + 1;
        }
        i += 1;
    }
    append(out, s.get(last..).unwrap_or(""));
}

/// Append the string form of `v` (as JavaScript's `String(v)` would print
/// it): strings as is, numbers like JS, `true`/`false`, null as nothing,
/// arrays joined with `,`, objects as `[object Object]`.
pub fn stringify_into(out: &mut String, v: &Value, depth: u32) {
    match v {
        Value::Null => {}
        Value::Bool(b) => append(out, if *b { "true" } else { "false" }),
        Value::Number(n) => crate::json::number::write_number(out, n),
        Value::String(s) => append(out, s),
        Value::Array(items) => {
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
        Value::Object(_) => append(out, "[object Object]"),
    }
}

/// `String(v)` as an owned string.
pub fn to_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => {
            let mut s = String::new();
            stringify_into(&mut s, v, 0);
            s
        }
    }
}

/// `message at line L, column C:` followed by the offending source line and
/// a caret under the column. Long lines are cut to a window around it.
pub fn code_frame(source: &str, message: &str, line: u32, column: u32) -> String {
    let text = source.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");
    let chars: Vec<char> = text.chars().collect();
    let col = column.saturating_sub(1) as usize;
    let start = col.saturating_sub(40);
    let end = (col + 40).min(chars.len());
    let mut shown: String = chars.get(start..end.max(start)).unwrap_or(&[]).iter().collect();
    let mut caret_at = col - start;
    if start > 0 {
        shown.insert_str(0, "...");
        caret_at += 3;
    }
    if end < chars.len() {
        shown.push_str("...");
    }
    let shown = shown.replace('\t', " ");
    let gutter = format!("{line} | ");
    format!(
        "{message} at line {line}, column {column}:\n{gutter}{shown}\n{}^",
        " ".repeat(gutter.len() + caret_at)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_json as json;

    fn s(v: Value) -> String {
        to_string(&v)
    }

    #[test]
    fn stringify_like_js() {
        assert_eq!(s(json!(1)), "1");
        assert_eq!(s(json!(1.0)), "1");
        assert_eq!(s(json!(1.5)), "1.5");
        assert_eq!(s(json!(0.1)), "0.1");
        assert_eq!(s(json!(-2.25)), "-2.25");
        assert_eq!(s(json!(1e21)), "1e+21");
        assert_eq!(s(json!(1e-7)), "1e-7");
        assert_eq!(s(json!([1, "a", null, [2, 3]])), "1,a,,2,3");
        assert_eq!(s(json!({"a": 1})), "[object Object]");
        assert_eq!(s(json!(null)), "");
        let mut out = String::new();
        escape_into(&mut out, "<a href=\"x\">'`&</a>");
        assert_eq!(out, "&lt;a href&#x3D;&quot;x&quot;&gt;&#x27;&#x60;&amp;&lt;/a&gt;");
    }

    #[test]
    fn frame() {
        let f = code_frame("ab\n{{#if x}}", "Unclosed block", 2, 1);
        assert_eq!(f, "Unclosed block at line 2, column 1:\n2 | {{#if x}}\n    ^");
    }
}
