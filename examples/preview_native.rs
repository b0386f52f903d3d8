//! Times `preview` natively on the benchmark's 90-field profile (a sanity
//! baseline for the wasm numbers of bench/run.mjs).
use profile_preview::{preview, Method, Platform, PreviewRequest};
use serde_json::{json, Map, Value};
use std::time::Instant;

fn main() {
    let mut stored = Map::new();
    for i in 0..90 {
        let v = if i % 3 == 0 { json!({"nested": i, "tags": [i, i + 1]}) } else { json!(format!("value {i}")) };
        stored.insert(format!("field_{i}"), v);
    }
    let mut update = Map::new();
    for i in (0..90).step_by(4) {
        update.insert(format!("field_{i}"), if i % 8 == 0 { Value::Null } else { json!(format!("new {i}")) });
    }
    let stored_text = Value::Object(stored).to_string();
    let body_text = json!({"profile": update}).to_string();
    let n = 20_000;
    let start = Instant::now();
    for _ in 0..n {
        let req = PreviewRequest {
            platform: Platform::Courier,
            method: Method::Post,
            stored: Some(stored_text.parse().unwrap_or_default()),
            body: Some(body_text.parse().unwrap_or_default()),
            user_id: None,
            now: Some("2026-01-01T00:00:00Z".into()),
            query: None,
        };
        let out = preview(&req).map(|p| p.to_json().to_string()).unwrap_or_default();
        std::hint::black_box(out);
    }
    let time = |label: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        println!("  {label}: {:.1} µs/op", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    };
    let sv: profile_preview::Value = stored_text.parse().unwrap_or_default();
    let bv: profile_preview::Value = body_text.parse().unwrap_or_default();
    time("parse stored", &mut || { std::hint::black_box(stored_text.parse::<profile_preview::Value>().ok()); });
    time("clone stored", &mut || { std::hint::black_box(sv.clone()); });
    time("merge", &mut || { std::hint::black_box(profile_preview::merge_deep(&sv, &bv["profile"])); });
    let merged = profile_preview::merge_deep(&sv, &bv["profile"]);
    time("diff", &mut || { std::hint::black_box(profile_preview::diff(&sv, &merged)); });
    time("to_string", &mut || { std::hint::black_box(merged.to_string()); });
    println!("native preview incl. parse + serialize: {:.1} µs/op", start.elapsed().as_secs_f64() * 1e6 / n as f64);
}
