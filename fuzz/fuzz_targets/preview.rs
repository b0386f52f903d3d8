//! `preview` and `validate` for every platform and method on one arbitrary
//! JSON request `{stored, body, userId, now, query}`: never a panic; a
//! success's changes turn the stored profile into the result, and
//! `preview_owned` gives the same answer.
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::{apply_patch, preview, preview_owned, validate, Method, Platform, PreviewRequest};
use profile_preview::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(Value::Object(req)) = serde_json::from_slice::<Value>(data) else { return };
    for platform in ["courier", "suprsend", "zendesk"] {
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            let mut r = req.clone();
            r.insert("platform".into(), platform.into());
            r.insert("method".into(), method.into());
            let Ok(parsed) = PreviewRequest::from_value(Value::Object(r)) else { continue };
            // The by-value form (merges in place, changes from the body)
            // agrees; `now` pinned, or two reads of the clock could differ.
            let mut pinned = parsed.clone();
            pinned.now.get_or_insert_with(|| "2026-01-01T00:00:00Z".into());
            assert_eq!(preview_owned(pinned.clone()), preview(&pinned), "{platform} {method}: preview_owned differs");
            if let Ok(p) = preview(&parsed) {
                let ops: Vec<Value> = p.changes.iter().map(|c| c.to_json()).collect();
                let stored = parsed.stored.clone().unwrap_or(Value::Null);
                let after = p.profile.clone().unwrap_or(Value::Null);
                if let Ok(back) = apply_patch(&stored, &ops) {
                    assert_eq!(back, after, "{platform} {method}: changes do not lead to the profile");
                }
            }
            let (Ok(pl), Ok(m)) = (Platform::parse(platform), Method::parse(method)) else { continue };
            let _ = validate(pl, m, parsed.body.as_ref());
        }
    }
});
