//! `parse_request` (a pasted curl command or fetch() call) on arbitrary
//! text: never a panic; a parsed request goes on through `preview_http`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::platform::http::{preview_http, HttpRequest};
use profile_preview::platform::request_text::parse_request;
use profile_preview::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(parsed) = parse_request(text) else { return };
    let _ = parsed.to_json();
    let req = HttpRequest {
        method: parsed.method,
        url: parsed.url,
        body: parsed.body.map(Value::String),
        stored: None,
        now: Some("2026-01-01T00:00:00Z".into()),
    };
    let _ = preview_http(&req);
});
