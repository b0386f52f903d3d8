//! Allocation failure while reading JSON or compiling a template is a `ProfileError`
//! (`out_of_memory`), not an abort: in wasm an abort traps and kills the
//! instance. A test-only global allocator refuses every allocation of
//! [`REFUSE_FROM`] bytes or more while armed (as a wasm memory that cannot
//! grow any more still serves small blocks from its free lists); before
//! the reader reserved fallibly, these tests aborted the test process.

use profile_preview::{Template, TemplateOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

const REFUSE_FROM: usize = 1 << 20;

struct Capped;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
}

fn armed() -> bool {
    ARMED.try_with(Cell::get).unwrap_or(false)
}

unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= REFUSE_FROM && armed() {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= REFUSE_FROM && armed() {
            return std::ptr::null_mut();
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Capped = Capped;

/// `f` with large allocations refused.
fn capped<T>(f: impl FnOnce() -> T) -> T {
    ARMED.with(|a| a.set(true));
    let out = f();
    ARMED.with(|a| a.set(false));
    out
}

fn render(text: &[u8]) -> Result<String, profile_preview::ProfileError> {
    let t = Template::new("{{#each data.a}}{{/each}}{{data.s.length}}{{data.o.k1}}", TemplateOptions::default())?;
    t.render_json(text)
}

#[test]
fn json_reader_reports_out_of_memory() {
    // A long array (the reader's scratch stack and the array itself), a
    // long string with escapes, a wide object (its index) and a wide object
    // with duplicate keys: each needs one allocation over the cap.
    let array = format!("{{\"data\":{{\"a\":[{}0]}}}}", "0,".repeat(200_000));
    let string = format!("{{\"data\":{{\"s\":\"\\n{}\"}}}}", "x".repeat(2 << 20));
    let keys: Vec<String> = (0..200_000).map(|i| format!("\"k{i}\":{i}")).collect();
    let wide = format!("{{\"data\":{{\"o\":{{{}}}}}}}", keys.join(","));
    let dups = format!("{{\"data\":{{\"o\":{{{},\"k1\":7}}}}}}", keys.join(","));
    for (name, text) in [("array", &array), ("string", &string), ("wide", &wide), ("duplicates", &dups)] {
        let got = capped(|| render(text.as_bytes()));
        let err = got.expect_err(name);
        assert_eq!(err.code, "out_of_memory", "{name}: {err:?}");
        assert_eq!(err.status, 400, "{name}");
        assert!(err.message.contains("out of memory"), "{name}: {}", err.message);
        // Not capped, the same input renders.
        assert!(render(text.as_bytes()).is_ok(), "{name}");
    }
    assert_eq!(render(dups.as_bytes()).unwrap(), "7");
}

#[test]
fn compile_reports_out_of_memory() {
    // Sources whose token list (then node list) needs one allocation over
    // the cap; each source itself stays under it.
    let tags = "{{a}}".repeat(150_000);
    let mixed = "{{a}}.".repeat(120_000);
    for (name, source) in [("tags", &tags), ("tags and text", &mixed)] {
        let got = capped(|| Template::new(source, TemplateOptions::default()).map(|_| ()));
        let err = got.expect_err(name);
        assert_eq!(err.code, "out_of_memory", "{name}: {err:?}");
        // Not capped, the same source compiles.
        assert!(Template::new(source, TemplateOptions::default()).is_ok(), "{name}");
    }
}

#[test]
fn profile_values_report_out_of_memory() {
    // The preview arguments (`json::parse`): the reader borrows a string
    // without escapes from the text, and the value it becomes copies it;
    // that copy, refused, was an abort while values were serde_json's.
    let text = format!("{{\"stored\":{{\"bio\":\"{}\"}}}}", "x".repeat(2 << 20));
    let err = capped(|| profile_preview::json::parse(text.as_bytes(), "request")).expect_err("capped");
    assert_eq!(err.code, "out_of_memory", "{err:?}");
    assert!(err.message.starts_with("request: out of memory"), "{}", err.message);
    let v = profile_preview::json::parse(text.as_bytes(), "request").unwrap();
    assert_eq!(v["stored"]["bio"].as_str().map(str::len), Some(2 << 20));
}
