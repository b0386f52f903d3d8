//! String helpers: case, trimming, `truncate`, `concat`, `split` and
//! Courier's `format` (sprintf).

use super::{int_arg, s, text, Args};
use crate::json::Value;

fn cap_first(t: &str) -> String {
    let mut c = t.chars();
    match c.next() {
        Some(f) => {
            let mut out = crate::host::uppercase(f.encode_utf8(&mut [0; 4]));
            out.push_str(c.as_str());
            out
        }
        None => String::new(),
    }
}

/// Courier's `capitalize text`: the first character upper-cased; nothing
/// for a missing value; any other non-string is an error (Courier's
/// renderer calls string methods on it and fails).
pub fn capitalize(a: &Args<'_>) -> Result<Value, String> {
    match a.get(0) {
        Value::String(t) => text(cap_first(t)),
        Value::Null => text(""),
        other => Err(format!("capitalize expects a string, got {}", super::type_name(other))),
    }
}

/// `uppercase x` (`String(x)`).
pub fn uppercase(a: &Args<'_>) -> Result<Value, String> {
    text(crate::host::uppercase(&s(a.get(0))))
}

/// `lowercase x` (`String(x)`).
pub fn lowercase(a: &Args<'_>) -> Result<Value, String> {
    text(crate::host::lowercase(&s(a.get(0))))
}

/// SuprSend's `capitalize`: `''` for a non-string.
pub fn capitalize_str(a: &Args<'_>) -> Result<Value, String> {
    text(match a.get(0) {
        Value::String(t) => cap_first(t),
        _ => String::new(),
    })
}

/// SuprSend's `uppercase`: `''` for a non-string.
pub fn uppercase_str(a: &Args<'_>) -> Result<Value, String> {
    text(match a.get(0) {
        Value::String(t) => crate::host::uppercase(t),
        _ => String::new(),
    })
}

/// SuprSend's `lowercase`: `''` for a non-string.
pub fn lowercase_str(a: &Args<'_>) -> Result<Value, String> {
    text(match a.get(0) {
        Value::String(t) => crate::host::lowercase(t),
        _ => String::new(),
    })
}

/// `trim x` (as a block: the rendered body).
pub fn trim(a: &Args<'_>) -> Result<Value, String> {
    text(s(a.get(0)).trim())
}

/// `trim-left x`.
pub fn trim_left(a: &Args<'_>) -> Result<Value, String> {
    text(s(a.get(0)).trim_start())
}

/// `trim-right x`.
pub fn trim_right(a: &Args<'_>) -> Result<Value, String> {
    text(s(a.get(0)).trim_end())
}

/// Courier's `trim-one-char-right "text\ "`: drops the last character (a
/// workaround for a trailing backslash in a Handlebars string literal).
pub fn trim_one_char_right(a: &Args<'_>) -> Result<Value, String> {
    match a.get(0) {
        Value::String(t) => {
            let mut t = t.clone();
            t.pop();
            text(t)
        }
        other => Err(format!("trim-one-char-right expects a string, got {}", super::type_name(other))),
    }
}

/// `truncate text length [suffix]`: the suffix is not counted (Courier:
/// `text.substring(0, length) + suffix`); a non-string is returned as is.
pub fn truncate(a: &Args<'_>) -> Result<Value, String> {
    let Value::String(t) = a.get(0) else { return Ok(a.get(0).clone()) };
    let limit = int_arg(a.get(1), a.name)?.max(0) as usize;
    if t.chars().count() <= limit {
        return text(t.as_str());
    }
    let mut out: String = t.chars().take(limit).collect();
    if let Value::String(suffix) = a.get(2) {
        out.push_str(suffix);
    }
    text(out)
}

/// `concat a b ... separator=""`.
pub fn concat(a: &Args<'_>) -> Result<Value, String> {
    let sep = a.hash("separator").map(s).unwrap_or_default();
    text(a.vals.iter().map(|v| s(v)).collect::<Vec<_>>().join(&sep))
}

/// `split text delimiter` -> array of strings.
pub fn split(a: &Args<'_>) -> Result<Value, String> {
    let (Value::String(t), d) = (a.get(0), a.get(1)) else {
        return Err(format!("split expects a string, got {}", super::type_name(a.get(0))));
    };
    let d = match d {
        Value::Null => "",
        Value::String(d) => d.as_str(),
        other => return Err(format!("split expects a string delimiter, got {}", super::type_name(other))),
    };
    let parts: Vec<Value> = if d.is_empty() {
        t.chars().map(|c| Value::String(c.to_string())).collect()
    } else {
        t.split(d).map(|p| Value::String(p.to_string())).collect()
    };
    Ok(Value::Array(parts))
}

/// Courier's `format pattern input`: sprintf with `%s %d %i %f %j %x %X
/// %%`, optional `N$` positions, `+`, `0`/`'c` padding, `-`, width and
/// `.precision`; an array input is spread into the arguments. A bad or
/// unsupported directive (`%e %o %b %c %u %t %T`, rare in messages) or a
/// missing argument is an error (sprintf-js throws on the first two).
pub fn format(a: &Args<'_>) -> Result<Value, String> {
    let Value::String(pat) = a.get(0) else {
        return Err("format expects a pattern string as its first argument".into());
    };
    let spread: Vec<Value> = match a.get(1) {
        Value::Array(items) => items.clone(),
        _ => a.vals.iter().skip(1).map(|v| v.as_ref().clone()).collect(),
    };
    sprintf(pat, &spread).map(Value::String)
}

fn sprintf(pat: &str, args: &[Value]) -> Result<String, String> {
    let mut out = String::new();
    let mut next = 0;
    let mut rest = pat;
    while let Some(i) = rest.find('%') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let spec = rest.get(i + 1..).unwrap_or("");
        let mut chars = spec.char_indices().peekable();
        if spec.starts_with('%') {
            out.push('%');
            rest = spec.get(1..).unwrap_or("");
            continue;
        }
        let bad = || format!("format: unexpected placeholder in \"{pat}\"");
        // `N$` position.
        let digits: String = spec.chars().take_while(char::is_ascii_digit).collect();
        let mut pos = None;
        if !digits.is_empty() && spec.get(digits.len()..).is_some_and(|t| t.starts_with('$')) {
            pos = digits.parse::<usize>().ok().map(|n| n.saturating_sub(1));
            for _ in 0..=digits.len() {
                chars.next();
            }
        }
        let (mut plus, mut left, mut pad) = (false, false, ' ');
        loop {
            match chars.peek().map(|(_, c)| *c) {
                Some('+') => plus = true,
                Some('-') => left = true,
                Some('0') => pad = '0',
                Some('\'') => {
                    chars.next();
                    pad = chars.peek().map(|(_, c)| *c).ok_or_else(bad)?;
                }
                _ => break,
            }
            chars.next();
        }
        let mut width = 0usize;
        while let Some(d) = chars.peek().and_then(|(_, c)| c.to_digit(10)) {
            width = width.saturating_mul(10).saturating_add(d as usize).min(1000);
            chars.next();
        }
        let mut prec = None;
        if chars.peek().map(|(_, c)| *c) == Some('.') {
            chars.next();
            let mut p = 0usize;
            while let Some(d) = chars.peek().and_then(|(_, c)| c.to_digit(10)) {
                p = p.saturating_mul(10).saturating_add(d as usize).min(100);
                chars.next();
            }
            prec = Some(p);
        }
        let Some((at, conv)) = chars.next() else { return Err(bad()) };
        rest = spec.get(at + conv.len_utf8()..).unwrap_or("");
        let idx = pos.unwrap_or_else(|| {
            next += 1;
            next - 1
        });
        let v = args.get(idx).ok_or_else(|| format!("format: too few arguments for \"{pat}\""))?;
        let n = || super::logic::to_num_loose(v).unwrap_or(f64::NAN);
        let mut body = match conv {
            's' => {
                let t = s(v);
                match prec {
                    Some(p) => t.chars().take(p).collect(),
                    None => t,
                }
            }
            'd' | 'i' => js_num(n().trunc()),
            'f' => match prec {
                Some(p) => super::fixed(n(), p),
                None => js_num(n()),
            },
            'j' => crate::json::write::to_string(v),
            'x' => format!("{:x}", n() as i64 as u32),
            'X' => format!("{:X}", n() as i64 as u32),
            _ => return Err(bad()),
        };
        if plus && matches!(conv, 'd' | 'i' | 'f') && !body.starts_with('-') {
            body.insert(0, '+');
        }
        let len = body.chars().count();
        if len < width {
            let fill: String = std::iter::repeat_n(pad, width - len).collect();
            if left {
                body.push_str(&fill);
            } else if pad == '0' && (body.starts_with('-') || body.starts_with('+')) {
                body.insert_str(1, &fill);
            } else {
                body.insert_str(0, &fill);
            }
        }
        out.push_str(&body);
    }
    out.push_str(rest);
    Ok(out)
}

fn js_num(f: f64) -> String {
    let mut t = String::new();
    crate::json::number::write_f64(&mut t, f);
    t
}
