//! Runs tests/cases/json/*.json natively.

#[path = "common/json_runner.rs"]
mod json_runner;

#[test]
fn json_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/json");
    let mut failures = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        failures.extend(json_runner::run_case_file(&name, &std::fs::read_to_string(&path).unwrap()));
        files += 1;
    }
    assert!(files >= 5, "case files not found in {dir:?}");
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}
