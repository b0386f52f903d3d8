//! Runs tests/cases/http/*.json natively (`preview_http`); the case format
//! is described in tests/common/http_runner.rs.

#[path = "common/http_runner.rs"]
mod http_runner;

#[test]
fn http_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/http");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "json"));
    paths.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in &paths {
        let file = format!("http/{}", path.file_name().unwrap_or_default().to_string_lossy());
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path:?}: {e}"));
        count += http_runner::count_cases(&text);
        failures.extend(http_runner::run_case_file(&file, &text));
    }
    assert!(count > 0, "no cases found in {dir:?}");
    println!("http: {count} cases in {} files", paths.len());
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}
