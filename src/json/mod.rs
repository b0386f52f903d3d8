//! Platform-neutral JSON machinery over the crate's own [`Value`]: the
//! value type, its writer, pointers, deep merge, JSON Patch, merge patch
//! and diff.

pub mod diff;
pub mod merge;
pub mod merge_patch;
pub mod number;
pub mod patch;
pub mod pointer;
pub mod value;
pub mod write;

use crate::error::{ProfileError, Result};
pub use value::{Map, Value};
pub use serde_json::Number;

/// Deepest nesting accepted in any input document (the same limit
/// `serde_json` applies when parsing text). Deeper input is an error, not
/// a stack overflow: every recursive function here stays within it.
pub const MAX_DEPTH: usize = 128;

/// Error unless `value` nests at most [`MAX_DEPTH`] levels. Iterative, so
/// it is safe on any input.
pub fn check_depth(value: Option<&Value>, what: &str) -> Result<()> {
    let Some(value) = value else { return Ok(()) };
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((v, depth)) = stack.pop() {
        let is_container = match v {
            Value::Array(a) => {
                stack.extend(a.iter().filter(|c| is_container(c)).map(|c| (c, depth + 1)));
                true
            }
            Value::Object(o) => {
                stack.extend(o.values().filter(|c| is_container(c)).map(|c| (c, depth + 1)));
                true
            }
            _ => false,
        };
        if is_container && depth > MAX_DEPTH {
            return Err(ProfileError::invalid(
                "limit_exceeded",
                format!("input nests deeper than {MAX_DEPTH} levels"),
            )
            .with_path(what.to_string()));
        }
    }
    Ok(())
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Object(_))
}

/// `{key: value, ...}` with the keys in the given order. Written instead
/// of `serde_json::json!`, which sends every value through
/// `serde_json::to_value` (a second serializer, and an `unwrap` that links
/// the error's `Debug` formatting into the wasm).
#[inline]
pub fn object<const N: usize>(mut entries: [(&str, Value); N]) -> Value {
    object_from(&mut entries)
}

/// The one non-generic body of [`object`] (the values are taken out).
fn object_from(entries: &mut [(&str, Value)]) -> Value {
    let mut map = Map::with_capacity(entries.len());
    for (key, value) in entries {
        map.insert((*key).to_string(), value.take());
    }
    Value::Object(map)
}

/// Read JSON `text` (UTF-8). Malformed input fails with code
/// `invalid_json`, nesting [`MAX_DEPTH`] deep with `limit_exceeded`, an
/// allocation that cannot be served with `out_of_memory`; `what` names the
/// input in the message. Duplicate keys keep the first position and the
/// last value, like `JSON.parse`.
pub fn parse(text: &[u8], what: &str) -> Result<Value> {
    let ctx = crate::template::ctx::parse(text, what)?;
    ctx.into_value().map_err(|_| {
        ProfileError::invalid("out_of_memory", format!("{what}: out of memory while reading the JSON text"))
    })
}

impl std::str::FromStr for Value {
    type Err = ProfileError;
    /// [`parse`] of a string.
    fn from_str(text: &str) -> Result<Value> {
        parse(text.as_bytes(), "JSON text")
    }
}

/// The JSON type name of a value, for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`), as
/// RFC 6902 `test` requires.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) => x == y || p == q,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}
