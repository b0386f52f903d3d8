//! Deep merge, as Courier applies a `POST /profiles/:id` body: objects merge
//! key by key recursively, `null` deletes the key, arrays and scalars
//! replace whatever was there.

use crate::json::Value;

/// `target` with `source` merged in (neither input is modified).
/// A non-object `source` replaces `target` entirely (a `null` source gives
/// `null`).
pub fn merge_deep(target: &Value, source: &Value) -> Value {
    let mut out = target.clone();
    merge_deep_in_place(&mut out, source);
    out
}

/// In-place form of [`merge_deep`]. Recursion is bounded by the depth of
/// `source`, which callers check against [`crate::json::MAX_DEPTH`].
pub fn merge_deep_in_place(target: &mut Value, source: &Value) {
    let Value::Object(src) = source else {
        *target = source.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(crate::json::Map::new());
    }
    let Value::Object(dst) = target else { return };
    for (key, value) in src {
        if value.is_null() {
            dst.shift_remove(key);
            continue;
        }
        match (dst.get_mut(key), value) {
            (Some(existing @ Value::Object(_)), Value::Object(_)) => merge_deep_in_place(existing, value),
            _ => {
                // A nested object source into a non-object: merge into {}
                // so nested nulls are dropped rather than stored.
                let mut fresh = Value::Null;
                merge_deep_in_place(&mut fresh, value);
                dst.insert(key.clone(), fresh);
            }
        }
    }
}
