//! Checks shared by the platform and HTTP case runners: an error against a
//! case's `expect.error`, and the invariant every successful preview owes
//! (its `changes` patch the stored profile into the result).

use profile_preview::{apply_patch, Change, ProfileError};
use profile_preview::json::write::{to_string, WriteJson};
use profile_preview::Value;

/// A result's hand-written JSON text (previewJson, sessions, previewHttp)
/// and its `to_json()` both give what serde_json writes for it.
pub fn written_like_serde<T: WriteJson + serde::Serialize>(out: &T, to_json: &Value) -> Result<(), String> {
    let fast = to_string(out);
    let serde = serde_json::to_string(out).map_err(|e| e.to_string())?;
    if fast != serde {
        return Err(format!("JSON writer: {fast}\n  serde_json: {serde}"));
    }
    if to_json.to_string() != serde {
        return Err(format!("to_json: {to_json}\n  serde_json: {serde}"));
    }
    Ok(())
}

/// `e` matches `want` = `{status?, code?, type?, path?, body?, message?}`
/// (`message` is a substring).
pub fn error(e: &ProfileError, want: &Value) -> Result<(), String> {
    let got = e.to_json();
    for key in ["status", "code", "type", "path", "body"] {
        if let Some(w) = want.get(key) {
            if got.get(key) != Some(w) {
                return Err(format!("error {key}: got {}, expected {w} (error: {got})", got.get(key).unwrap_or(&Value::Null)));
            }
        }
    }
    if let Some(part) = want.get("message").and_then(Value::as_str) {
        if !e.message.contains(part) {
            return Err(format!("error message {:?} does not contain {part:?}", e.message));
        }
    }
    Ok(())
}

/// The `changes` of a preview are a JSON Patch from `stored` to `profile`.
pub fn changes_patch(stored: Option<&Value>, profile: Option<&Value>, changes: &[Change]) -> Result<(), String> {
    if let (Some(before), Some(after)) = (stored, profile) {
        let ops: Vec<Value> = changes.iter().map(|c| c.to_json()).collect();
        match apply_patch(before, &ops) {
            Ok(patched) if &patched == after => {}
            Ok(patched) => return Err(format!("changes patch stored into {patched}, not the profile")),
            Err(e) => return Err(format!("changes are not a valid JSON Patch: {e}")),
        }
    }
    Ok(())
}
