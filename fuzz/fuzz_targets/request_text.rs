//! `parse_request` on arbitrary text (curl commands, fetch() calls), then
//! `preview_http` on what it parsed and on the text taken as a URL: never a
//! panic, never a hang (look-ups and nesting are bounded).
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::platform::http::{preview_http, HttpRequest};
use profile_preview::platform::request_text::parse_request;
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now = Some("2026-01-01T00:00:00Z".to_string());
    if let Ok(p) = parse_request(text) {
        let req = HttpRequest { method: p.method, url: p.url, body: p.body.map(Value::String), stored: None, now: now.clone() };
        let _ = preview_http(&req);
    }
    for method in ["PUT", "PATCH", "DELETE"] {
        let req = HttpRequest {
            method: method.into(),
            url: text.to_string(),
            body: Some(json!({"profile": {}, "patch": [], "provider_key": "apn"})),
            stored: Some(json!({"tokens": [{"token": "t", "provider_key": "apn"}], "id": "p1"})),
            now: now.clone(),
        };
        let _ = preview_http(&req);
    }
});
