//! Array and object helpers: `lookup`, `length`, `join`, `itemAt`,
//! `unique`, `range`, `jsonStringify`.

use super::{int_arg, num, s, text, type_name, Args};
use crate::json::Value;

/// `obj[key]` for objects (string key) and arrays (numeric index).
pub fn lookup<'v>(obj: &'v Value, key: &Value) -> Option<&'v Value> {
    match (obj, key) {
        (Value::Object(m), k) => m.get(&s(k)),
        (Value::Array(items), Value::Number(n)) => n.as_u64().and_then(|i| items.get(i as usize)),
        (Value::Array(items), Value::String(k)) => k.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

/// `lookup obj key`.
pub fn lookup_helper(a: &Args<'_>) -> Result<Value, String> {
    Ok(lookup(a.get(0), a.get(1)).cloned().unwrap_or(Value::Null))
}

/// `length x`: items of an array, characters of a string, otherwise 0.
pub fn length(a: &Args<'_>) -> Result<Value, String> {
    Ok(Value::from(match a.get(0) {
        Value::Array(x) => x.len(),
        Value::String(x) => x.chars().count(),
        _ => 0,
    }))
}

/// `join array [separator]`: items must be primitives; the separator
/// defaults to `", "` (also when it is not a string).
pub fn join(a: &Args<'_>) -> Result<Value, String> {
    let sep = match a.get(1) {
        Value::String(t) => t.as_str(),
        _ => ", ",
    };
    match a.get(0) {
        Value::Array(items) => {
            let mut out = String::new();
            for (i, v) in items.iter().enumerate() {
                if matches!(v, Value::Array(_) | Value::Object(_)) {
                    return Err(format!("join expects an array of primitive values, item {i} is {}", type_name(v)));
                }
                if i > 0 {
                    out.push_str(sep);
                }
                out.push_str(&s(v));
            }
            text(out)
        }
        Value::Null => text(""),
        other => Err(format!("join expects an array, got {}", type_name(other))),
    }
}

/// `itemAt array index`: the index must be an integer (negative counts
/// from the end); out of range gives nothing.
pub fn item_at(a: &Args<'_>) -> Result<Value, String> {
    let Value::Array(items) = a.get(0) else {
        return match a.get(0) {
            Value::Null => Ok(Value::Null),
            other => Err(format!("itemAt expects an array, got {}", type_name(other))),
        };
    };
    let f = num(a.get(1), a.name)?;
    if f.fract() != 0.0 {
        return Err(format!("itemAt expects an integer index, got {}", s(a.get(1))));
    }
    let i = f as i64;
    let idx = if i < 0 { items.len() as i64 + i } else { i };
    Ok(usize::try_from(idx).ok().and_then(|i| items.get(i)).cloned().unwrap_or(Value::Null))
}

/// Follow a key path `a.b`, `a['b']`, `a["b"]` or `a[0]` into `v` (the
/// JSONPath subset `var` reads).
fn at_key<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    let (_, segs) = crate::template::expr::jsonpath(key)?;
    let mut cur = v;
    for seg in &segs {
        cur = lookup(cur, &Value::String(seg.to_string()))?;
    }
    Some(cur)
}

/// SuprSend's `unique array ["key.path"]`: the distinct items (or the
/// distinct values at `key` for an array of objects), first occurrence
/// first.
pub fn unique(a: &Args<'_>) -> Result<Value, String> {
    let Value::Array(items) = a.get(0) else {
        return Err(format!("unique expects an array, got {}", type_name(a.get(0))));
    };
    let key = match a.get(1) {
        Value::Null => None,
        Value::String(k) if crate::template::expr::jsonpath(k).is_some() => Some(k.as_str()),
        Value::String(k) => return Err(format!("unique: \"{k}\" is not a key path (a.b or a['b'])")),
        other => return Err(format!("unique expects a key string, got {}", type_name(other))),
    };
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        let v = match (key, item) {
            (Some(k), _) => match at_key(item, k) {
                Some(v) => v,
                None => continue,
            },
            (None, Value::Object(_)) => {
                return Err("unique needs a key string for an array of objects".into());
            }
            (None, v) => v,
        };
        if !out.iter().any(|o| super::logic::strict_eq(o, v)) {
            out.push(v.clone());
        }
    }
    Ok(Value::Array(out))
}

/// Courier's `range [start] stop [step]`: numbers from start (0) up to,
/// not including, stop. At most 10,000 items.
pub fn range(a: &Args<'_>) -> Result<Value, String> {
    let (start, stop, step) = match a.len() {
        1 => (0, int_arg(a.get(0), a.name)?, 1),
        _ => (
            int_arg(a.get(0), a.name)?,
            int_arg(a.get(1), a.name)?,
            if a.get(2).is_null() { 1 } else { int_arg(a.get(2), a.name)? },
        ),
    };
    if step == 0 {
        return Err("range: step must not be 0".into());
    }
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        if out.len() >= 10_000 {
            return Err("range: more than 10000 items".into());
        }
        out.push(Value::from(i));
        i += step;
    }
    Ok(Value::Array(out))
}

/// `jsonStringify value [indent]`: written unescaped, as SuprSend shows it.
pub fn json_stringify(a: &Args<'_>) -> Result<Value, String> {
    let v = a.get(0);
    let out = match a.get(1) {
        Value::Number(n) if n.as_u64().is_some_and(|k| k > 0) => {
            let k = n.as_u64().unwrap_or(0).min(10) as usize;
            pretty(v, &" ".repeat(k))
        }
        Value::String(t) if !t.is_empty() => pretty(v, t),
        _ => crate::json::write::to_string(v),
    };
    // Written unescaped, so the characters that could open HTML become
    // JSON escapes (they only occur inside JSON strings: still valid JSON).
    let mut safe = String::with_capacity(out.len());
    for ch in out.chars() {
        match ch {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\'' => safe.push_str("\\u0027"),
            c => safe.push(c),
        }
    }
    text(safe)
}

fn pretty(v: &Value, indent: &str) -> String {
    let mut out = String::new();
    crate::json::write::write_pretty(&mut out, v, indent, 0);
    out
}
