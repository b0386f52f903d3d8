//! The wasm test suite, shared by tests/wasm_node.rs (Node) and
//! tests/wasm_browser.rs (headless Chromium): the data-driven cases run in
//! wasm through the Rust API, and the JS-facing exports are called with real
//! JS values (including values JSON cannot hold).

use js_sys::{Reflect, JSON};
use profile_preview::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "json_runner.rs"]
mod json_runner;
#[path = "template_runner.rs"]
mod template_runner;
#[path = "http_runner.rs"]
mod http_runner;
#[path = "platform_runner.rs"]
#[allow(dead_code)] // count_cases is for the native summary
mod platform_runner;

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn text(v: &JsValue) -> String {
    JSON::stringify(v).map(String::from).unwrap_or_default()
}

fn field(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The thrown value is a ProfileError with this code.
fn assert_error(result: Result<JsValue, JsValue>, code: &str) -> JsValue {
    let err = result.expect_err("expected a ProfileError");
    assert!(err.is_instance_of::<js_sys::Error>(), "not an Error: {}", text(&err));
    assert_eq!(field(&err, "name").as_string().as_deref(), Some("ProfileError"));
    assert_eq!(field(&err, "code").as_string().as_deref(), Some(code), "{:?}", field(&err, "message").as_string());
    err
}

/// Runs every case file of `dir` (under tests/cases) with `runner`.
fn run_dir(dir: &str, runner: fn(&str, &str) -> Vec<String>) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut files = 0;
    for (path, text) in CASE_FILES.iter().filter(|(p, _)| p.starts_with(&format!("{dir}/"))) {
        let name = if dir == "json" { path.trim_start_matches("json/") } else { path };
        failures.extend(runner(name, text));
        files += 1;
    }
    (files, failures)
}

#[wasm_bindgen_test]
fn json_cases_in_wasm() {
    let (files, failures) = run_dir("json", json_runner::run_case_file);
    assert!(files >= 5, "json case files missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn platform_cases_in_wasm() {
    for dir in ["courier", "suprsend", "zendesk"] {
        let (files, failures) = run_dir(dir, platform_runner::run_case_file);
        assert!(files >= 2, "{dir} case files missing");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

#[wasm_bindgen_test]
fn http_cases_in_wasm() {
    let (files, failures) = run_dir("http", http_runner::run_case_file);
    assert!(files >= 2, "http case files missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn preview_http_and_json_through_js_values() {
    let out = wasm::preview_http(js(
        r#"{"method":"PUT","url":"https://api.courier.com/users/u1/tokens/t1","body":"{\"token\":\"t1\",\"provider_key\":\"apn\",\"expiry_date\":false}","now":"2026-01-01T00:00:00Z"}"#,
    ))
    .unwrap();
    assert_eq!(field(&out, "status").as_f64(), Some(204.0));
    assert_eq!(field(&out, "operation").as_string().as_deref(), Some("PUT /users/{user_id}/tokens/{token}"));
    assert_eq!(text(&field(&out, "profile")), r#"{"tokens":[{"token":"t1","provider_key":"apn","expiry_date":false}]}"#);
    assert_error(wasm::preview_http(js(r#"{"method":"POST","url":"https://example.com/x"}"#)), "unsupported_endpoint");
    let text_out = wasm::preview_json(JsValue::from_str(
        r#"{"platform":"courier","method":"POST","stored":{"a":1},"body":{"profile":{"b":2}},"now":"2026-01-01T00:00:00Z"}"#,
    ))
    .unwrap();
    assert_eq!(
        text_out,
        r#"{"profile":{"a":1,"b":2},"changes":[{"op":"add","path":"/b","value":2}],"warnings":[],"status":200,"response":{"status":"SUCCESS"}}"#
    );
    let err = wasm::preview_json(JsValue::from_str("{not json")).map(JsValue::from);
    assert_error(err, "invalid_json");
    let parsed = wasm::parse_request(JsValue::from_str("curl -X PATCH https://api.courier.com/profiles/u1 \\\n -d '{\"patch\":[]}'")).unwrap();
    assert_eq!(text(&parsed), r#"{"method":"PATCH","url":"https://api.courier.com/profiles/u1","body":"{\"patch\":[]}"}"#);
    assert_error(wasm::parse_request(JsValue::from_str("curl 'unterminated")), "invalid_request_text");
    assert_error(wasm::parse_request(JsValue::from_f64(1.0)), "invalid_argument");
}

#[wasm_bindgen_test]
fn template_cases_in_wasm() {
    let (files, failures) = run_dir("template", template_runner::run_case_file);
    assert!(files >= 10, "template case files missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn merge_and_patch_through_js_values() {
    let merged = wasm::merge_deep(js(r#"{"a":{"b":1,"c":2}}"#), js(r#"{"a":{"c":null,"d":[1]}}"#)).unwrap();
    assert_eq!(text(&merged), r#"{"a":{"b":1,"d":[1]}}"#);
    let doc = js(r#"{"n":1}"#);
    let patched = wasm::apply_patch(doc.clone(), js(r#"[{"op":"add","path":"/m","value":2}]"#)).unwrap();
    assert_eq!(text(&patched), r#"{"n":1,"m":2}"#);
    assert_eq!(text(&doc), r#"{"n":1}"#, "input mutated");
    let err = assert_error(wasm::apply_patch(doc, js(r#"[{"op":"remove","path":"/x"}]"#)), "path_not_found");
    assert_eq!(field(&err, "path").as_string().as_deref(), Some("/x"));
    assert_error(wasm::apply_patch(js("{}"), js(r#"{"op":"add"}"#)), "invalid_argument");
}

#[wasm_bindgen_test]
fn courier_preview_through_js_values() {
    let out = wasm::preview(js(
        r#"{"platform":"courier","method":"PUT","stored":{"a":1,"b":2},"body":{"profile":{"a":1}}}"#,
    ))
    .unwrap();
    assert_eq!(text(&field(&out, "profile")), r#"{"a":1}"#);
    assert_eq!(text(&field(&out, "changes")), r#"[{"op":"remove","path":"/b","old":2}]"#);
    let err = assert_error(wasm::preview(js(r#"{"platform":"courier","method":"POST","body":[]}"#)), "invalid_body");
    assert_eq!(text(&field(&err, "body")).contains("invalid_request_error"), true);
    assert_eq!(field(&err, "status").as_f64(), Some(400.0));
}

#[wasm_bindgen_test]
fn non_json_values_are_errors() {
    let obj = js(r#"{"a":{}}"#);
    let inner = field(&obj, "a");
    for bad in [JsValue::UNDEFINED, JsValue::from_f64(f64::NAN), JsValue::from_f64(f64::INFINITY),
        JsValue::bigint_from_str("5"), js_sys::Function::new_no_args("").into(), JsValue::symbol(None)] {
        Reflect::set(&inner, &JsValue::from_str("bad"), &bad).unwrap();
        let result = wasm::merge_deep(JsValue::NULL, obj.clone());
        if bad.is_undefined() {
            // JSON.stringify drops undefined members; so do we.
            assert_eq!(text(&result.unwrap()), r#"{"a":{}}"#);
            continue;
        }
        let err = assert_error(result, "invalid_json");
        assert_eq!(field(&err, "path").as_string().as_deref(), Some("/a/bad"));
    }
    assert_error(wasm::merge_deep(JsValue::UNDEFINED, js("{}")), "invalid_json");
}

#[wasm_bindgen_test]
fn ten_thousand_deep_input_is_an_error_not_a_trap() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let value = JSON::parse(&deep).unwrap();
    assert_error(wasm::merge_deep(value.clone(), js("{}")), "limit_exceeded");
    assert_error(wasm::preview(js(r#"{"platform":"courier","method":"PUT","body":{"profile":{}}}"#).tap_set("stored", &value)), "limit_exceeded");
    // The instance is still alive.
    assert!(wasm::merge_deep(js("{}"), js("{}")).is_ok());
}

#[wasm_bindgen_test]
fn proto_keys_stay_data() {
    let out = wasm::merge_deep(js("{}"), js(r#"{"__proto__":{"polluted":true}}"#)).unwrap();
    let own = js_sys::Object::get_own_property_names(out.unchecked_ref::<js_sys::Object>());
    assert_eq!(text(&own), r#"["__proto__"]"#);
    let proto = js_sys::Object::get_prototype_of(&out);
    assert!(JsValue::from(proto).loose_eq(&JsValue::from(js_sys::Object::get_prototype_of(&js_sys::Object::new()))));
    assert!(field(&js_sys::Object::new(), "polluted").is_undefined());
}

#[wasm_bindgen_test]
fn host_time_zones() {
    assert!(profile_preview::host::is_iana_timezone("Europe/Paris"));
    assert!(!profile_preview::host::is_iana_timezone("Mars/Olympus"));
    assert_eq!(profile_preview::host::utc_offset_minutes("Asia/Kolkata", 0.0), Some(330));
    assert_eq!(profile_preview::host::utc_offset_minutes("Europe/Paris", 1_719_792_000_000.0), Some(120));
    assert!(profile_preview::host::now_ms() > 1.7e12);
}

trait TapSet {
    fn tap_set(self, key: &str, value: &JsValue) -> JsValue;
}

impl TapSet for JsValue {
    fn tap_set(self, key: &str, value: &JsValue) -> JsValue {
        Reflect::set(&self, &JsValue::from_str(key), value).unwrap();
        self
    }
}

/// The wasm global allocator (src/wasm_alloc.rs) under churn: blocks of
/// many sizes and alignments keep their contents through reallocs and
/// reuse, and over-aligned requests are honoured.
#[wasm_bindgen_test]
fn allocator_keeps_blocks_intact() {
    use std::alloc::{alloc, dealloc, Layout};
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut live: Vec<Vec<u8>> = Vec::new();
    for round in 0..20_000usize {
        let r = next();
        if r % 3 == 0 && !live.is_empty() {
            let i = (next() as usize) % live.len();
            let v = live.swap_remove(i);
            let tag = v.first().copied().unwrap_or(0);
            assert!(v.iter().all(|&b| b == tag), "block corrupted (round {round})");
        } else if r % 3 == 1 && !live.is_empty() {
            let i = (next() as usize) % live.len();
            let v = &mut live[i];
            let tag = v.first().copied().unwrap_or(round as u8);
            let extra = (next() % 700) as usize;
            v.extend(std::iter::repeat_n(tag, extra)); // realloc, often across classes
        } else {
            let len = (next() % 3000) as usize + 1;
            live.push(vec![(round % 251) as u8; len]);
        }
    }
    for v in &live {
        let tag = v[0];
        assert!(v.iter().all(|&b| b == tag));
    }
    for align in [1usize, 8, 16, 64, 4096] {
        for size in [1usize, 24, 100, 5000] {
            let layout = Layout::from_size_align(size, align).unwrap();
            let p = unsafe { alloc(layout) };
            assert!(!p.is_null());
            assert_eq!(p as usize % align, 0, "size {size} align {align}");
            unsafe {
                p.write_bytes(0xAB, size);
                dealloc(p, layout);
            }
        }
    }
    // A large block (bigger than one growth step) round-trips too.
    let big = vec![7u8; 3 << 20];
    assert!(big.iter().all(|&b| b == 7));
}
