//! Structural diff: `before` -> `after` as a list of [`Change`]s that is
//! itself a valid RFC 6902 patch (`apply_patch(before, diff(before, after))`
//! equals `after`), with the old value kept for display.

use crate::json::merge::merge_deep;
use crate::json::pointer;
use crate::json::write::{ObjectWriter, WriteJson};
use serde::Serialize;
use crate::json::{Map, Value};

/// Kind of a [`Change`] (a subset of JSON Patch ops).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeOp {
    /// A value appears.
    Add,
    /// A value disappears.
    Remove,
    /// A value changes.
    Replace,
}

/// One change: a JSON Patch operation plus the `old` value for display.
/// Serializes as `{op, path, value?, old?}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// add / remove / replace.
    pub op: ChangeOp,
    /// JSON Pointer of the changed location.
    pub path: String,
    /// New value (add, replace).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Previous value (remove, replace).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
}

impl Change {
    /// The whole document appears (no stored profile before).
    pub fn add_root(value: Value) -> Self {
        Change { op: ChangeOp::Add, path: String::new(), value: Some(value), old: None }
    }

    /// The whole document disappears (profile deleted).
    pub fn remove_root(old: Value) -> Self {
        Change { op: ChangeOp::Remove, path: String::new(), value: None, old: Some(old) }
    }

    /// `{op, path, value?, old?}`.
    pub fn to_json(&self) -> Value {
        // Built directly (the same shape as the Serialize impl): a trip
        // through text would re-read long floats with serde_json's fast,
        // not exact, float reader.
        let mut m = Map::with_capacity(4);
        m.insert("op".into(), self.op.name().into());
        m.insert("path".into(), self.path.clone().into());
        if let Some(v) = &self.value {
            m.insert("value".into(), v.clone());
        }
        if let Some(v) = &self.old {
            m.insert("old".into(), v.clone());
        }
        Value::Object(m)
    }
}

impl ChangeOp {
    /// `"add"`, `"remove"` or `"replace"`.
    pub fn name(self) -> &'static str {
        match self {
            ChangeOp::Add => "add",
            ChangeOp::Remove => "remove",
            ChangeOp::Replace => "replace",
        }
    }
}

/// The same text as the `Serialize` impl.
impl WriteJson for Change {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("op", &self.op.name())
            .field("path", &self.path)
            .opt("value", self.value.as_ref().map(|v| v as &dyn WriteJson))
            .opt("old", self.old.as_ref().map(|v| v as &dyn WriteJson))
            .end();
    }
}

/// The changes turning `before` into `after`. Objects are compared key by
/// key, arrays index by index (a longer array gains `add`s at the end, a
/// shorter one loses its tail with `remove`s from the last index down, so
/// each op is valid after the previous ones), anything else is `replace`d.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    let mut work = 0;
    diff_into(before, after, &mut String::new(), &mut out, &mut work);
    crate::cost::add(work);
    out
}

/// The changes of a deep merge (Courier POST, see
/// [`crate::json::merge::merge_deep`]): `diff(before, merge_deep(before,
/// source))`, the same list in the same order, worked out from `before`
/// and `source` alone (the merged profile need not exist yet) and visiting
/// only the members `source` names instead of every member of the profile
/// (a keystroke's body names a few of a profile's many fields).
pub fn diff_merge(before: &Value, source: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    let mut work = 0;
    diff_merge_into(before, source, &mut String::new(), &mut out, &mut work);
    crate::cost::add(work);
    out
}

/// One object level of [`diff_merge`]. `diff_into` of objects emits the
/// removed members in `before`'s order, then walks `merged`, whose order
/// is `before`'s (less the removed) with new members appended in
/// `source`'s order; members `source` does not name are equal in both
/// and give no change, so only the named ones are visited, sorted into
/// that order.
fn diff_merge_into(before: &Value, source: &Value, path: &mut String, out: &mut Vec<Change>, work: &mut u64) {
    let (Value::Object(a), Value::Object(src)) = (before, source) else {
        return diff_into(before, &merge_deep(before, source), path, out, work);
    };
    *work += 1 + src.len() as u64;
    // What `source` does to each member of `before`, by position (a mark
    // per member instead of sorting what it names: no sort code linked).
    const REMOVED: u8 = 1;
    const SET: u8 = 2;
    let mut marks = vec![0u8; a.len()];
    for (key, value) in src {
        if let Some(mark) = a.get_full(key).and_then(|(at, _)| marks.get_mut(at)) {
            *mark = if value.is_null() { REMOVED } else { SET };
        }
    }
    *work += a.len() as u64;
    for ((key, old), _) in a.iter().zip(&marks).filter(|(_, &mark)| mark == REMOVED) {
        out.push(Change { op: ChangeOp::Remove, path: pointer::join(path, key), value: None, old: Some(old.clone()) });
    }
    for ((key, old), _) in a.iter().zip(&marks).filter(|(_, &mark)| mark == SET) {
        let Some(value) = src.get(key) else { continue };
        let len = path.len();
        pointer::push_token(path, key);
        match (old, value) {
            (Value::Object(_), Value::Object(_)) => diff_merge_into(old, value, path, out, work),
            // What the merge stores there: the value, or an object source
            // merged into nothing (its nested `null`s dropped).
            (_, Value::Object(_)) => diff_into(old, &merge_deep(&Value::Null, value), path, out, work),
            _ => diff_into(old, value, path, out, work),
        }
        path.truncate(len);
    }
    for (key, value) in src {
        if value.is_null() || a.contains_key(key) {
            continue;
        }
        let mut p = String::with_capacity(path.len() + key.len() + 1);
        p.push_str(path);
        pointer::push_token(&mut p, key);
        let new = if value.is_object() { merge_deep(&Value::Null, value) } else { value.clone() };
        out.push(Change { op: ChangeOp::Add, path: p, value: Some(new), old: None });
    }
}

/// `work` counts the values and members visited (see [`crate::cost`]).
fn diff_into(before: &Value, after: &Value, path: &mut String, out: &mut Vec<Change>, work: &mut u64) {
    *work += 1;
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            *work += (a.len() + b.len()) as u64;
            // Objects compared here mostly share their key order: look
            // members up in order (see `Map::get_in_order`).
            let mut cursor = 0;
            for (key, old) in a {
                if b.get_in_order(key, &mut cursor).is_none() {
                    out.push(Change { op: ChangeOp::Remove, path: pointer::join(path, key), value: None, old: Some(old.clone()) });
                }
            }
            let mut cursor = 0;
            for (key, new) in b {
                let len = path.len();
                pointer::push_token(path, key);
                match a.get_in_order(key, &mut cursor) {
                    Some(old) => diff_into(old, new, path, out, work),
                    None => out.push(Change { op: ChangeOp::Add, path: path.clone(), value: Some(new.clone()), old: None }),
                }
                path.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            *work += a.len().max(b.len()) as u64;
            let common = a.len().min(b.len());
            for (i, (old, new)) in a.iter().zip(b).enumerate().take(common) {
                let len = path.len();
                path.push('/');
                crate::json::number::write_u64(path, i as u64);
                diff_into(old, new, path, out, work);
                path.truncate(len);
            }
            for (i, new) in b.iter().enumerate().skip(common) {
                out.push(Change { op: ChangeOp::Add, path: format!("{path}/{i}"), value: Some(new.clone()), old: None });
            }
            for (i, old) in a.iter().enumerate().skip(common).rev() {
                out.push(Change { op: ChangeOp::Remove, path: format!("{path}/{i}"), value: None, old: Some(old.clone()) });
            }
        }
        _ if before == after => {}
        _ => out.push(Change {
            op: ChangeOp::Replace,
            path: path.clone(),
            value: Some(after.clone()),
            old: Some(before.clone()),
        }),
    }
}
