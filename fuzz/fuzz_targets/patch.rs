//! JSON Patch, merge patch and diff on arbitrary JSON `[doc, ops, other]`:
//! apply_patch leaves its input unchanged (it works on a copy) and, on
//! success, diff(doc, result) applied to doc gives result back; the same
//! round trip for diff(doc, other); merges never panic, and the changes of
//! merge_deep(doc, other) from diff_merge equal the diff of the result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::json::diff::diff_merge;
use profile_preview::{apply_merge_patch, apply_patch, diff, merge_deep};
use profile_preview::Value;

fn round_trip(a: &Value, b: &Value) {
    let ops: Vec<Value> = diff(a, b).iter().map(|c| c.to_json()).collect();
    match apply_patch(a, &ops) {
        Ok(back) => assert_eq!(&back, b, "apply_patch(a, diff(a, b)) != b; ops {ops:?}"),
        Err(e) => panic!("diff produced a patch that does not apply: {e:?}; ops {ops:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(Value::Array(parts)) = serde_json::from_slice::<Value>(data) else { return };
    let null = Value::Null;
    let doc = parts.first().unwrap_or(&null);
    let ops = parts.get(1).unwrap_or(&null);
    let other = parts.get(2).unwrap_or(&null);
    let before = doc.clone();
    if let Value::Array(ops) = ops {
        if let Ok(result) = apply_patch(doc, ops) {
            round_trip(doc, &result);
        }
        assert_eq!(doc, &before, "apply_patch changed its input");
    }
    round_trip(doc, other);
    let _ = apply_merge_patch(doc, ops);
    let merged = merge_deep(doc, other);
    // The changes of a merge worked out from the update equal the diff.
    assert_eq!(diff_merge(doc, other), diff(doc, &merged), "diff_merge differs");
});
