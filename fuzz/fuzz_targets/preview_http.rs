//! `preview_http` on arbitrary request text `METHOD\nURL\nBODY` (the body
//! is sent as text, the way a pasted request carries it), with and without
//! a stored profile: never a panic; a success's changes lead from the
//! stored profile to the result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::apply_patch;
use profile_preview::platform::http::{preview_http, HttpRequest};
use profile_preview::Value;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(3, '\n');
    let method = parts.next().unwrap_or("").to_string();
    let url = parts.next().unwrap_or("").to_string();
    let body = parts.next().map(|b| Value::String(b.to_string()));
    for stored in [None, Some(json!({"name": "Ada", "email": "ada@example.com", "properties": {"a": 1}}).into())] {
        let req = HttpRequest {
            method: method.clone(),
            url: url.clone(),
            body: body.clone(),
            stored: stored.clone(),
            now: Some("2026-01-01T00:00:00Z".into()),
        };
        if let Ok(out) = preview_http(&req) {
            let ops: Vec<Value> = out.preview.changes.iter().map(|c| c.to_json()).collect();
            let before = stored.clone().unwrap_or(Value::Null);
            if let Ok(back) = apply_patch(&before, &ops) {
                assert_eq!(back, out.preview.profile.clone().unwrap_or(Value::Null), "changes do not lead to the profile");
            }
            let _ = out.to_json();
        }
    }
});
