//! wasm-bindgen-test suite in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown --test wasm_browser` (needs chromedriver).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "common/wasm_suite.rs"]
mod wasm_suite;
