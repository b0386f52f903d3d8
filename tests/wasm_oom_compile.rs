//! In real wasm: a template too large to compile in the memory that is left
//! is a `ProfileError` (`out_of_memory`), not a trap that kills the
//! instance. Its own test binary (its own instance): it grows the wasm
//! memory to its 4 GiB maximum, which never shrinks (see tests/wasm_oom.rs).
//! `cargo test --target wasm32-unknown-unknown --test wasm_oom_compile`
#![cfg(target_arch = "wasm32")]

use profile_preview::{Template, TemplateOptions};
use wasm_bindgen_test::wasm_bindgen_test;

const PAGE: usize = 65_536;
/// wasm32's maximum memory, in pages.
const MAX_PAGES: usize = 65_536;

#[wasm_bindgen_test]
fn compile_out_of_memory_is_an_error_not_a_trap() {
    let small = Template::new("Hi {{name}}", TemplateOptions::default()).unwrap();
    assert_eq!(small.render_json(br#"{"name":"Ada"}"#).unwrap(), "Hi Ada");
    // 1 MiB (the source limit) of tags: a token list and node list of
    // tens of MiB. Built before memory is filled.
    let source = "{{a}}<b>".repeat((1 << 20) / 8);
    // Leave 8 MiB: small blocks are still served, the lists cannot grow.
    let now = core::arch::wasm32::memory_size(0);
    let grown = core::arch::wasm32::memory_grow(0, MAX_PAGES - now - (8 << 20) / PAGE);
    assert_ne!(grown, usize::MAX, "could not grow the memory (host limit?)");
    let err = Template::new(&source, TemplateOptions::default()).unwrap_err();
    assert_eq!(err.code, "out_of_memory", "{err:?}");
    // The instance lives on: compiling and rendering still work.
    let again = Template::new("Bye {{name}}", TemplateOptions::default()).unwrap();
    assert_eq!(again.render_json(br#"{"name":"Ada"}"#).unwrap(), "Bye Ada");
    assert_eq!(small.render_json(br#"{"name":"Ada"}"#).unwrap(), "Hi Ada");
}
