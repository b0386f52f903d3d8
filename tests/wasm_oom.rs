//! In real wasm: a context too large for the memory that is left is a
//! `ProfileError` (`out_of_memory`), not a trap that kills the instance.
//! Its own test binary (its own instance): it grows the wasm memory to its
//! 4 GiB maximum, which never shrinks. The pages are grown, not written,
//! so the host commits no RAM for them.
//! `cargo test --target wasm32-unknown-unknown --test wasm_oom`
#![cfg(target_arch = "wasm32")]

use profile_preview::{Template, TemplateOptions};
use wasm_bindgen_test::wasm_bindgen_test;

const PAGE: usize = 65_536;
/// wasm32's maximum memory, in pages.
const MAX_PAGES: usize = 65_536;

#[wasm_bindgen_test]
fn json_reader_out_of_memory_is_an_error_not_a_trap() {
    let t = Template::new("{{#each a}}{{/each}}{{b}}", TemplateOptions::default()).unwrap();
    assert_eq!(t.render_json(br#"{"a":[1,2],"b":"ok"}"#).unwrap(), "ok");
    // 6 MiB of JSON text whose array needs ~48 MiB of values (not parsed
    // before: its freed blocks would be reused).
    let text = format!("{{\"a\":[{}0],\"b\":1}}", "0,".repeat(3 << 20));
    // Leave 8 MiB: the allocator keeps serving small blocks, but the
    // array's values no longer fit.
    let now = core::arch::wasm32::memory_size(0);
    let grown = core::arch::wasm32::memory_grow(0, MAX_PAGES - now - (8 << 20) / PAGE);
    assert_ne!(grown, usize::MAX, "could not grow the memory (host limit?)");
    let err = t.render_json(text.as_bytes()).unwrap_err();
    assert_eq!(err.code, "out_of_memory", "{err:?}");
    // The instance lives on.
    assert_eq!(t.render_json(br#"{"a":[1,2],"b":"ok"}"#).unwrap(), "ok");
}
