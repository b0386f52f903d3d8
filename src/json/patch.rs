//! RFC 6902 JSON Patch: `add`, `remove`, `replace`, `move`, `copy`, `test`.
//!
//! Application is atomic: the operations run on a copy, and on the first
//! failure the error (naming the operation's index and path) is returned and
//! the caller's document is untouched.

use crate::error::{ProfileError, Result};
use crate::json::{json_eq, pointer, type_name};
use crate::json::{Map, Value};

/// One parsed operation. `path` and `from` are RFC 6901 pointers as written
/// in the patch; `value` is the operation's JSON value.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)] // the fields are the RFC 6902 members of the same name
pub enum Op {
    /// Add `value` at `path` (insert into arrays, set in objects).
    Add { path: String, value: Value },
    /// Remove the value at `path`.
    Remove { path: String },
    /// Replace the existing value at `path`.
    Replace { path: String, value: Value },
    /// Remove from `from`, add at `path`.
    Move { from: String, path: String },
    /// Copy the value at `from` to `path`.
    Copy { from: String, path: String },
    /// Fail unless the value at `path` equals `value`.
    Test { path: String, value: Value },
}

impl Op {
    /// The target `path` of the operation.
    pub fn path(&self) -> &str {
        match self {
            Op::Add { path, .. }
            | Op::Remove { path }
            | Op::Replace { path, .. }
            | Op::Move { path, .. }
            | Op::Copy { path, .. }
            | Op::Test { path, .. } => path,
        }
    }

    /// Parse one operation object; `index` is used in error messages.
    pub fn parse(op: &Value, index: usize) -> Result<Op> {
        let bad = |msg: String| {
            ProfileError::invalid("invalid_patch", format!("operation {index}: {msg}")).with_path(format!("/{index}"))
        };
        let obj = op.as_object().ok_or_else(|| bad(format!("expected an object, got {}", type_name(op))))?;
        let string = |key: &str| -> Result<String> {
            match obj.get(key) {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(v) => Err(bad(format!("\"{key}\" must be a string, got {}", type_name(v)))),
                None => Err(bad(format!("missing \"{key}\""))),
            }
        };
        let value = || obj.get("value").cloned().ok_or_else(|| bad("missing \"value\"".into()));
        let name = string("op")?;
        let path = string("path")?;
        Ok(match name.as_str() {
            "add" => Op::Add { path, value: value()? },
            "remove" => Op::Remove { path },
            "replace" => Op::Replace { path, value: value()? },
            "move" => Op::Move { from: string("from")?, path },
            "copy" => Op::Copy { from: string("from")?, path },
            "test" => Op::Test { path, value: value()? },
            other => return Err(bad(format!("unknown op \"{other}\""))),
        })
    }
}

/// Parse a whole patch document (an array of operation objects).
pub fn parse_ops(ops: &[Value]) -> Result<Vec<Op>> {
    ops.iter().enumerate().map(|(i, op)| Op::parse(op, i)).collect()
}

/// `doc` with `ops` applied, or the error of the first failing operation.
/// `doc` is never modified.
pub fn apply_patch(doc: &Value, ops: &[Value]) -> Result<Value> {
    let parsed = parse_ops(ops)?;
    apply_ops(doc.clone(), &parsed)
}

/// Apply already parsed operations to `doc`, which the caller hands over
/// (so a caller that owns a copy does not pay for a second one). Errors
/// name the failing operation's index and path.
pub fn apply_ops(mut doc: Value, ops: &[Op]) -> Result<Value> {
    for (index, op) in ops.iter().enumerate() {
        apply_op(&mut doc, op).map_err(|e| {
            let name = match op {
                Op::Add { .. } => "add",
                Op::Remove { .. } => "remove",
                Op::Replace { .. } => "replace",
                Op::Move { .. } => "move",
                Op::Copy { .. } => "copy",
                Op::Test { .. } => "test",
            };
            e.context(&format!("operation {index} ({name} \"{}\"): ", op.path()))
        })?;
    }
    Ok(doc)
}

/// Apply one operation in place. On error `doc` may be partially changed,
/// which is why [`apply_patch`] works on a copy.
pub fn apply_op(doc: &mut Value, op: &Op) -> Result<()> {
    match op {
        Op::Add { path, value } => add(doc, path, value.clone()),
        Op::Remove { path } => remove(doc, path).map(drop),
        Op::Replace { path, value } => {
            let target = existing_mut(doc, path)?;
            *target = value.clone();
            Ok(())
        }
        Op::Move { from, path } => {
            if from == path {
                return existing_mut(doc, from).map(drop);
            }
            if path.starts_with(from.as_str()) && path.as_bytes().get(from.len()) == Some(&b'/') {
                return Err(ProfileError::invalid(
                    "invalid_patch",
                    format!("cannot move \"{from}\" into its own child \"{path}\""),
                )
                .with_path(path.clone()));
            }
            let value = remove(doc, from)?;
            add(doc, path, value)
        }
        Op::Copy { from, path } => {
            let value = existing_mut(doc, from)?.clone();
            add(doc, path, value)
        }
        Op::Test { path, value } => {
            let actual = existing_mut(doc, path)?;
            if json_eq(actual, value) {
                Ok(())
            } else {
                Err(ProfileError::new(409, crate::error::KIND_INVALID_REQUEST, "test_failed", format!(
                    "test failed: value at \"{path}\" is {actual}, expected {value}"
                ))
                .with_path(path.clone()))
            }
        }
    }
}

fn not_found(path: &str, what: &str) -> ProfileError {
    ProfileError::invalid("path_not_found", format!("{what} at \"{path}\" does not exist")).with_path(path)
}

/// The existing value at `path`, or a `path_not_found` error.
fn existing_mut<'a>(doc: &'a mut Value, path: &str) -> Result<&'a mut Value> {
    let tokens = pointer::parse(path)?;
    pointer::get_tokens_mut(doc, &tokens).ok_or_else(|| not_found(path, "value"))
}

/// The parent container of `path` and the last token (`None` for root).
fn parent_mut<'a>(doc: &'a mut Value, path: &str) -> Result<Option<(&'a mut Value, String)>> {
    let mut tokens = pointer::parse(path)?;
    let Some(last) = tokens.pop() else { return Ok(None) };
    let parent = pointer::get_tokens_mut(doc, &tokens).ok_or_else(|| not_found(path, "parent of the target"))?;
    Ok(Some((parent, last)))
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<()> {
    let Some((parent, last)) = parent_mut(doc, path)? else {
        *doc = value;
        return Ok(());
    };
    match parent {
        Value::Object(map) => {
            map.insert(last, value);
            Ok(())
        }
        Value::Array(items) => {
            let index = if last == "-" { items.len() } else { array_index(&last, path)? };
            if index > items.len() {
                return Err(ProfileError::invalid(
                    "index_out_of_range",
                    format!("index {index} is past the end of the array (length {})", items.len()),
                )
                .with_path(path));
            }
            items.insert(index, value);
            Ok(())
        }
        other => Err(ProfileError::invalid(
            "path_not_found",
            format!("cannot add a member to a {} at \"{path}\"", type_name(other)),
        )
        .with_path(path)),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value> {
    let Some((parent, last)) = parent_mut(doc, path)? else {
        return Ok(std::mem::replace(doc, Value::Null));
    };
    match parent {
        Value::Object(map) => map.shift_remove(&last).ok_or_else(|| not_found(path, "value")),
        Value::Array(items) => {
            let index = array_index(&last, path)?;
            if index >= items.len() {
                return Err(ProfileError::invalid(
                    "index_out_of_range",
                    format!("index {index} is out of range (length {})", items.len()),
                )
                .with_path(path));
            }
            Ok(items.remove(index))
        }
        _ => Err(not_found(path, "value")),
    }
}

fn array_index(token: &str, path: &str) -> Result<usize> {
    pointer::parse_index(token).ok_or_else(|| {
        ProfileError::invalid("invalid_pointer", format!("\"{token}\" is not an array index")).with_path(path)
    })
}

/// Build an `add` operation object (used by tests and diff).
pub fn op_object(op: &str, path: &str, value: Option<&Value>) -> Value {
    let mut m = Map::new();
    m.insert("op".into(), Value::String(op.into()));
    m.insert("path".into(), Value::String(path.into()));
    if let Some(v) = value {
        m.insert("value".into(), v.clone());
    }
    Value::Object(m)
}
