//! Data-driven platform cases (tests/cases/{courier,suprsend,zendesk}/*.json),
//! shared by the native test and the wasm tests (which embed the files with
//! include_str!). Each file is an array of cases; the platform is the
//! directory of the file name given to [`run_case_file`] (`"zendesk/put.json"`)
//! unless a case says `"platform"`.
//!
//! Case kinds:
//! * preview: `{name, method, stored?, body?, userId?, now?, query?, expect}`
//!   where `expect` is `{profile, changes?, warnings?, status?, response?}`
//!   (`response` is the documented body, `null` for none; warnings as codes, in
//!   order; absent = none) or `{error: {status, code?, type?, path?, body?,
//!   message?}}` (`message` is a substring). `now` defaults to
//!   2026-01-01T00:00:00Z so expectations are stable. Every successful
//!   preview is also checked to have `changes` that patch `stored` into
//!   `profile`, and a body `validate` accepts.
//! * validate: `{name, validate: true, method, body?, issues: [{path,
//!   message?}]}`: the issue paths must match in order (`[]` = valid);
//!   `message` is a substring.
//! * query: `{name, query, expect: {result} | {error}}` (no `method`) for
//!   `parse_identifier_query`.
//! * recipient: `{name, recipient: {stored, to}, expect: {result} | {error}}`
//!   for Courier's send-time `recipient` (Send API `message.to` overrides).

#[path = "checks.rs"]
mod checks;
use profile_preview::{parse_identifier_query, preview, recipient, validate, Method, Platform, PreviewRequest};
use profile_preview::{Map, Value};
/// `serde_json::json!` as the crate's `Value`.
macro_rules! json {
    ($($t:tt)+) => {
        profile_preview::Value::from(serde_json::json!($($t)+))
    };
}

/// Default `now` of preview cases.
const NOW: &str = "2026-01-01T00:00:00Z";

/// Run every case of one file; returns one message per failing case.
pub fn run_case_file(file: &str, text: &str) -> Vec<String> {
    let cases: Vec<Value> = match serde_json::from_str(text) {
        Ok(Value::Array(c)) => c,
        other => return vec![format!("{file}: not a JSON array of cases: {other:?}")],
    };
    let dir_platform = file.split(['/', '\\']).rev().nth(1).unwrap_or("");
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case.get("name").and_then(Value::as_str).map_or_else(|| format!("#{i}"), str::to_string);
        let platform = case.get("platform").and_then(Value::as_str).unwrap_or(dir_platform);
        if let Err(msg) = run_case(platform, case) {
            failures.push(format!("{file} / {name}: {msg}"));
        }
    }
    failures
}

/// Number of cases in a file (for summaries).
pub fn count_cases(text: &str) -> usize {
    serde_json::from_str::<Value>(text).ok().and_then(|v| v.as_array().map(Vec::len)).unwrap_or(0)
}

fn run_case(platform: &str, case: &Value) -> Result<(), String> {
    if let Some(r) = case.get("recipient") {
        return run_recipient(r, case);
    }
    // A case with a method is a preview (its `query` is the request URL's
    // identifier query); without one, `query` is a parse case.
    if let (Some(q), None) = (case.get("query"), case.get("method")) {
        return run_query(q, case);
    }
    if case.get("validate") == Some(&Value::Bool(true)) {
        return run_validate(platform, case);
    }
    run_preview(platform, case)
}

fn method_of(case: &Value) -> Result<Method, String> {
    Method::parse(case.get("method").and_then(Value::as_str).unwrap_or("")).map_err(|e| e.to_string())
}

fn run_validate(platform: &str, case: &Value) -> Result<(), String> {
    let p = Platform::parse(platform).map_err(|e| e.to_string())?;
    let issues = validate(p, method_of(case)?, case.get("body"));
    let want = case.get("issues").and_then(Value::as_array).ok_or("validate case needs \"issues\"")?;
    let got: Vec<Value> = issues.iter().map(|i| i.to_json()).collect();
    let got_paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    let want_paths: Vec<&str> = want.iter().map(|w| w.get("path").and_then(Value::as_str).unwrap_or("")).collect();
    if got_paths != want_paths {
        return Err(format!("issue paths: got {got_paths:?}, expected {want_paths:?} (issues: {})", Value::Array(got)));
    }
    for (issue, w) in issues.iter().zip(want) {
        if let Some(part) = w.get("message").and_then(Value::as_str) {
            if !issue.message.contains(part) {
                return Err(format!("issue at {:?}: message {:?} does not contain {part:?}", issue.path, issue.message));
            }
        }
    }
    Ok(())
}

fn run_recipient(r: &Value, case: &Value) -> Result<(), String> {
    let stored = r.get("stored").filter(|v| !v.is_null());
    let to = r.get("to").ok_or("recipient case needs \"to\"")?;
    let expect = case.get("expect").ok_or("recipient case needs \"expect\"")?;
    match (recipient(stored, to), expect.get("error")) {
        (Ok(got), None) => {
            let want = expect.get("result").ok_or("expect needs \"result\" or \"error\"")?;
            if &got != want {
                return Err(format!("got {got}, expected {want}"));
            }
            Ok(())
        }
        (Ok(got), Some(_)) => Err(format!("expected an error, got {got}")),
        (Err(e), Some(want)) => checks::error(&e, want),
        (Err(e), None) => Err(format!("unexpected error {}", e.to_json())),
    }
}

fn run_query(q: &Value, case: &Value) -> Result<(), String> {
    let q = q.as_str().ok_or("query must be a string")?;
    let expect = case.get("expect").ok_or("query case needs \"expect\"")?;
    match (parse_identifier_query(q), expect.get("error")) {
        (Ok(parsed), None) => {
            let got = parsed.to_json();
            let want = expect.get("result").ok_or("expect needs \"result\" or \"error\"")?;
            if &got != want {
                return Err(format!("got {got}, expected {want}"));
            }
            Ok(())
        }
        (Ok(parsed), Some(_)) => Err(format!("expected an error, got {}", parsed.to_json())),
        (Err(e), Some(want)) => checks::error(&e, want),
        (Err(e), None) => Err(format!("unexpected error {}", e.to_json())),
    }
}

fn run_preview(platform: &str, case: &Value) -> Result<(), String> {
    let mut req = Map::new();
    req.insert("platform".into(), json!(platform));
    for key in ["method", "stored", "body", "userId", "now", "query"] {
        if let Some(v) = case.get(key) {
            req.insert(key.into(), v.clone());
        }
    }
    if !req.contains_key("now") {
        req.insert("now".into(), json!(NOW));
    }
    let request = PreviewRequest::from_json(&Value::Object(req)).map_err(|e| format!("bad request in case: {e}"))?;
    let expect = case.get("expect").ok_or("preview case needs \"expect\"")?;
    let result = preview(&request);
    // The by-value form (previewJson, the JS preview) answers the same.
    if profile_preview::preview_owned(request.clone()) != result {
        return Err(format!("preview_owned differs from preview: {:?}", profile_preview::preview_owned(request.clone())));
    }
    let out = match (result, expect.get("error")) {
        (Err(e), Some(want)) => return checks::error(&e, want),
        (Err(e), None) => return Err(format!("unexpected error {}", e.to_json())),
        (Ok(out), Some(_)) => return Err(format!("expected an error, got {}", out.to_json())),
        (Ok(out), None) => out,
    };
    let got = out.to_json();
    checks::written_like_serde(&out, &out.to_json())?;
    let profile = out.profile.clone().unwrap_or(Value::Null);
    let want_profile = expect.get("profile").ok_or("expect needs \"profile\" or \"error\"")?;
    if &profile != want_profile {
        return Err(format!("profile: got {profile}, expected {want_profile}"));
    }
    if let Some(want) = expect.get("changes") {
        if got.get("changes") != Some(want) {
            return Err(format!("changes: got {}, expected {want}", got.get("changes").unwrap_or(&Value::Null)));
        }
    }
    for key in ["status", "response"] {
        if let Some(want) = expect.get(key) {
            if got.get(key) != Some(want) {
                return Err(format!("{key}: got {}, expected {want}", got.get(key).unwrap_or(&Value::Null)));
            }
        }
    }
    let codes: Vec<Value> = out.warnings.iter().map(|w| json!(w.code)).collect();
    let want_codes = expect.get("warnings").cloned().unwrap_or_else(|| json!([]));
    if Value::Array(codes.clone()) != want_codes {
        return Err(format!("warnings: got {}, expected codes {want_codes}", got.get("warnings").unwrap_or(&Value::Null)));
    }
    // Invariants every platform owes: the changes are a JSON Patch from
    // stored to the result, and a body preview accepts is one validate accepts.
    checks::changes_patch(request.stored.as_ref(), out.profile.as_ref(), &out.changes)?;
    let issues = validate(request.platform, request.method, request.body.as_ref());
    if !issues.is_empty() {
        let list: Vec<Value> = issues.iter().map(|i| i.to_json()).collect();
        return Err(format!("preview succeeded but validate reports {}", Value::Array(list)));
    }
    Ok(())
}
