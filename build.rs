//! Embeds the data-driven test cases (tests/cases/**/*.json) into a
//! generated `cases.rs`, so the wasm tests — which cannot read files at run
//! time — run every case file without a hand-kept list. The library itself
//! does not use it.

use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&manifest).join("tests/cases");
    println!("cargo:rerun-if-changed=tests/cases");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let mut code = String::from("/// Every case file: (path under tests/cases, contents).\npub const CASE_FILES: &[(&str, &str)] = &[\n");
    for rel in &files {
        let abs = root.join(rel);
        let _ = writeln!(code, "    ({rel:?}, include_str!({:?})),", abs.to_string_lossy());
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let _ = std::fs::write(Path::new(&out).join("cases.rs"), code);
}
