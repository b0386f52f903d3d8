//! Robustness: random stored profiles and request bodies for every platform
//! and method never panic — `preview` and `validate` return a result or a
//! ProfileError. Bodies are built around each platform's real keys so the
//! generator reaches deep into the platform code, not just the first check.

use profile_preview::{preview, validate, Method, Platform, PreviewRequest};
use profile_preview::{Value};
/// `serde_json::json!` as the crate's `Value`.
macro_rules! json {
    ($($t:tt)+) => {
        profile_preview::Value::from(serde_json::json!($($t)+))
    };
}

#[path = "common/gen.rs"]
mod gen;
use gen::{value, Rng};

const KEYS: [&str; 24] = [
    "profile", "patch", "operations", "$set", "$set_once", "$unset", "$append", "$remove", "$increment", "$add",
    "$email", "$sms", "$slack", "$ms_teams", "$timezone", "identifiers", "attributes", "name", "source", "type",
    "op", "path", "value", "from",
];

/// A value whose object keys come from the platforms' vocabulary.
fn shaped(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth == 0 { 3 } else { 6 }) {
        0 => value(rng, 0),
        1 => json!(["/a", "/profile/x", "-", "a@b.co", "+15550100", "Europe/Paris", "zendesk", "email"][rng.below(8) as usize]),
        2 => json!(rng.below(30)),
        3 => Value::Array((0..rng.below(4)).map(|_| shaped(rng, depth - 1)).collect()),
        _ => {
            let mut m = profile_preview::Map::new();
            for _ in 0..rng.below(5) {
                m.insert(KEYS[rng.below(KEYS.len() as u64) as usize].to_string(), shaped(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}

#[test]
fn preview_and_validate_never_panic() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    let platforms = [Platform::Courier, Platform::Suprsend, Platform::Zendesk];
    let methods = [Method::Post, Method::Put, Method::Patch, Method::Delete];
    let mut ok = 0;
    for i in 0..30_000u64 {
        let platform = platforms[(i % 3) as usize];
        let method = methods[((i / 3) % 4) as usize];
        let stored = if rng.below(4) == 0 { None } else { Some(shaped(&mut rng, 4)) };
        let body = Some(shaped(&mut rng, 5));
        let req = PreviewRequest {
            platform,
            method,
            stored,
            body: body.clone(),
            user_id: if rng.below(2) == 0 { Some("u1".into()) } else { None },
            now: Some("2026-01-01T00:00:00Z".into()),
            query: None,
        };
        if preview(&req).is_ok() {
            ok += 1;
        }
        let _ = validate(platform, method, body.as_ref());
    }
    println!("{ok} of 30000 random requests accepted");
    // The generator must reach the success paths too, not only errors.
    assert!(ok > 500, "only {ok} random requests were accepted");
}
