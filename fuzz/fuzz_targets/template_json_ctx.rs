//! Arbitrary template source and arbitrary JSON context (`source \0 json`),
//! rendered from the JSON text (the wasm fast path) and from the parsed
//! value: never a panic, and both paths agree.
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::{Template, TemplateOptions};
use profile_preview::Value;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (src, json) = data.split_at(split);
    let json = json.get(1..).unwrap_or(&[]);
    let Ok(src) = std::str::from_utf8(src) else { return };
    // The dialect varies with the source length (cheap variety).
    let dialect = ["courier", "suprsend", "handlebars"][src.len() % 3];
    let opts: Value = serde_json::json!({"dialect": dialect, "maxOutputBytes": 1 << 16}).into();
    let Ok(options) = TemplateOptions::from_json(&opts) else { return };
    let Ok(t) = Template::new(src, options) else { return };
    let from_text = t.render_json(json);
    if let Ok(v) = serde_json::from_slice::<Value>(json) {
        let from_value = t.render(&v);
        match (&from_text, &from_value) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "render_json and render disagree"),
            (Err(a), Err(b)) => assert_eq!(a.code, b.code),
            _ => panic!("render_json {from_text:?} vs render {from_value:?}"),
        }
        let _ = t.missing(&v);
    }
});
