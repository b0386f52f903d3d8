//! wasm-bindgen-test suite in Node: `cargo test --target wasm32-unknown-unknown --test wasm_node`.
#![cfg(target_arch = "wasm32")]

#[path = "common/wasm_suite.rs"]
mod wasm_suite;
