//! Data-driven JSON core cases (tests/cases/json/*.json), shared by the
//! native test and the wasm tests (which embed the files with include_str!).
//! The file name picks the function: `patch*`, `merge_patch*`, `merge*`,
//! `diff*`.

use profile_preview::{apply_merge_patch, apply_patch, diff, merge_deep, ProfileError};
use profile_preview::{Value};

/// Run every case of one file; returns one message per failing case.
pub fn run_case_file(file: &str, text: &str) -> Vec<String> {
    let cases: Vec<Value> = match serde_json::from_str(text) {
        Ok(Value::Array(c)) => c,
        other => return vec![format!("{file}: not a JSON array of cases: {other:?}")],
    };
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        if let Err(msg) = run_case(file, case) {
            failures.push(format!("{file} / {name}: {msg}"));
        }
    }
    failures
}

fn run_case(file: &str, case: &Value) -> Result<(), String> {
    if file.starts_with("patch") {
        let ops = case["patch"].as_array().ok_or("patch must be an array")?;
        let doc = case["doc"].clone();
        let got = apply_patch(&doc, ops);
        if doc != case["doc"] {
            return Err("input document was modified".into());
        }
        return expect(got, case);
    }
    if file.starts_with("merge_patch") {
        return expect(Ok(apply_merge_patch(&case["doc"], &case["patch"])), case);
    }
    if file.starts_with("merge") {
        let got = merge_deep(&case["target"], &case["source"]);
        if case["ordered"] == Value::Bool(true) && got.to_string() != case["expected"].to_string() {
            return Err(format!("key order: got {got}, expected {}", case["expected"]));
        }
        return expect(Ok(got), case);
    }
    if file.starts_with("diff") {
        let (before, after) = (&case["before"], &case["after"]);
        let changes: Vec<Value> = diff(before, after).iter().map(|c| c.to_json()).collect();
        if Value::Array(changes.clone()) != case["changes"] {
            return Err(format!("changes: got {}, expected {}", Value::Array(changes), case["changes"]));
        }
        let applied = apply_patch(before, &changes).map_err(|e| format!("diff is not a valid patch: {e}"))?;
        if &applied != after {
            return Err(format!("applying the diff gave {applied}, expected {after}"));
        }
        return Ok(());
    }
    Err(format!("no runner for file {file}"))
}

fn expect(got: Result<Value, ProfileError>, case: &Value) -> Result<(), String> {
    match (got, case.get("error")) {
        (Ok(v), None) if v == case["expected"] => Ok(()),
        (Ok(v), None) => Err(format!("got {v}, expected {}", case["expected"])),
        (Ok(v), Some(_)) => Err(format!("expected an error, got {v}")),
        (Err(e), None) => Err(format!("unexpected error {e}")),
        (Err(e), Some(want)) => {
            if want.get("code").is_some_and(|c| c != e.code.as_str()) {
                return Err(format!("error code {} (message {}), expected {}", e.code, e.message, want["code"]));
            }
            if want.get("path").is_some_and(|p| Some(p.as_str().unwrap_or_default()) != e.path.as_deref()) {
                return Err(format!("error path {:?}, expected {}", e.path, want["path"]));
            }
            if let Some(part) = want.get("message_contains").and_then(Value::as_str) {
                if !e.message.contains(part) {
                    return Err(format!("error message {:?} lacks {part:?}", e.message));
                }
            }
            Ok(())
        }
    }
}
