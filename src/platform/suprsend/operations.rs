//! SuprSend `PATCH {operations: [...]}`: `$set`, `$set_once`, `$unset`,
//! `$append`, `$remove`, `$increment` (and its SDK alias `$add`), applied in
//! order. An operation object may hold several of them (the SDKs send one
//! object with `$set`, `$append` ... together); they apply in key order.
//! Atomicity comes for free: edits go to a working copy that is dropped
//! when any operation fails. Keys an operator ignores (reserved `$`/`ss_`
//! keys, channels in `$set` ...) were warned about by the inspection and
//! are skipped here.

use super::{classify, error, ignored_distinct_id, show, KeyKind, User};
use crate::error::Result;
use crate::json::{pointer, type_name};
use crate::platform::Warning;
use crate::json::{Map, Number, Value};

/// Apply every operation of a validated body to `user`.
pub(super) fn apply_all(user: &mut User, body: Option<&Value>, warnings: &mut Vec<Warning>) -> Result<()> {
    let Some(Value::Object(map)) = body else { return Ok(()) };
    for key in map.keys().filter(|k| k.as_str() != "operations") {
        warnings.push(Warning::at(
            "ignored_field",
            pointer::join("", key),
            format!("\"{key}\" is not read by SuprSend PATCH; only \"operations\" is"),
        ));
    }
    let Some(Value::Array(ops)) = map.get("operations") else { return Ok(()) };
    for (i, op) in ops.iter().enumerate() {
        let Value::Object(op) = op else { continue };
        for (name, arg) in op {
            let here = format!("/operations/{i}/{}", pointer::escape(name));
            apply_one(user, i, name, arg, &here, warnings)?;
        }
    }
    Ok(())
}

fn apply_one(user: &mut User, i: usize, name: &str, arg: &Value, here: &str, warnings: &mut Vec<Warning>) -> Result<()> {
    let empty = Map::new();
    let entries = arg.as_object().unwrap_or(&empty);
    match name {
        "$set" => {
            for (key, value) in entries {
                match classify(key) {
                    KeyKind::DistinctId => warnings.push(ignored_distinct_id(&pointer::join(here, key))),
                    kind if kind.is_property() => user.set(key, value),
                    _ => {}
                }
            }
        }
        "$set_once" => {
            for (key, value) in entries {
                match classify(key) {
                    KeyKind::DistinctId => warnings.push(ignored_distinct_id(&pointer::join(here, key))),
                    kind if !kind.is_property() => {}
                    _ if user.props.contains_key(key) => warnings.push(Warning::at(
                        "set_once_noop",
                        pointer::join("/properties", key),
                        format!("operation {i}: $set_once leaves \"{key}\" alone because it is already set"),
                    )),
                    _ => user.set(key, value),
                }
            }
        }
        "$unset" => {
            for key in arg.as_array().into_iter().flatten().filter_map(Value::as_str) {
                let gone = match classify(key) {
                    KeyKind::Channel(ch) => user.top.shift_remove(ch.key()).is_some(),
                    KeyKind::Reserved => continue,
                    _ => user.props.shift_remove(key).is_some(),
                };
                if !gone {
                    warnings.push(Warning::at(
                        "unset_missing",
                        pointer::join(here, key),
                        format!("operation {i}: $unset of \"{key}\" does nothing, it is not set"),
                    ));
                }
            }
        }
        "$append" | "$remove" => {
            let id_provider = entries.get("$id_provider").and_then(Value::as_str);
            for (key, value) in entries {
                match (classify(key), name) {
                    (KeyKind::Channel(ch), "$append") => user.append(ch, value, id_provider, warnings),
                    (KeyKind::Channel(ch), _) => user.remove(ch, value, warnings),
                    (KeyKind::DistinctId, _) => warnings.push(ignored_distinct_id(&pointer::join(here, key))),
                    (KeyKind::Custom, _) => edit_list(user, i, name, key, value, here, warnings)?,
                    // $id_provider qualifies the tokens; the rest is ignored.
                    _ => {}
                }
            }
        }
        "$increment" | "$add" => {
            for (key, by) in entries {
                match classify(key) {
                    KeyKind::Custom => increment(user, i, name, key, by, here)?,
                    KeyKind::DistinctId => warnings.push(ignored_distinct_id(&pointer::join(here, key))),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// `$append`/`$remove` on a plain property: it must be a list (or absent
/// for `$append`, which starts one). The value is one element, as in the
/// SDKs, even when it is itself an array.
fn edit_list(user: &mut User, i: usize, name: &str, key: &str, value: &Value, here: &str, warnings: &mut Vec<Warning>) -> Result<()> {
    let at = pointer::join("/properties", key);
    match (user.props.get_mut(key), name) {
        (Some(Value::Array(list)), "$append") => list.push(value.clone()),
        (None, "$append") => {
            user.props.insert(key.into(), Value::Array(vec![value.clone()]));
        }
        (Some(Value::Array(list)), _) => {
            let before = list.len();
            list.retain(|v| !crate::json::json_eq(v, value));
            if list.len() == before {
                warnings.push(Warning::at("remove_missing", at, format!("operation {i}: {} is not in \"{key}\"; nothing to remove", show(value))));
            }
        }
        (None, _) => {
            warnings.push(Warning::at("remove_missing", at, format!("operation {i}: \"{key}\" is not set; nothing to remove")));
        }
        (Some(other), _) => {
            return Err(error("invalid_operation", format!(
                "operation {i} ({name}): property \"{key}\" is {}, not a list",
                type_name(other)
            ))
            .with_path(pointer::join(here, key)));
        }
    }
    Ok(())
}

/// `$increment`/`$add`: a missing property starts at 0; a negative amount
/// decrements; a non-number stored value fails the whole request.
fn increment(user: &mut User, i: usize, name: &str, key: &str, by: &Value, here: &str) -> Result<()> {
    let fail = |msg: String| error("invalid_operation", format!("operation {i} ({name}): {msg}")).with_path(pointer::join(here, key));
    let Value::Number(by) = by else {
        return Err(fail(format!("the amount for \"{key}\" must be a number, got {}", type_name(by))));
    };
    let sum = match user.props.get(key) {
        None | Some(Value::Null) => Some(by.clone()),
        Some(Value::Number(have)) => add(have, by),
        Some(other) => {
            return Err(fail(format!("property \"{key}\" is {}, not a number", type_name(other))));
        }
    };
    let Some(sum) = sum else {
        return Err(fail(format!("\"{key}\" would overflow")));
    };
    user.props.insert(key.into(), Value::Number(sum));
    Ok(())
}

/// Integer sum when both are integers and it fits, else a float sum;
/// `None` when the result is not a finite number.
fn add(a: &Number, b: &Number) -> Option<Number> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        if let Some(s) = x.checked_add(y) {
            return Some(s.into());
        }
    }
    Number::from_f64(a.as_f64()? + b.as_f64()?)
}
