//! Arbitrary template source (first byte picks the options) compiled and
//! rendered against one fixed, rich context: never a panic; analysis too.
#![no_main]
use libfuzzer_sys::fuzz_target;
use profile_preview::{Template, TemplateOptions};
use profile_preview::Value;
use serde_json::json;
use std::sync::OnceLock;

fn context() -> &'static Value {
    static CTX: OnceLock<Value> = OnceLock::new();
    CTX.get_or_init(|| {
        json!({
            "profile": {"name": "Ada <Lovelace>", "email": "ada@example.com", "age": 36, "vip": true,
                        "tags": ["a", "b", "&c"], "address": {"city": "London", "zip": null}, "score": -1.5e3},
            "data": {"items": [{"name": "x", "qty": 2, "price": 9.99}, {"name": "y", "qty": 0}], "empty": [],
                     "when": "2026-03-05T14:07:09.25Z", "ms": 1719792000000u64, "html": "<b>hi</b>",
                     "nested": {"a": {"b": {"c": [1, [2, [3]]]}}}, "zero": 0, "blank": "", "no": false,
                     "keys": ["name", "email", "__proto__"], "n": 3},
            "tenant": {"id": "t1"}, "brand": {"colors": {"primary": "#fff"}},
            "__proto__": {"polluted": true}, "constructor": {"prototype": 1}
        })
        .into()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, src)) = data.split_first() else { return };
    let Ok(src) = std::str::from_utf8(src) else { return };
    let pick = |list: &[&'static str], k: u8| list[(k as usize) % list.len()];
    let delimiters = pick(&["auto", "handlebars", "angle"], sel);
    let missing = pick(&["empty", "keep", "error"], sel / 3);
    let escape = pick(&["html", "none"], sel / 9);
    let dialect = pick(&["courier", "suprsend", "handlebars"], sel / 18);
    let opts = json!({
        "delimiters": delimiters,
        "missing": missing,
        "escape": escape,
        "dialect": dialect,
        "partials": {"p": "[{{name}}]", "q": "{{> p}}<<this>>"},
        "maxOutputBytes": 1 << 16,
    })
    .into();
    let Ok(options) = TemplateOptions::from_json(&opts) else { return };
    if let Ok(t) = Template::new(src, options) {
        let _ = t.render(context());
        let _ = t.variables();
        let _ = t.missing(context());
    }
});
