//! Data-driven template cases, shared by the native runner
//! (`tests/template_cases.rs`, reads `tests/cases/template/*.json`) and a
//! wasm test (which embeds the same files with `include_str!`).
//!
//! A file holds one case object or an array of them:
//! ```json
//! {"name": "...", "template": "...", "context": {}, "options": {},
//!  "output": "...",                                  // expected render
//!  "error": {"code": "template_syntax", "line": 1, "column": 5, "message": "substring"},
//!  "variables": ["profile.name", {"path": "x", "line": 1, "column": 3}],
//!  "missing": ["profile.nickname"],                 // missing(context)
//!  "skip": "reason"}                                 // a documented divergence: not run
//! ```
//! `error` applies to compiling, or to rendering when compiling succeeds.
#![allow(dead_code)]

use profile_preview::{Template, TemplateOptions, VariableRef};
use profile_preview::{Value};

/// The cases in a file's text.
pub fn cases(text: &str) -> Result<Vec<Value>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    Ok(match v {
        Value::Array(items) => items,
        Value::Object(_) => vec![v],
        _ => return Err("expected a case object or an array of cases".into()),
    })
}

/// Number of cases in a file's text.
pub fn case_count(text: &str) -> usize {
    cases(text).map_or(0, |c| c.len())
}

fn check_vars(label: &str, want: &Value, got: &[VariableRef], fails: &mut Vec<String>) {
    let Some(want) = want.as_array() else {
        fails.push(format!("{label}: expectation must be an array"));
        return;
    };
    let full = want.iter().any(|w| w.is_object());
    let got_v: Vec<Value> = got
        .iter()
        .map(|v| if full { v.to_json() } else { Value::String(v.path.clone()) })
        .collect();
    if &got_v != want {
        fails.push(format!("{label}: expected {}, got {}", Value::Array(want.clone()), Value::Array(got_v)));
    }
}

fn check_error(label: &str, want: &Value, err: &profile_preview::ProfileError, fails: &mut Vec<String>) {
    let mut bad = Vec::new();
    if let Some(code) = want.get("code").and_then(Value::as_str) {
        if err.code != code {
            bad.push(format!("code {} (want {code})", err.code));
        }
    }
    if let Some(line) = want.get("line").and_then(Value::as_u64) {
        if err.line != Some(line as u32) {
            bad.push(format!("line {:?} (want {line})", err.line));
        }
    }
    if let Some(col) = want.get("column").and_then(Value::as_u64) {
        if err.column != Some(col as u32) {
            bad.push(format!("column {:?} (want {col})", err.column));
        }
    }
    if let Some(m) = want.get("message").and_then(Value::as_str) {
        if !err.message.contains(m) {
            bad.push(format!("message lacks {m:?}"));
        }
    }
    if let Some(p) = want.get("path").and_then(Value::as_str) {
        if err.path.as_deref() != Some(p) {
            bad.push(format!("path {:?} (want {p})", err.path));
        }
    }
    if !bad.is_empty() {
        fails.push(format!("{label}: wrong error: {} -- {}", bad.join(", "), err.message));
    }
}

/// Run one case; failures are appended to `fails`.
pub fn run_case(label: &str, case: &Value, fails: &mut Vec<String>) {
    if case.get("skip").is_some() {
        return;
    }
    let Some(src) = case.get("template").and_then(Value::as_str) else {
        fails.push(format!("{label}: no \"template\" string"));
        return;
    };
    let null = Value::Null;
    let empty = Value::Object(Default::default());
    let ctx = case.get("context").unwrap_or(&empty);
    let opts = match TemplateOptions::from_json(case.get("options").unwrap_or(&null)) {
        Ok(o) => o,
        Err(e) => {
            match case.get("error") {
                Some(want) => check_error(label, want, &e, fails),
                None => fails.push(format!("{label}: options rejected: {e}")),
            }
            return;
        }
    };
    let want_err = case.get("error");
    let t = match Template::new(src, opts) {
        Ok(t) => t,
        Err(e) => {
            match want_err {
                Some(want) => check_error(label, want, &e, fails),
                None => fails.push(format!("{label}: compile failed: {e}")),
            }
            return;
        }
    };
    if let Some(want) = case.get("variables") {
        check_vars(&format!("{label} (variables)"), want, &t.variables(), fails);
    }
    if let Some(want) = case.get("missing") {
        check_vars(&format!("{label} (missing)"), want, &t.missing(ctx), fails);
    }
    let result = t.render(ctx);
    // The JSON-bytes path (used by the wasm bindings) must agree exactly.
    let bytes = serde_json::to_vec(ctx).unwrap_or_default();
    match (&result, t.render_json(&bytes)) {
        (Ok(a), Ok(b)) if *a == b => {}
        (Err(a), Err(b)) if a.code == b.code && a.message == b.message => {}
        (a, b) => fails.push(format!("{label}: render_json differs from render: {a:?} vs {b:?}")),
    }
    if let Ok(m) = t.missing_json(&bytes) {
        if m != t.missing(ctx) {
            fails.push(format!("{label}: missing_json differs from missing"));
        }
    }
    match (result, case.get("output"), want_err) {
        (Ok(out), Some(Value::String(want)), _) => {
            if &out != want {
                fails.push(format!("{label}: output mismatch\n   want: {want:?}\n    got: {out:?}"));
            }
        }
        (Ok(out), _, Some(_)) => fails.push(format!("{label}: expected an error, rendered {out:?}")),
        (Ok(_), _, None) => {}
        (Err(e), _, Some(want)) => check_error(label, want, &e, fails),
        (Err(e), _, None) => fails.push(format!("{label}: render failed: {e}")),
    }
}

/// Run every case of a file; returns one message per failing case.
pub fn run_case_file(name: &str, text: &str) -> Vec<String> {
    let cases = match cases(text) {
        Ok(c) => c,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let mut fails = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let label = match case.get("name").and_then(Value::as_str) {
            Some(n) => format!("{name} #{i} \"{n}\""),
            None => format!("{name} #{i}"),
        };
        run_case(&label, case, &mut fails);
    }
    fails
}
