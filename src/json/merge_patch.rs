//! RFC 7396 JSON Merge Patch.

use crate::json::Value;

/// `doc` with `patch` applied per RFC 7396 (inputs untouched). Identical to
/// [`crate::json::merge::merge_deep`] by definition: a non-object patch
/// replaces the document, `null` members delete, objects recurse.
pub fn apply_merge_patch(doc: &Value, patch: &Value) -> Value {
    crate::json::merge::merge_deep(doc, patch)
}
