//! Robustness of the pasted-request path: every prefix of every documented
//! curl/fetch sample, and random texts built from the syntax's pieces
//! (quotes, escapes, brackets, `${`, multi-byte characters), give a parse
//! result or a ProfileError — never a panic — and so does previewHttp on
//! whatever parses and on random URLs.

use profile_preview::platform::http::{preview_http, HttpRequest};
use profile_preview::platform::request_text::parse_request;
use profile_preview::{Value};
/// `serde_json::json!` as the crate's `Value`.
macro_rules! json {
    ($($t:tt)+) => {
        profile_preview::Value::from(serde_json::json!($($t)+))
    };
}

#[path = "common/gen.rs"]
#[allow(dead_code)] // value() is for the profile generators
mod gen;
use gen::Rng;

const PIECES: [&str; 35] = [
    "curl", " ", "-X", "PUT", "--url", "https://api.courier.com/profiles/u1", "-d", "--data-raw", "'", "\"", "\\",
    "\n", "\\\n", "{", "}", "[", "]", "(", ")", "fetch(", "JSON.stringify(", "`", "${", ":", ",", "é", "€", "%zz",
    "const o = ", "o", "-XPATCH", "-", "//", "const o = o;", "fetch('https://api.courier.com/profiles/u1', o)",
];

fn texts() -> Vec<String> {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/http/docs_requests.json");
    let cases: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap_or_default()).unwrap_or(Value::Null);
    cases.as_array().map(|c| c.iter().filter_map(|c| c.get("text")?.as_str().map(String::from)).collect()).unwrap_or_default()
}

fn preview_parsed(text: &str) {
    if let Ok(p) = parse_request(text) {
        let req = HttpRequest { method: p.method, url: p.url, body: p.body.map(Value::String), stored: None, now: Some("2026-01-01T00:00:00Z".into()) };
        let _ = preview_http(&req);
    }
}

#[test]
fn every_prefix_of_the_documented_samples() {
    let samples = texts();
    assert!(samples.len() > 10);
    for text in &samples {
        for (i, _) in text.char_indices() {
            preview_parsed(&text[..i]);
        }
    }
}

#[test]
fn random_texts_and_urls() {
    let mut rng = Rng(0x5EED_CAFE_0000_0001);
    for _ in 0..5_000 {
        let n = rng.below(24);
        let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len() as u64) as usize]).collect();
        preview_parsed(&text);
        let url: String = (0..rng.below(8)).map(|_| ["https://", "api.courier.com", "/", "users", "u%20", "tokens", "?", "identifier=", "a.zendesk.com", "%", "é", "hub.suprsend.com", "v1", "user"][rng.below(14) as usize]).collect();
        for method in ["PUT", "PATCH", "DELETE", "POST", "get"] {
            let req = HttpRequest { method: method.into(), url: url.clone(), body: Some(json!({"profile": {}})), stored: Some(json!({"tokens": [{"token": "u%20"}]})), now: None };
            let _ = preview_http(&req);
        }
    }
}
