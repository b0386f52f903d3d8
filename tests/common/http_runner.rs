//! Data-driven `preview_http` cases (tests/cases/http/*.json), shared by
//! the native test and the wasm tests. Each file is an array of cases:
//! `{name, source?, method, url, body?, stored?, now?, expect}` where
//! `expect` holds any of `{platform, operation, profile, status, response,
//! warnings, changes}` (only those given are checked; warnings as codes,
//! in order) or
//! `{error: ...}`. A case with `text` (a curl command or fetch() call as
//! the docs show it) is parsed first: `expect.request` is the parsed
//! `{method, url, body}` (or `expect.error` a parse error), and the parsed
//! request is then previewed against `stored` when `expect` holds more; the
//! other form is
//! `{error: {status, code?, type?, path?, body?, message?}}`. `now`
//! defaults to 2026-01-01T00:00:00Z.

#[path = "checks.rs"]
mod checks;
use profile_preview::platform::http::{preview_http, HttpRequest};
use profile_preview::platform::request_text::parse_request;
use profile_preview::{Map, Value};
/// `serde_json::json!` as the crate's `Value`.
macro_rules! json {
    ($($t:tt)+) => {
        profile_preview::Value::from(serde_json::json!($($t)+))
    };
}

const NOW: &str = "2026-01-01T00:00:00Z";

/// Run every case of one file; one message per failing case.
pub fn run_case_file(file: &str, text: &str) -> Vec<String> {
    let cases: Vec<Value> = match serde_json::from_str(text) {
        Ok(Value::Array(c)) => c,
        other => return vec![format!("{file}: not a JSON array of cases: {other:?}")],
    };
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case.get("name").and_then(Value::as_str).map_or_else(|| format!("#{i}"), str::to_string);
        if let Err(msg) = run_case(case) {
            failures.push(format!("{file} / {name}: {msg}"));
        }
    }
    failures
}

/// Number of cases in a file.
#[allow(dead_code)]
pub fn count_cases(text: &str) -> usize {
    serde_json::from_str::<Value>(text).ok().and_then(|v| v.as_array().map(Vec::len)).unwrap_or(0)
}

fn run_case(case: &Value) -> Result<(), String> {
    let expect = case.get("expect").ok_or("case needs \"expect\"")?;
    let mut req = Map::new();
    for key in ["method", "url", "body", "stored", "now"] {
        if let Some(v) = case.get(key) {
            req.insert(key.into(), v.clone());
        }
    }
    if let Some(text) = case.get("text").and_then(Value::as_str) {
        let parsed = match (parse_request(text), expect.get("request")) {
            (Err(e), None) => return expect.get("error").map_or_else(|| Err(format!("unexpected error {}", e.to_json())), |w| checks::error(&e, w)),
            (Err(e), Some(_)) => return Err(format!("parse error {}", e.to_json())),
            (Ok(p), want) => {
                let got = p.to_json();
                match want {
                    Some(w) if &got != w => return Err(format!("request: got {got}, expected {w}")),
                    None => return Err(format!("expected a parse error, got {got}")),
                    _ => {}
                }
                got
            }
        };
        if expect.as_object().is_some_and(|m| m.len() == 1) {
            return Ok(());
        }
        for key in ["method", "url", "body"] {
            req.insert(key.into(), parsed.get(key).cloned().unwrap_or(Value::Null));
        }
    }
    if !req.contains_key("now") {
        req.insert("now".into(), json!(NOW));
    }
    let request = HttpRequest::from_value(Value::Object(req)).map_err(|e| format!("bad request in case: {e}"))?;
    let out = match (preview_http(&request), expect.get("error")) {
        (Err(e), Some(want)) => return checks::error(&e, want),
        (Err(e), None) => return Err(format!("unexpected error {}", e.to_json())),
        (Ok(out), Some(_)) => return Err(format!("expected an error, got {}", out.to_json())),
        (Ok(out), None) => out,
    };
    checks::written_like_serde(&out, &out.to_json())?;
    let got = out.to_json();
    // Only what the case states is checked (routing cases state the
    // platform and operation; docs cases the whole outcome).
    for key in ["platform", "operation", "profile", "status", "response", "changes"] {
        if let Some(want) = expect.get(key) {
            if got.get(key) != Some(want) {
                return Err(format!("{key}: got {}, expected {want}", got.get(key).unwrap_or(&Value::Null)));
            }
        }
    }
    if let Some(want_codes) = expect.get("warnings") {
        let codes: Vec<Value> = out.preview.warnings.iter().map(|w| json!(w.code)).collect();
        if &Value::Array(codes) != want_codes {
            return Err(format!("warnings: got {}, expected codes {want_codes}", got.get("warnings").unwrap_or(&Value::Null)));
        }
    }
    checks::changes_patch(request.stored.as_ref(), out.preview.profile.as_ref(), &out.preview.changes)?;
    Ok(())
}
